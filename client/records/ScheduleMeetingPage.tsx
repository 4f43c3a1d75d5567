import { useId, useState, type FormEvent } from 'react';
import { MEETING_MOMENTS, type MeetingMoment } from '../../shared/api/records.ts';
import type { MeetingKindView } from '../../shared/api/meeting-kinds.ts';
import { api, unwrap } from '../api/client.ts';
import { ApiError } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { fill } from './format.ts';
import { loadCase, loadDirectory, scheduleMeeting } from './records-api.ts';

/** datetime-local gives wall-clock time without a zone; meetings are held in Japan. */
function toJstIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+09:00`;
}

/** /cases/:caseId/meetings/new: kind, moment, date and time, video link, designated members. */
export function ScheduleMeetingPage({ caseId }: { caseId: string }) {
  const { t, tx, locale } = useI18n();
  const { user } = useSession();
  const { data, error: loadError, loading } = useApi(async () => {
    // The municipality's configured kinds (built-in and local ones), not a list compiled in.
    const [kase, directory, kinds] = await Promise.all([loadCase(caseId), loadDirectory(), unwrap<MeetingKindView[]>(api['meeting-kinds'].$get())]);
    return { kase, directory, kinds };
  }, caseId);
  const id = useId();
  const [kindId, setKindId] = useState<string | null>(null);
  const [moment, setMoment] = useState<MeetingMoment | ''>('');
  const [title, setTitle] = useState<string | null>(null);
  const [when, setWhen] = useState('');
  const [videoUrl, setVideoUrl] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; needsConsent: boolean } | null>(null);

  if (loading) return <p>{t('loading')}</p>;
  if (loadError || !data) return <p role="alert">{t('error')}: {loadError?.message}</p>;
  const { kase, directory, kinds } = data;
  if (!kase.canManage) return <p role="alert">{t('rec_scheduleNotAllowed')}</p>;

  // The case's legal basis suggests the kind; the server decides whether it is allowed.
  const kind = kindId ?? (kase.legalBasis === 'consent' ? 'jusoteki' : 'shien');
  const kindName = (k: MeetingKindView) => (locale === 'ja' ? k.nameJa : k.nameEn);
  const selectedKind = kinds.find((k) => k.id === kind) ?? kinds[0]!;
  const suggested = fill(t('rec_titleSuggestion'), { n: kase.meetings.length + 1, kind: kindName(selectedKind) }) + (moment ? ` (${tx(`moment_${moment}`)})` : '');
  const shownTitle = title ?? suggested;
  const orgName = (orgId: string) => directory.organisations.find((o) => o.id === orgId)?.name ?? t('rec_unknownOrg');
  const residents = new Set(directory.organisations.filter((o) => o.field === 'resident').map((o) => o.id));
  const candidates = directory.users.filter((u) => u.id !== user?.id && !residents.has(u.orgId));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await scheduleMeeting(caseId, {
        kindId: kind,
        moment: moment || null,
        title: shownTitle,
        scheduledAt: toJstIso(when),
        videoUrl: videoUrl.trim() || null,
        participants: members.map((userId) => ({ userId, role: 'member' as const })),
      });
      navigate(`/cases/${caseId}/records`);
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), needsConsent: e instanceof ApiError && e.status === 409 });
      setBusy(false);
    }
  };

  return (
    <section className="records-page schedule-page">
      <p>
        <Link to={`/cases/${caseId}`}>← {kase.title}</Link>
      </p>
      <h1>
        {t('rec_scheduleMeeting')} <small className="muted">{kase.title}</small>
      </h1>
      <p className="hint">
        {t('legalBasis')}: {tx(`basis_${kase.legalBasis}`)}
      </p>
      <form className="card schedule-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('rec_scheduleFormTitle')}</h2>
        <div className="form-row">
          <label>
            {t('rec_kind')}
            <select value={kind} onChange={(e) => setKindId(e.target.value)}>
              {kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {kindName(k)}
                  {k.consentRequired ? ` ${t('rec_kindConsent')}` : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rec_moment')}
            <select value={moment} onChange={(e) => setMoment(e.target.value as MeetingMoment | '')}>
              <option value="">{t('rec_momentNone')}</option>
              {MEETING_MOMENTS.map((m) => (
                <option key={m} value={m}>
                  {tx(`moment_${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rec_when')}
            <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required aria-describedby={`${id}-tz`} />
          </label>
        </div>
        <p className="hint" id={`${id}-tz`}>
          {t('rec_whenHint')}
        </p>
        <label className="block">
          {t('rec_meetingTitle')}
          <input value={shownTitle} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </label>
        <label className="block">
          {t('rec_videoUrl')}
          <input type="url" value={videoUrl} onChange={(e) => setVideoUrl(e.target.value)} placeholder="https://" pattern="https://.*" aria-describedby={`${id}-video`} />
        </label>
        <p className="hint" id={`${id}-video`}>
          {t('rec_videoUrlHint')}
        </p>
        <fieldset className="member-choices">
          <legend>{t('rec_members')}</legend>
          <p className="hint">{t('rec_membersHint')}</p>
          {candidates.map((u) => (
            <label key={u.id} className="check">
              <input
                type="checkbox"
                checked={members.includes(u.id)}
                onChange={(e) => setMembers((m) => (e.target.checked ? [...m, u.id] : m.filter((x) => x !== u.id)))}
              />
              {u.displayName} <small className="muted">{orgName(u.orgId)}</small>
            </label>
          ))}
        </fieldset>
        {error && (
          <div role="alert" className="error-box">
            <p>{error.message}</p>
            {error.needsConsent && (
              <p>
                <Link to={`/cases/${caseId}/consent`}>{t('rec_toConsent')}</Link>
              </p>
            )}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('rec_scheduling') : t('rec_scheduleSubmit')}
          </button>
          <Link to={`/cases/${caseId}/records`} className="button secondary">
            {t('consentCancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

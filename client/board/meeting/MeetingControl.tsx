import { useEffect, useId, useState } from 'react';
import type { MeetingDetail } from '../../../shared/api/cases.ts';
import { METHODS, type RecordDetails } from '../../../shared/api/records.ts';
import { MeetingStateControl } from '../../cases/MeetingStateControl.tsx';
import { errorMessage } from '../../consent/common.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { loadRecordDetails, saveRecordDetails } from '../../records/records-api.ts';
import { api, unwrap } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { Link } from '../../ui/router.tsx';

/**
 * The facilitator's control on the board itself (issue 11): start and end the meeting (the same
 * control and routes as the participants screen), and set what the 会議録 records about it:
 * 開催方法, 開催場所 and the 記録者, chosen from the meeting's participants. Fixed once it closed.
 */
export function MeetingControl({ meeting, onChanged }: { meeting: MeetingDetail; onChanged(): void }) {
  const { t, tx } = useI18n();
  const ids = { method: useId(), place: useId(), recorder: useId(), title: useId() };
  const [details, setDetails] = useState<RecordDetails | null>(null);
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const closed = meeting.state === 'closed';
  const { user } = useSession();
  // Whoever starts the meeting from its board is in it: recorded present (出席) at once, since a
  // board opened before the start did not count as joining a running meeting.
  const started = async () => {
    if (user && meeting.participants.some((p) => p.userId === user.id)) {
      await unwrap(api.meetings[':meetingId'].attendance.$post({ param: { meetingId: meeting.id }, json: { userId: user.id, present: true } })).catch(() => undefined);
    }
    onChanged();
  };

  useEffect(() => {
    let live = true;
    loadRecordDetails(meeting.id).then(
      (d) => live && setDetails(d),
      (e) => live && setStatus({ kind: 'error', text: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [meeting.id]);

  const save = async () => {
    if (!details) return;
    setBusy(true);
    setStatus(null);
    try {
      setDetails(await saveRecordDetails(meeting.id, details));
      setStatus({ kind: 'saved', text: t('rec_ctl_saved') });
    } catch (e) {
      setStatus({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card meeting-control" aria-labelledby={ids.title} data-testid="meeting-control">
      <h2 id={ids.title} className="panel-title">
        {t('rec_ctl_title')}
      </h2>
      <p className="hint small">{t('rec_ctl_intro')}</p>
      <MeetingStateControl meetingId={meeting.id} state={meeting.state} onChanged={meeting.state === 'scheduled' ? () => void started() : onChanged} />
      {closed && (
        <p>
          <Link to={`/meetings/${encodeURIComponent(meeting.id)}/record`}>{t('rec_ctl_toRecord')}</Link>
        </p>
      )}
      {details && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor={ids.method}>{t('rec_ctl_method')}</label>
          <select id={ids.method} aria-describedby={`${ids.method}-hint`} value={details.method ?? ''} disabled={closed} onChange={(e) => setDetails({ ...details, method: (e.target.value || null) as RecordDetails['method'] })}>
            <option value="">{t('rec_ctl_methodUnset')}</option>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {tx(`rec_ctl_method_${m}`)}
              </option>
            ))}
          </select>
          <p id={`${ids.method}-hint`} className="muted small">
            {t('rec_ctl_methodUnsetHint')}
          </p>
          <label htmlFor={ids.place}>{t('rec_ctl_place')}</label>
          <input id={ids.place} type="text" maxLength={200} value={details.place ?? ''} disabled={closed} onChange={(e) => setDetails({ ...details, place: e.target.value })} />
          <label htmlFor={ids.recorder}>{t('rec_ctl_recorder')}</label>
          <select id={ids.recorder} value={details.recorderUserId ?? ''} disabled={closed} onChange={(e) => setDetails({ ...details, recorderUserId: e.target.value || null })}>
            <option value="">{t('rec_ctl_recorderNone')}</option>
            {meeting.participants.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.displayName} ({p.orgName})
              </option>
            ))}
          </select>
          {closed ? (
            <p className="hint">{t('rec_ctl_fixed')}</p>
          ) : (
            <button type="submit" disabled={busy}>
              {t('rec_ctl_save')}
            </button>
          )}
        </form>
      )}
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'hint'}>
          {status.text}
        </p>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import type { CreatedInvitation, InvitationView } from '../../shared/api/invitations.ts';
import type { MeetingDetail } from '../../shared/api/cases.ts';
import type { HouseholdView } from '../../shared/api/case-admin.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { call } from './intake-api.ts';

/** /meetings/:id/invitations: invite to this meeting; who was invited, who accepted; revoke. */
export function InvitationsPage({ meetingId }: { meetingId: string }) {
  const { t, tx, dateTime } = useI18n();
  const [version, setVersion] = useState(0);
  const meeting = useApi(() => call<MeetingDetail>('GET', `/meetings/${encodeURIComponent(meetingId)}`), meetingId);
  const list = useApi(() => call<InvitationView[]>('GET', `/meetings/${encodeURIComponent(meetingId)}/invitations`), `${meetingId}:${version}`);
  const household = useApi(
    () => (meeting.data ? call<HouseholdView>('GET', `/cases/${meeting.data.caseId}/household`) : Promise.resolve({ persons: [], partnerships: [] })),
    meeting.data?.caseId ?? '',
  );
  const [role, setRole] = useState<'guest' | 'person' | 'family'>('guest');
  const [personId, setPersonId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [affiliation, setAffiliation] = useState('');
  const [mode, setMode] = useState<'password' | 'code'>('password');
  const [hours, setHours] = useState(72);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (meeting.loading) return <p>{t('loading')}</p>;
  if (meeting.error || !meeting.data) return <p role="alert">{meeting.error?.message}</p>;
  const persons = household.data?.persons ?? [];
  const chosenPerson = personId || persons[0]?.id || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const body = { role, personId: role === 'guest' ? null : chosenPerson, displayName, affiliation: affiliation || null, mode, expiresInHours: hours };
      setCreated(await call<CreatedInvitation>('POST', `/meetings/${meetingId}/invitations`, body));
      setDisplayName('');
      setAffiliation('');
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const revoke = async (id: string) => {
    await call('DELETE', `/meetings/${meetingId}/invitations/${id}`);
    setVersion((v) => v + 1);
  };

  return (
    <section className="intake-page">
      <p>
        <Link to={`/meetings/${meetingId}`}>← {meeting.data.title}</Link>
      </p>
      <h1>{t('in_invitationsTitle')}</h1>
      <p className="hint">{t('in_invitationsIntro')}</p>
      <form className="card" onSubmit={submit}>
        <div className="form-row">
          <label>
            {t('in_inviteRole')}
            <select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              {(['guest', 'person', 'family'] as const).map((r) => (
                <option key={r} value={r}>
                  {tx(`in_role_${r}`)}
                </option>
              ))}
            </select>
          </label>
          {role !== 'guest' && (
            <label>
              {t('in_invitePerson')}
              <select value={chosenPerson} onChange={(e) => setPersonId(e.target.value)}>
                {persons.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.relation})
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('in_name')}
            <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <label>
            {t('in_affiliation')}
            <input value={affiliation} onChange={(e) => setAffiliation(e.target.value)} />
          </label>
        </div>
        <div className="form-row">
          <fieldset className="inline-choices">
            <legend>{t('in_inviteMode')}</legend>
            {(['password', 'code'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} /> {tx(`in_mode_${m}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('in_expiresHours')}
            <input type="number" className="narrow" min={1} max={336} value={hours} onChange={(e) => setHours(Number(e.target.value))} />
          </label>
          <button type="submit">{t('in_invite')}</button>
        </div>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
      </form>
      {created && (
        <div className="notice" data-testid="created-invitation">
          <p>
            {t('in_inviteLink')}: <code data-testid="invitation-link">{`${location.origin}${created.link}`}</code>
          </p>
          {created.code && (
            <p>
              {t('in_inviteCode')}: <strong data-testid="invitation-code">{created.code}</strong>
            </p>
          )}
        </div>
      )}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('in_name')}</th>
            <th scope="col">{t('in_inviteRole')}</th>
            <th scope="col">{t('in_inviteMode')}</th>
            <th scope="col">{t('in_status')}</th>
            <th scope="col">{t('in_expires')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('in_revoke')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data?.map((i) => (
            <tr key={i.id}>
              <td>
                {i.displayName}
                {i.affiliation && <small className="muted"> {i.affiliation}</small>}
              </td>
              <td>
                {tx(`in_role_${i.role}`)}
                {i.personName && ` (${i.personName})`}
              </td>
              <td>{tx(`in_mode_${i.mode}`)}</td>
              <td>{tx(`in_state_${i.state}`)}</td>
              <td className="nowrap">{dateTime(i.expiresAt)}</td>
              <td>
                {(i.state === 'pending' || i.state === 'accepted') && (
                  <button type="button" onClick={() => void revoke(i.id)}>
                    {t('in_revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

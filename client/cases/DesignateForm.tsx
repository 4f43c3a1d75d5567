import { useId, useState, type FormEvent } from 'react';
import type { ParticipantView, PersonView } from '../../shared/api/cases.ts';
import type { AddParticipantRequest, DirectoryView } from '../../shared/api/participants.ts';
import { api, unwrap } from '../api/client.ts';
import { errorMessage } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Role = AddParticipantRequest['role'];
const ROLES: Role[] = ['member', 'guest', 'person', 'family', 'facilitator'];

interface Props {
  meetingId: string;
  directory: DirectoryView;
  persons: PersonView[];
  participants: ParticipantView[];
  onChanged(): void;
}

/** Designates a member (or re-designates one: the server replaces the earlier role). */
export function DesignateForm({ meetingId, directory, persons, participants, onChanged }: Props) {
  const { t, tx } = useI18n();
  const id = useId();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [personId, setPersonId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const household = role === 'person' || role === 'family';
  const orgName = (orgId: string) => directory.organisations.find((o) => o.id === orgId)?.name ?? orgId;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.meetings[':meetingId'].participants.$post({ param: { meetingId }, json: { userId, role, personId: household ? personId || null : null } }));
      setUserId('');
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="designate-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('participantDesignate')}</h3>
      <div className="form-row">
        <label>
          {t('participantUser')}
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">{t('participantChooseUser')}</option>
            {directory.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({orgName(u.orgId)}){participants.some((p) => p.userId === u.id) ? ` · ${t('participantAlready')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('participantRole')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tx(`role_${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('participantPerson')}
          <select value={household ? personId : ''} onChange={(e) => setPersonId(e.target.value)} disabled={!household} required={household}>
            <option value="">{t('participantPersonNone')}</option>
            {persons
              .filter((p) => !p.deceased)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.relation})
                </option>
              ))}
          </select>
        </label>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !userId}>
        {t('participantAdd')}
      </button>
    </form>
  );
}

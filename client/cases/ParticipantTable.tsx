import { useState } from 'react';
import type { ParticipantView } from '../../shared/api/cases.ts';
import { api, unwrap } from '../api/client.ts';
import { ConfirmDialog } from '../consent/ConfirmDialog.tsx';
import { errorMessage, fill } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  meetingId: string;
  /** Whether this kind of meeting asks members to affirm the duty of confidentiality (支援会議). */
  confidentialityRequired: boolean;
  participants: ParticipantView[];
  manager: boolean;
  /** Attendance can still be taken (the meeting is not closed). */
  attendanceOpen: boolean;
  onChanged(): void;
}

export function ParticipantTable({ meetingId, confidentialityRequired, participants, manager, attendanceOpen, onChanged }: Props) {
  const { t, tx } = useI18n();
  const [removing, setRemoving] = useState<ParticipantView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.meetings[':meetingId'].participants[':userId'].$delete({ param: { meetingId, userId: removing.userId } }));
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  // 出席: joining the running meeting's board records it; the facilitator marks phone attendees
  // and corrects mistakes. The minutes list exactly these people.
  const markPresent = async (p: ParticipantView, present: boolean) => {
    setError(null);
    try {
      await unwrap(api.meetings[':meetingId'].attendance.$post({ param: { meetingId }, json: { userId: p.userId, present } }));
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <table className="data-table" aria-labelledby="participants-title">
        <thead>
          <tr>
            <th scope="col">{t('participantName')}</th>
            <th scope="col">{t('participantOrg')}</th>
            <th scope="col">{t('participantRole')}</th>
            <th scope="col">{t('participantAffirmation')}</th>
            <th scope="col">{t('participantPresent')}</th>
            {manager && (
              <th scope="col">
                <span className="visually-hidden">{t('participantRemove')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <tr key={p.userId} data-testid={`participant-${p.userId}`}>
              <th scope="row" className="nowrap">
                {p.displayName}
              </th>
              <td>{p.orgName}</td>
              <td className="nowrap">{tx(`role_${p.role}`)}</td>
              <td>
                <span className={p.affirmed ? 'status-badge status-granted' : 'status-badge status-not_asked'}>{p.affirmed ? t('affirmed') : t('notAffirmed')}</span>
              </td>
              <td className="nowrap">
                {manager && attendanceOpen ? (
                  <label>
                    <input type="checkbox" checked={p.present} onChange={(e) => void markPresent(p, e.target.checked)} aria-label={`${t('participantPresent')}: ${p.displayName}`} />{' '}
                    {p.present ? t('present') : t('absent')}
                  </label>
                ) : p.present ? (
                  t('present')
                ) : (
                  t('absent')
                )}
              </td>
              {manager && (
                <td>
                  <button type="button" className="secondary small" onClick={() => setRemoving(p)} aria-label={`${t('participantRemove')}: ${p.displayName}`}>
                    {t('participantRemove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!confidentialityRequired && <p className="hint">{t('affirmationNotRequired')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={fill(t('participantRemoveTitle'), { name: removing?.displayName ?? '' })}
        confirmLabel={t('participantRemove')}
        cancelLabel={t('consentCancel')}
        danger
        busy={busy}
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('participantRemoveBody')}</p>
      </ConfirmDialog>
    </>
  );
}

import { useEffect } from 'react';
import type { MeetingDetail } from '../../shared/api/cases.ts';
import { api, unwrap } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { useCollabDoc } from '../collab/useCollabDoc.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { colorFor } from '../ui/colors.ts';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { MinutesEditor } from './MinutesEditor.tsx';
import { PresenceList, type PresenceState } from './PresenceList.tsx';

export function MeetingBoardPage({ meetingId }: { meetingId: string }) {
  const { t, tx, dateTime, meetingKind } = useI18n();
  const { user } = useSession();
  const { data: meeting, error, loading } = useApi(
    () => unwrap<MeetingDetail>(api.meetings[':meetingId'].$get({ param: { meetingId } })),
    meetingId,
  );
  const collab = useCollabDoc(meeting?.docName ?? null);

  useEffect(() => {
    if (!collab || !user) return;
    const presence: PresenceState = { userId: user.id, orgName: user.orgName };
    collab.provider.awareness.setLocalStateField('presence', presence);
  }, [collab?.provider, user]);

  if (loading) return <p>{t('loading')}</p>;
  if (error || !meeting || !user) return <p role="alert">{t('error')}: {error?.message}</p>;
  const readOnly = meeting.state === 'closed';

  return (
    <section className="board">
      <header className="board-header">
        <p>
          <Link to={`/cases/${meeting.caseId}`}>← {meeting.caseTitle}</Link>
        </p>
        <h1>{meeting.title}</h1>
        <p className="meta">
          {meetingKind(meeting.kindId)}
          {meeting.moment && ` · ${tx(`moment_${meeting.moment}`)}`} · {dateTime(meeting.scheduledAt)} · {tx(`state_${meeting.state}`)}
          {meeting.videoUrl && (
            <>
              {' · '}
              <a href={meeting.videoUrl} target="_blank" rel="noreferrer">
                {t('videoLink')}
              </a>
            </>
          )}
        </p>
        <p className="sync-status" role="status" data-testid="sync-status" data-status={collab?.status ?? 'connecting'}>
          {collab?.status === 'ended' ? t('accessEnded') : t(collab?.status === 'connected' ? 'connected' : collab?.status === 'disconnected' ? 'disconnected' : 'connecting')}
          {readOnly && ` · ${t('readOnly')}`}
        </p>
      </header>
      <div className="board-grid">
        <section className="panel minutes" aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t('minutes')}</h2>
          {collab && collab.status !== 'ended' ? (
            <MinutesEditor
              doc={collab.doc}
              provider={collab.provider}
              field="minutes"
              user={{ name: user.displayName, color: colorFor(user.id) }}
              readOnly={readOnly}
              label={t('minutes')}
            />
          ) : null}
        </section>
        {collab && collab.status !== 'ended' && <PresenceList participants={meeting.participants} awareness={collab.provider.awareness} selfId={user.id} />}
      </div>
    </section>
  );
}

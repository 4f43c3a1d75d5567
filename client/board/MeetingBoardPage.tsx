import { useEffect } from 'react';
import type { MeetingDetail } from '../../shared/api/cases.ts';
import type { UserView } from '../../shared/api/auth.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { useSession } from '../auth/session.tsx';
import { useCaseManifest } from '../collab/useCaseManifest.ts';
import { useCollabDoc, type CollabDoc } from '../collab/useCollabDoc.ts';
import { useCompartmentDocs } from '../collab/useCompartmentDocs.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { colorFor } from '../ui/colors.ts';
import { Link } from '../ui/router.tsx';
import { AffirmationBanner } from './AffirmationBanner.tsx';
import { BoardItemsPanel } from './BoardItemsPanel.tsx';
import { MinutesEditor } from './MinutesEditor.tsx';
import { PresenceList, type PresenceState } from './PresenceList.tsx';
import { useMeetingDetail } from './useMeetingDetail.ts';

/** Where this viewer stands in the meeting: what the board may open and offer. */
function seatOf(meeting: MeetingDetail | null, user: UserView | null) {
  const me = meeting && user ? meeting.participants.find((p) => p.userId === user.id) : undefined;
  const kind = meeting ? BUILT_IN_MEETING_KINDS.find((k) => k.id === meeting.kindId) : undefined;
  const mustAffirm = !!kind?.confidentialityRequired && !!me && !me.affirmed;
  return {
    mustAffirm,
    // The server admits a facilitator to the meeting document before the affirmation; nobody else.
    meetingDocAllowed: !!meeting && !(mustAffirm && me?.role !== 'facilitator'),
    // Listed agency members (or the case's coordinator, admitted as facilitator) may add items.
    canAdd: !!meeting && meeting.state !== 'closed' && user?.role !== 'administrator' && (!me || me.role === 'facilitator' || me.role === 'member'),
  };
}

export function MeetingBoardPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { meeting, error, loading, reload, setParticipants } = useMeetingDetail(meetingId);
  const ctx = `meeting:${meetingId}`;
  const seat = seatOf(meeting, user);
  const collab = useCollabDoc(seat.meetingDocAllowed ? meeting!.docName : null);
  const manifest = useCaseManifest(meeting?.caseId ?? null, meeting ? ctx : null);
  const compartments = useCompartmentDocs(meeting ? ctx : null, manifest.manifest, manifest.requestedAt, () => void manifest.refresh());

  // Participants, affirmations and the meeting's state are access too: keep them current.
  useEffect(() => {
    if (manifest.accessChanges > 0) reload();
  }, [manifest.accessChanges, reload]);

  useEffect(() => {
    if (!collab || !user) return;
    const presence: PresenceState = { userId: user.id, orgName: user.orgName };
    collab.provider.awareness.setLocalStateField('presence', presence);
  }, [collab?.provider, user]);

  if (loading) return <p>{t('loading')}</p>;
  if (!meeting || !user) return <p role="alert">{t('error')}: {error?.message}</p>;
  const readOnly = meeting.state === 'closed';
  const live = collab && collab.status !== 'ended' ? collab : null;

  return (
    <section className="board">
      <BoardHeader meeting={meeting} collab={collab} awaiting={!seat.meetingDocAllowed} readOnly={readOnly} />
      {seat.mustAffirm && (
        <AffirmationBanner
          meetingId={meetingId}
          kindId={meeting.kindId}
          onAffirmed={(participants) => {
            setParticipants(participants);
            void manifest.refresh();
          }}
        />
      )}
      <div className="board-grid board-grid-3">
        <BoardItemsPanel
          caseId={meeting.caseId}
          ctx={ctx}
          user={user}
          manifest={manifest}
          compartments={compartments}
          canAdd={seat.canAdd}
          awaitingAffirmation={seat.mustAffirm}
        />
        <section className="panel minutes" aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t('minutes')}</h2>
          {live ? (
            <MinutesEditor
              doc={live.doc}
              provider={live.provider}
              field="minutes"
              user={{ name: user.displayName, color: colorFor(user.id) }}
              readOnly={readOnly}
              label={t('minutes')}
            />
          ) : (
            <p className="empty">{seat.meetingDocAllowed ? null : t('awaitingAffirmation')}</p>
          )}
        </section>
        {live && <PresenceList participants={meeting.participants} awareness={live.provider.awareness} selfId={user.id} />}
      </div>
    </section>
  );
}

function BoardHeader({ meeting, collab, awaiting, readOnly }: { meeting: MeetingDetail; collab: CollabDoc | null; awaiting: boolean; readOnly: boolean }) {
  const { t, tx, dateTime, meetingKind } = useI18n();
  const status = collab?.status ?? 'connecting';
  const statusText = awaiting
    ? t('awaitingAffirmation')
    : status === 'ended'
      ? t('accessEnded')
      : t(status === 'connected' ? 'connected' : status === 'disconnected' ? 'disconnected' : 'connecting');
  return (
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
      <p className="sync-status" role="status" data-testid="sync-status" data-status={awaiting ? 'awaiting-affirmation' : status}>
        {statusText}
        {readOnly && ` · ${t('readOnly')}`}
      </p>
    </header>
  );
}

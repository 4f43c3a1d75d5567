import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { board as boardDoc } from '../../shared/board/schema.ts';
import type { CaseDetail, MeetingDetail } from '../../shared/api/cases.ts';
import { useCaseDetail } from '../cases/useCaseDetail.ts';
import { LegalBasisLabel } from '../cases/LegalBasisLabel.tsx';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { ApiError, api, unwrap } from '../api/client.ts';
import { discardLocalCopy, pruneLocalCopies } from '../collab/local-copy.ts';
import { ensureCompartment } from '../collab/ensure-compartment.ts';
import { useApi } from '../ui/useApi.ts';
import type { UserView } from '../../shared/api/auth.ts';
import type { MeetingKindFlags } from '../../shared/domain/meeting-kinds.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';
import { useSession } from '../auth/session.tsx';
import { useCaseManifest } from '../collab/useCaseManifest.ts';
import { useCollabDoc, type CollabDoc } from '../collab/useCollabDoc.ts';
import { useCompartmentDocs } from '../collab/useCompartmentDocs.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../ui/router.tsx';
import { useMeetingKindFlags } from './useMeetingKindFlags.ts';
import { AffirmationBanner } from './AffirmationBanner.tsx';
import { BoardItemsPanel } from './BoardItemsPanel.tsx';
import { BoardTabs } from './BoardTabs.tsx';
import { BOARD_SECTIONS, BoardContext, type BoardContextValue, type BoardSection } from './board-context.tsx';
import { RolesPanel } from './roles/RolesPanel.tsx';
import { PlanPanel } from './plan/PlanPanel.tsx';
import { AgendaPanel } from './meeting/AgendaPanel.tsx';
import { DecisionsPanel } from './meeting/DecisionsPanel.tsx';
import { MeetingControl } from './meeting/MeetingControl.tsx';
import { PresenceList, type PresenceState } from './PresenceList.tsx';
import { useMeetingDetail } from './useMeetingDetail.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { BoardNotices } from './BoardNotices.tsx';
import type { CompartmentDoc } from '../collab/compartment-pool.ts';

// The ecomap (React Flow) and the rich-text minutes (Tiptap) load when their section is opened.
const EcomapPanel = lazy(() => import('./ecomap/EcomapPanel.tsx').then((m) => ({ default: m.EcomapPanel })));
const MinutesPanel = lazy(() => import('./MinutesPanel.tsx').then((m) => ({ default: m.MinutesPanel })));

/** Where this viewer stands in the meeting: what the board may open and offer. */
function seatOf(meeting: MeetingDetail | null, user: UserView | null, kind: MeetingKindFlags | null) {
  const me = meeting && user ? meeting.participants.find((p) => p.userId === user.id) : undefined;
  const mustAffirm = !!kind?.confidentialityRequired && !!me && !me.affirmed;
  return {
    mustAffirm,
    // The server admits a facilitator to the meeting document before the affirmation; nobody else.
    meetingDocAllowed: !!meeting && !(mustAffirm && me?.role !== 'facilitator'),
    // Listed agency members (or the case's coordinator, admitted as facilitator) may add items.
    canAdd: !!meeting && !mustAffirm && meeting.state !== 'closed' && user?.role !== 'administrator' && (!me || me.role === 'facilitator' || me.role === 'member'),
  };
}

export function MeetingBoardPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { meeting, error, loading, reload, setParticipants } = useMeetingDetail(meetingId);
  const ctx = `meeting:${meetingId}`;
  // Kind flags come from the municipality's configuration, so its own kinds get the banner too.
  const kindFlags = useMeetingKindFlags(meeting?.kindId ?? null);
  const seat = seatOf(meeting, user, kindFlags);
  // Unsent edits of the meeting document are kept in this browser only for those who may write it.
  const collab = useCollabDoc(seat.meetingDocAllowed ? meeting!.docName : null, seat.canAdd && user ? user.id : null);
  const manifest = useCaseManifest(meeting?.caseId ?? null, meeting ? ctx : null);
  const compartments = useCompartmentDocs(meeting ? ctx : null, manifest.manifest, manifest.requestedAt, () => void manifest.refresh(), user?.id ?? null);
  // The household (genogram) and the legal basis are access-dependent: fetched again on every access event.
  const kase = useCaseDetail(meeting?.caseId ?? null, meeting ? ctx : null, manifest.accessChanges);
  const directory = useApi(() => unwrap<DirectoryView>(api.directory.$get()), 'directory');
  // The open section lives in the URL hash (#ecomap, #minutes …): a reload or a shared link keeps it.
  const [section, setSectionState] = useState<BoardSection>(() => sectionFromHash() ?? 'agenda');
  const setSection = useCallback((next: BoardSection) => {
    history.replaceState(null, '', `#${next}`);
    setSectionState(next);
  }, []);

  // A closed meeting shows its record, never the live documents: the server closes the live
  // sockets with 4409 when it closes, and the board moves to the record view.
  const meetingClosed = meeting?.state === 'closed' || collab?.endedReason === CloseCodes.meetingClosed.reason;
  useEffect(() => {
    if (meetingClosed) navigate(`/meetings/${encodeURIComponent(meetingId)}/record`);
  }, [meetingClosed, meetingId]);

  // Participants, affirmations and the meeting's state are access too: keep them current.
  useEffect(() => {
    if (manifest.accessChanges > 0) reload();
  }, [manifest.accessChanges, reload]);

  // A changed video link is announced in the meeting document's meta (see VideoCallLink): the
  // header's link is re-read from the server, never taken from the document.
  useEffect(() => {
    if (!collab) return;
    const meta = boardDoc.meta(collab.doc);
    const onChange = (event: { keysChanged: Set<string> }) => {
      if (event.keysChanged.has('videoUrlRev')) reload();
    };
    meta.observe(onChange);
    return () => meta.unobserve(onChange);
  }, [collab?.doc, reload]);

  useEffect(() => {
    if (!collab || !user) return;
    const presence: PresenceState = { userId: user.id, orgName: user.orgName };
    collab.provider.awareness.setLocalStateField('presence', presence);
  }, [collab?.provider, user]);

  // Removed from the meeting (the server no longer lets this viewer see it): say so, and leave no
  // copy of its documents in this browser (a signed-out 401 keeps them for the next sign-in).
  const lastMeeting = useRef<MeetingDetail | null>(null);
  if (meeting) lastMeeting.current = meeting;
  const removed = !meeting && lastMeeting.current !== null && error instanceof ApiError && (error.status === 403 || error.status === 404);
  useEffect(() => {
    const last = lastMeeting.current;
    if (!removed || !last || !user) return;
    void pruneLocalCopies(user.id, `case/${last.caseId}/`, new Set());
    void discardLocalCopy(user.id, last.docName);
  }, [removed, user]);

  const board = useMemo<BoardContextValue | null>(() => {
    if (!meeting || !user) return null;
    const me = meeting.participants.find((p) => p.userId === user.id);
    return {
      meeting,
      meetingKind: kindFlags,
      user,
      ctx,
      persons: kase.data?.persons ?? [],
      organisations: directory.data?.organisations ?? [],
      manifest,
      compartments,
      meetingDoc: collab && collab.status !== 'ended' ? collab : null,
      readOnly: meeting.state === 'closed',
      canAdd: seat.canAdd,
      isFacilitator: me?.role === 'facilitator' || (!me && kase.data?.canManage === true),
      section,
      setSection,
      ensureCompartment: (label) => {
        if (!compartments.pool) return Promise.reject(new Error('not connected'));
        return ensureCompartment(meeting.caseId, ctx, label, compartments.pool, manifest.refresh);
      },
    };
  }, [meeting, kindFlags, user, ctx, kase.data, directory.data, manifest, compartments, collab, seat.canAdd, section, setSection]);

  if (loading) return <p>{t('loading')}</p>;
  if (removed) {
    return (
      <section className="board">
        <p className="notice" role="alert" data-testid="gone-meeting">
          {t('goneMeeting')}
        </p>
        <p>
          <Link to="/">{t('cases')}</Link>
        </p>
      </section>
    );
  }
  if (!meeting || !user || !board) return <p role="alert">{t('error')}: {error?.message}</p>;
  const live = board.meetingDoc;

  return (
    <BoardContext.Provider value={board}>
      <section className="board">
        <BoardHeader meeting={meeting} kase={kase.data} collab={collab} compartments={compartments.docs} awaiting={!seat.meetingDocAllowed} readOnly={board.readOnly} />
        <BoardNotices collab={collab} compartments={compartments.docs} ended={compartments.ended ?? []} pool={compartments.pool} />
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
        <div className="board-layout">
          <div className="board-main">
            <BoardTabs section={section} onChange={setSection} />
            <div role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`} className="board-panel">
              <Suspense fallback={<p className="muted">{t('loading')}</p>}>
              {section === 'ecomap' && <EcomapPanel />}
              {section === 'roles' && <RolesPanel />}
              {section === 'plan' && <PlanPanel />}
              {section === 'agenda' && <AgendaPanel />}
              {section === 'minutes' && <MinutesPanel awaitingAffirmation={!seat.meetingDocAllowed} />}
              {section === 'items' && (
                <BoardItemsPanel
                  caseId={meeting.caseId}
                  ctx={ctx}
                  user={user}
                  manifest={manifest}
                  compartments={compartments}
                  canAdd={seat.canAdd}
                  awaitingAffirmation={seat.mustAffirm}
                />
              )}
              </Suspense>
            </div>
          </div>
          <aside className="board-side">
            {board.isFacilitator && <MeetingControl meeting={meeting} onChanged={reload} />}
            {live && <PresenceList participants={meeting.participants} awareness={live.provider.awareness} selfId={user.id} />}
            <DecisionsPanel />
          </aside>
        </div>
      </section>
    </BoardContext.Provider>
  );
}

function sectionFromHash(): BoardSection | null {
  const hash = location.hash.slice(1);
  return (BOARD_SECTIONS as readonly string[]).includes(hash) ? (hash as BoardSection) : null;
}

function BoardHeader({
  meeting,
  kase,
  collab,
  compartments,
  awaiting,
  readOnly,
}: {
  meeting: MeetingDetail;
  kase: CaseDetail | null;
  collab: CollabDoc | null;
  compartments: readonly CompartmentDoc[];
  awaiting: boolean;
  readOnly: boolean;
}) {
  const { t, tx, dateTime, meetingKind } = useI18n();
  return (
    <header className="board-header">
      <p>
        <Link to={`/cases/${meeting.caseId}`}>← {meeting.caseTitle}</Link>
      </p>
      <h1>{meeting.title}</h1>
      <p className="meta">
        {meetingKind(meeting.kindId)}
        {meeting.moment && ` · ${tx(`moment_${meeting.moment}`)}`} · {dateTime(meeting.scheduledAt)} · {tx(`state_${meeting.state}`)}
        {kase && (
          <>
            {' · '}
            {t('legalBasis')}: <LegalBasisLabel basis={kase.legalBasis} />
          </>
        )}
        {meeting.videoUrl && (
          <>
            {' · '}
            <a href={meeting.videoUrl} target="_blank" rel="noreferrer">
              {t('videoLink')}
            </a>
          </>
        )}
      </p>
      <ConnectionIndicator collab={collab} compartments={compartments} awaiting={awaiting} readOnly={readOnly} />
    </header>
  );
}

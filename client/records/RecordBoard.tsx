import { Component, useMemo, useState, type ReactNode } from 'react';
import type { MeetingDetail, ParticipantView } from '../../shared/api/cases.ts';
import type { Manifest } from '../../shared/api/compartments.ts';
import { isNoteItem } from '../../shared/board/items.ts';
import { withItemTexts } from '../../shared/board/texts.ts';
import { useSession } from '../auth/session.tsx';
import { BoardContext, type BoardContextValue, type BoardSection } from '../board/board-context.tsx';
import { EcomapPanel } from '../board/ecomap/EcomapPanel.tsx';
import { PlanPanel } from '../board/plan/PlanPanel.tsx';
import { RolesPanel } from '../board/roles/RolesPanel.tsx';
import type { BoardNote, CompartmentDoc } from '../collab/compartment-pool.ts';
import type { CaseManifest } from '../collab/useCaseManifest.ts';
import type { LoadedRecord } from './useRecord.ts';

/**
 * The live board's own panels (ecomap, roles, plan) over the record's frozen documents: a board
 * context whose compartments are the decoded snapshots, every one 'read', readOnly true, no
 * provider, no pool (so no panel can offer to add), and no way to create a compartment.
 */
function recordBoard(record: LoadedRecord, user: BoardContextValue['user'], section: BoardSection, setSection: (s: BoardSection) => void): BoardContextValue {
  const { meeting, attendees } = record.view;
  const ctx = `meeting:${meeting.id}`;
  const detail: MeetingDetail = {
    id: meeting.id,
    caseId: meeting.caseId,
    kindId: meeting.kindId,
    moment: meeting.moment,
    title: meeting.title,
    scheduledAt: meeting.scheduledAt,
    state: 'closed',
    videoUrl: meeting.videoUrl,
    caseTitle: meeting.caseTitle,
    participants: attendees.map((a) => ({ ...a, role: a.role as ParticipantView['role'], affirmed: true, present: true })),
    docName: `meeting/${meeting.id}`,
  };
  const docs: CompartmentDoc[] = record.snapshot.compartments.map((c) => ({
    docName: c.docName,
    label: c.label,
    access: 'read',
    doc: c.doc,
    status: 'connected',
    synced: true,
    // Read through the shared texts, as the live board does (shared/board/texts.ts).
    notes: [...c.doc.getMap('notes').values()].filter(isNoteItem).map((n) => withItemTexts(c.doc, 'notes', n)) as BoardNote[],
  }));
  const manifest: Manifest = {
    caseId: meeting.caseId,
    context: ctx,
    viewerUserId: user.id,
    compartments: docs.map((d) => ({ docName: d.docName, label: d.label, access: 'read', reason: 'record' })),
  };
  const caseManifest: CaseManifest = {
    manifest,
    requestedAt: 0,
    error: null,
    live: false,
    accessChanges: 0,
    decisionsConfirmed: 0,
    refresh: async () => manifest,
  };
  return {
    meeting: detail,
    user,
    ctx,
    persons: record.persons,
    organisations: record.organisations,
    manifest: caseManifest,
    compartments: { docs, pool: null, endedCount: 0 },
    meetingDoc: null,
    readOnly: true,
    canAdd: false,
    isFacilitator: false,
    section,
    setSection,
    ensureCompartment: () => Promise.reject(new Error('a record is read-only')),
  };
}

/** A panel that throws (a record written by another version, say) falls back to the plain tables. */
class Fallback extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error('[records] board panel failed on a record; showing tables', error);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function RecordBoard({ record, fallback }: { record: LoadedRecord; fallback: ReactNode }) {
  const { user } = useSession();
  const [section, setSection] = useState<BoardSection>('ecomap');
  const value = useMemo(() => (user ? recordBoard(record, user, section, setSection) : null), [record, user, section]);
  if (!value) return <>{fallback}</>;
  return (
    <Fallback fallback={fallback}>
      <BoardContext.Provider value={value}>
        <div className="record-board" data-testid="record-board">
          <div id="record-ecomap">
            <EcomapPanel />
          </div>
          <div id="record-roles">
            <RolesPanel />
          </div>
          <div id="record-plan">
            <PlanPanel />
          </div>
        </div>
      </BoardContext.Provider>
    </Fallback>
  );
}

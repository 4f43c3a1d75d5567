import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { LabelView } from '../../shared/api/compartments.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { meetingDocName } from '../../shared/policy/compartment-name.ts';
import { loadMeetingWithRecord, snapshotRefs, snapshotStates, type MeetingWithRecord, type SnapshotRef } from './record-store.ts';
import { keeperCopy, type KeeperCopy } from './keeper.ts';

/**
 * The one place that decides which parts of a record a viewer sees. Every records endpoint (the
 * record itself, timeline, compare, search, DOCX) goes through here or through decideSnapshot.
 *
 * A record is filtered by the viewer's access NOW, in the meeting's context: the same policy
 * that admits live connections, with today's consent, today's participation and the meeting's
 * state 'closed' (which grants at most 'read'). So a record never shows more than today's
 * consent allows, and a withdrawn compartment disappears from past records too.
 */

export interface VisibleDoc {
  docName: string;
  label: LabelView | null;
  state: Uint8Array;
}

type Labelled = { docName: string; label: LabelView | null };

export interface VisibleRecord {
  meeting: MeetingWithRecord;
  /** The meeting document (minutes, decisions, attendance) is visible to this viewer. */
  meetingDocVisible: boolean;
  /** Meeting document first (when visible), then the visible compartments. */
  docs: VisibleDoc[];
  /** Every visible snapshot, state loaded or not (see `only`), with its summary. */
  refs: SnapshotRef[];
  /** How many snapshots were withheld: for the audit log only, never for the viewer. */
  hidden: number;
  /** The viewer keeps this approved record: it shows what it showed them at approval. */
  keeper: KeeperCopy | null;
}

export type RecordLookup =
  | { status: 'ok'; record: VisibleRecord }
  | { status: 'not_found' }
  | { status: 'not_closed'; meeting: MeetingWithRecord }
  /** Removed when its retention period ran out (server/admin/retention.ts); said only to those who may know the meeting. */
  | { status: 'purged'; purgedAt: string; retentionYears: number; caseEndedOn: string };

/** May this viewer see this snapshot of this meeting now? */
export async function decideSnapshot(snapshot: AccessSnapshot, user: SessionUser, meetingId: string, docName: string, isMeetingDoc: boolean): Promise<boolean> {
  if (isMeetingDoc) return (await snapshot.decideMeetingDoc(user, meetingId)).access !== 'none';
  const ctx = await snapshot.context(user, `meeting:${meetingId}`);
  if (!ctx) return false;
  return (await snapshot.decideCompartment(user, ctx, docName)).access !== 'none';
}

/**
 * `only` limits which visible snapshots have their state loaded (the timeline needs two of a
 * dozen); visibility is still decided for all of them.
 */
export async function visibleRecord(
  db: Db,
  user: SessionUser,
  meetingId: string,
  opts: { snapshot?: AccessSnapshot; only?: (ref: SnapshotRef) => boolean } = {},
): Promise<RecordLookup> {
  const meeting = await loadMeetingWithRecord(db, meetingId);
  if (!meeting) return { status: 'not_found' };
  const snapshot = opts.snapshot ?? new AccessSnapshot(db);
  const ctx = await snapshot.context(user, `meeting:${meetingId}`);
  if (!ctx || ctx.context.kind !== 'meeting' || ctx.context.participation === null) return { status: 'not_found' };
  if (meeting.state !== 'closed') return { status: 'not_closed', meeting };

  // An approved record does not change for its keepers (the case's coordinator, the approver):
  // they see the documents it showed them at approval, whatever consent says today (issue 11).
  const keeper = meeting.approvedAt ? await keeperCopy(db, meetingId, user.id) : null;
  const kept = keeper ? new Set(keeper.docNames) : null;
  const meetingDocVisible = kept ? kept.has(meetingDocName(meetingId)) : (await snapshot.decideMeetingDoc(user, meetingId)).access !== 'none';
  const visible: SnapshotRef[] = [];
  let hidden = 0;
  for (const ref of await snapshotRefs(db, meetingId)) {
    const shown = kept
      ? kept.has(ref.docName)
      : ref.label === null
        ? meetingDocVisible
        : (await snapshot.decideCompartment(user, ctx, ref.docName)).access !== 'none';
    if (shown) visible.push(ref);
    else hidden += 1;
  }
  // A guest after the meeting, a member who never affirmed the duty: nothing to show, and
  // nothing to say about the record's existence either.
  if (visible.length === 0) {
    const tomb = await db.selectFrom('purged_records').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
    if (tomb) return { status: 'purged', purgedAt: tomb.purged_at, retentionYears: tomb.retention_years, caseEndedOn: tomb.case_ended_on };
    return { status: 'not_found' };
  }

  const wanted = opts.only ? visible.filter(opts.only) : visible;
  const states = await snapshotStates(db, meetingId, wanted.map((r) => r.docName));
  const docs = wanted
    .filter((r) => states.has(r.docName))
    .map((r) => ({ docName: r.docName, label: r.label, state: states.get(r.docName)! }))
    .sort((a, b) => Number(a.label !== null) - Number(b.label !== null));
  return { status: 'ok', record: { meeting, meetingDocVisible, docs, refs: visible, hidden, keeper } };
}

/**
 * The compartment that holds the plan: the subject's basic compartment (DESIGN.md: "the plan
 * text in the subject's basic compartment"). Several may exist (one per supplier or
 * restriction); the unrestricted ones come first, then whichever actually holds plan fields.
 */
export function planCandidates<T extends Labelled>(docs: T[], subjectId: string | null): T[] {
  return docs
    .filter((d) => d.label !== null && d.label.category === 'basic' && d.label.personId === subjectId)
    .sort((a, b) => restrictiveness(a.label!) - restrictiveness(b.label!) || a.docName.localeCompare(b.docName));
}

function restrictiveness(label: LabelView): number {
  return (label.allowOrgIds === null ? 0 : 2) + (label.notToPerson ? 1 : 0);
}

export async function subjectOf(db: Db, caseId: string): Promise<string | null> {
  const row = await db.selectFrom('persons').select('id').where('case_id', '=', caseId).where('is_subject', '=', 1).executeTakeFirst();
  return row?.id ?? null;
}

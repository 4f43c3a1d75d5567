import * as Y from 'yjs';
import type { Deps } from '../deps.ts';
import { meetingDocName } from '../../shared/policy/compartment-name.ts';
import type { LabelView } from '../../shared/api/compartments.ts';
import { participantsOf } from '../routes/case-queries.ts';
import { attendeesOf } from '../attendance/attendance.ts';
import { docFromState, read, searchableText } from './doc-content.ts';
import { organisationNames, type SnapshotSummary } from './record-store.ts';
import { captureBasis } from './record-basis.ts';

/**
 * Closing a meeting freezes every document it used (DESIGN.md "Records"): the meeting document
 * and every compartment of its case that exists at that moment. A compartment is shared by all
 * meetings of the case, so "used" cannot be narrowed further without guessing.
 */

interface Captured {
  docName: string;
  state: Uint8Array;
  label: LabelView | null;
}

/**
 * The document's current state: the stored log (everything any node accepted) merged with the
 * live room on this node, if loaded, once its pending appends have settled. Merging both makes
 * the capture independent of which node runs the close.
 */
export async function captureState(deps: Deps, docName: string): Promise<Uint8Array> {
  const { updates } = await deps.docs.loadUpdates(docName);
  const [room] = await deps.rooms.openRooms((name) => name === docName);
  const doc = new Y.Doc();
  for (const update of updates) {
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      console.error(`[records] skipped an unreadable stored update of ${docName}:`, error);
    }
  }
  if (room) {
    await room.settled();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * Captures and stores the snapshots, the attendance and the search text in ONE transaction,
 * before the meeting's state changes: if anything fails, the meeting stays open and nothing
 * half-frozen remains. Returns a catch-up step to run after access was re-evaluated (see below).
 */
export async function freezeMeeting(deps: Deps, meeting: { id: string; caseId: string }, closedBy: string): Promise<{ catchUp(): Promise<void> }> {
  const { db } = deps;
  const compartments = await db.selectFrom('compartments').selectAll().where('case_id', '=', meeting.caseId).orderBy('created_at').execute();
  const captured: Captured[] = [{ docName: meetingDocName(meeting.id), state: await captureState(deps, meetingDocName(meeting.id)), label: null }];
  // Sequentially: one decoded Y.Doc at a time (decoded documents are many times their encoded size).
  for (const row of compartments) {
    captured.push({
      docName: row.doc_name,
      state: await captureState(deps, row.doc_name),
      label: {
        personId: row.person_id,
        category: row.category as LabelView['category'],
        supplierOrgId: row.supplier_org_id,
        allowOrgIds: row.allow_org_ids === null ? null : (JSON.parse(row.allow_org_ids) as string[]),
        notToPerson: row.not_to_person === 1,
      },
    });
  }
  // Those who attended (joined the board or were marked present), not everyone designated.
  const attendees = await attendeesOf(db, meeting.id, await participantsOf(db, meeting.id));
  const basis = await captureBasis(db, meeting);
  const orgs = await organisationNames(db);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    // Idempotent: a close that failed after this point (say, the state update) can be retried.
    await trx.deleteFrom('meeting_snapshots').where('meeting_id', '=', meeting.id).execute();
    await trx.deleteFrom('record_text_fts').where('meeting_id', '=', meeting.id).execute();
    await trx.deleteFrom('meeting_record_basis').where('meeting_id', '=', meeting.id).execute();
    await trx.deleteFrom('meeting_records').where('meeting_id', '=', meeting.id).where('approved_at', 'is', null).execute();
    await trx
      .insertInto('meeting_records')
      .values({
        meeting_id: meeting.id,
        closed_at: now,
        closed_by: closedBy,
        attendees_json: JSON.stringify(attendees.map(({ affirmed: _affirmed, present: _present, ...a }) => a)),
        approved_at: null,
        approved_by: null,
      })
      .execute();
    // The consent states and legal basis the record was made under, beside it (issue 11).
    await trx.insertInto('meeting_record_basis').values({ meeting_id: meeting.id, basis_json: JSON.stringify(basis), captured_at: now }).execute();
    for (const c of captured) {
      const { text, summary } = describeState(c.state, orgs);
      await trx
        .insertInto('meeting_snapshots')
        .values({ meeting_id: meeting.id, doc_name: c.docName, state: Buffer.from(c.state), label_json: c.label && JSON.stringify(c.label), summary_json: JSON.stringify(summary), captured_at: now })
        .execute();
      if (text) await trx.insertInto('record_text_fts').values({ meeting_id: meeting.id, doc_name: c.docName, text }).execute();
    }
  });

  return {
    /**
     * Between the capture and the downgrade of live connections a write to the meeting document
     * can still be accepted (a last keystroke in the minutes). Once access was re-evaluated no
     * more can arrive, so the meeting document is captured again and stored if it moved on.
     * Compartments are not: they live on in other meetings, so "as at close" is a moment anyway.
     */
    async catchUp() {
      const name = meetingDocName(meeting.id);
      const state = await captureState(deps, name);
      // Whole-state comparison: a late deletion changes the delete set, not the state vector.
      if (Buffer.from(state).equals(Buffer.from(captured[0]!.state))) return;
      try {
        const { text, summary } = describeState(state, orgs);
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('meeting_snapshots')
            .set({ state: Buffer.from(state), summary_json: JSON.stringify(summary) })
            .where('meeting_id', '=', meeting.id)
            .where('doc_name', '=', name)
            .execute();
          await trx.deleteFrom('record_text_fts').where('meeting_id', '=', meeting.id).where('doc_name', '=', name).execute();
          if (text) await trx.insertInto('record_text_fts').values({ meeting_id: meeting.id, doc_name: name, text }).execute();
        });
      } catch (error) {
        // Only an approval racing the close can refuse this (the record is then immutable).
        console.error(`[records] could not catch up the record of ${meeting.id}:`, error);
      }
    },
  };
}

/** Decoded once at freeze time: the search text and the summary the timeline lists. */
function describeState(state: Uint8Array, orgs: Map<string, string>): { text: string; summary: SnapshotSummary } {
  const doc = docFromState(state);
  const summary: SnapshotSummary = {};
  const stage = read.plan(doc).stage;
  if (stage) summary.planStage = stage;
  const decisions = read.decisions(doc).length;
  if (decisions > 0) summary.decisions = decisions;
  const text = searchableText(doc, (id) => orgs.get(id));
  doc.destroy();
  return { text, summary };
}

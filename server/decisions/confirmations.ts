import type { Deps } from '../deps.ts';
import type { Db } from '../store/db.ts';
import { board, type Decision } from '../../shared/board/schema.ts';
import { meetingDocName } from '../../shared/policy/compartment-name.ts';
import { confirmationOf, decisionContentHash, type DecisionConfirmationView } from '../../shared/api/decisions.ts';
import { publishControl } from '../bus/control.ts';
import { captureState } from '../records/freeze.ts';
import { docFromState } from '../records/doc-content.ts';
import { itemFieldText } from '../../shared/board/texts.ts';

/**
 * The server's record of confirmed decisions. Anything that reports a decision as confirmed (the
 * board, the minutes export, the records) should ask here, never the `confirmed` field of the
 * Yjs decision: every member can write that document.
 */

export async function listConfirmations(db: Db, meetingId: string): Promise<DecisionConfirmationView[]> {
  const rows = await db
    .selectFrom('decision_confirmations')
    .leftJoin('users', 'users.id', 'decision_confirmations.confirmed_by')
    .select([
      'decision_confirmations.decision_id',
      'decision_confirmations.text_hash',
      'decision_confirmations.confirmed_by',
      'decision_confirmations.confirmed_at',
      'users.display_name',
    ])
    .where('decision_confirmations.meeting_id', '=', meetingId)
    .orderBy('decision_confirmations.confirmed_at')
    .execute();
  return rows.map((r) => ({
    decisionId: r.decision_id,
    textHash: r.text_hash,
    confirmedBy: r.confirmed_by,
    confirmedByName: r.display_name ?? null,
    confirmedAt: r.confirmed_at,
  }));
}

/** Ids of the decisions whose current content is confirmed (for exports and records). */
export async function confirmedDecisionIds(db: Db, meetingId: string, decisions: readonly Decision[]): Promise<Set<string>> {
  const confirmations = await listConfirmations(db, meetingId);
  return new Set(decisions.filter((d) => confirmationOf(d, confirmations).state === 'confirmed').map((d) => d.id));
}

/**
 * The decision as the meeting document holds it now: the stored log merged with the live room on
 * this node (what the facilitator's edit reached before they pressed 確定). Null when absent or
 * not shaped like a decision (anyone may write the document; trust nothing about its values).
 */
export async function currentDecision(deps: Deps, meetingId: string, decisionId: string): Promise<{ text: string; ownerOrgId: string | null; dueDate: string | null } | null> {
  const doc = docFromState(await captureState(deps, meetingDocName(meetingId)));
  try {
    const value: unknown = board.decisions(doc).get(decisionId);
    if (typeof value !== 'object' || value === null) return null;
    const { id, text: plainText, ownerOrgId, dueDate } = value as Record<string, unknown>;
    if (typeof plainText !== 'string') return null;
    // The wording as merged from everyone's typing: the decision's shared text (version 3), or
    // the plain string of a decision from an older document (shared/board/texts.ts).
    const text = itemFieldText(doc, 'decisions', { ...(value as Record<string, unknown>), id: typeof id === 'string' ? id : decisionId }, 'text');
    return { text, ownerOrgId: typeof ownerOrgId === 'string' ? ownerOrgId : null, dueDate: typeof dueDate === 'string' ? dueDate : null };
  } catch {
    // `decisions` written as another type by a foreign client: no decision to confirm.
    return null;
  } finally {
    doc.destroy();
  }
}

/** Records a confirmation (idempotent for the same content) and returns it. */
export async function recordConfirmation(
  db: Db,
  row: { meetingId: string; decisionId: string; content: { text: string; ownerOrgId: string | null; dueDate: string | null }; userId: string },
): Promise<DecisionConfirmationView> {
  const textHash = decisionContentHash(row.content);
  await db
    .insertInto('decision_confirmations')
    .values({ meeting_id: row.meetingId, decision_id: row.decisionId, text_hash: textHash, confirmed_by: row.userId, confirmed_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['meeting_id', 'decision_id', 'text_hash']).doNothing())
    .execute();
  const all = await listConfirmations(db, row.meetingId);
  return all.find((c) => c.decisionId === row.decisionId && c.textHash === textHash)!;
}

/** Tells every open board of the case, on every node, to fetch the confirmations again. */
export async function decisionsConfirmed(deps: Deps, caseId: string, meetingId: string): Promise<void> {
  deps.events.emit({ type: 'decisions-confirmed', caseId, meetingId });
  await publishControl(deps.bus, { type: 'decisions-confirmed', caseId, meetingId }).catch((error) => console.error('[bus] publish failed:', error));
}

import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { visibleRecord } from './visible.ts';
import { composeMinutes, keeperNote } from './minutes-model.ts';
import { keeperIds } from './keeper.ts';

/**
 * Approval (確定) of a record, with what it shows its keepers kept beside it: for the case's
 * coordinator and the approver, the documents they see now and the minutes rendered from them.
 * From then on the record reads the same for them whatever happens to consent (issue 11).
 * Returns the approval time, or null when somebody approved it first.
 */
export async function storeKeeperCopies(db: Db, meetingId: string, caseId: string, approver: SessionUser): Promise<string | null> {
  const approvedAt = new Date().toISOString();
  const copies: { user_id: string; doc_names_json: string; model_json: string }[] = [];
  for (const id of await keeperIds(db, caseId, approver.id)) {
    const user = id === approver.id ? approver : await sessionUserOf(db, id);
    if (!user) continue;
    const lookup = await visibleRecord(db, user, meetingId);
    if (lookup.status !== 'ok') continue;
    const record = lookup.record;
    // The keeper's copy states its own approval, as every later reading of it will.
    record.meeting.approvedAt = approvedAt;
    record.meeting.approvedBy = approver.displayName;
    const model = await composeMinutes(db, record, keeperNote(approvedAt), user);
    copies.push({ user_id: id, doc_names_json: JSON.stringify(record.docs.map((d) => d.docName)), model_json: JSON.stringify(model) });
  }
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('meeting_records')
      .set({ approved_at: approvedAt, approved_by: approver.id })
      .where('meeting_id', '=', meetingId)
      .where('approved_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return null;
    for (const copy of copies) await trx.insertInto('record_keeper_copies').values({ meeting_id: meetingId, ...copy, kept_at: approvedAt }).execute();
    return approvedAt;
  });
}

async function sessionUserOf(db: Db, id: string): Promise<SessionUser | null> {
  const row = await db.selectFrom('users').select(['id', 'username', 'display_name', 'org_id', 'role']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, username: row.username, displayName: row.display_name, orgId: row.org_id, role: row.role as SessionUser['role'] } : null;
}

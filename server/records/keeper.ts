import type { Db } from '../store/db.ts';
import type { MinutesModel } from '../../shared/api/records.ts';

/**
 * The keepers of a record: the case's coordinators and whoever approved (確定) it. An approved
 * record is the municipality's record: each keeper keeps what it showed them at approval (the
 * documents they saw and the minutes as rendered), whatever later happens to consent. Everybody
 * else reads the record filtered by their access today (visible.ts).
 */

export interface KeeperCopy {
  docNames: string[];
  model: Omit<MinutesModel, 'output' | 'annotations'>;
  keptAt: string;
}

export async function keeperIds(db: Db, caseId: string, approverId: string | null): Promise<string[]> {
  // The case's coordinators (case_coordinators, with the lead coordinator on the case row).
  const kase = await db.selectFrom('cases').select('coordinator_user_id').where('id', '=', caseId).executeTakeFirst();
  const assigned = await db.selectFrom('case_coordinators').select('user_id').where('case_id', '=', caseId).orderBy('user_id').execute();
  return [...new Set([kase?.coordinator_user_id, ...assigned.map((r) => r.user_id), approverId].filter((id): id is string => typeof id === 'string'))];
}

export async function keeperCopy(db: Db, meetingId: string, userId: string): Promise<KeeperCopy | null> {
  const row = await db.selectFrom('record_keeper_copies').selectAll().where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return null;
  return { docNames: JSON.parse(row.doc_names_json) as string[], model: JSON.parse(row.model_json) as KeeperCopy['model'], keptAt: row.kept_at };
}

/** 田中 一郎（かさね市 福祉政策課）: who keeps the full record, for the note on filtered copies. */
export async function keeperNames(db: Db, meetingId: string, caseId: string): Promise<string[]> {
  const stored = await db.selectFrom('record_keeper_copies').select('user_id').where('meeting_id', '=', meetingId).execute();
  const ids = stored.length > 0 ? stored.map((r) => r.user_id) : await keeperIds(db, caseId, null);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.display_name', 'organisations.name'])
    .where('users.id', 'in', ids)
    .orderBy('users.display_name')
    .execute();
  return rows.map((r) => `${r.display_name}（${r.name}）`);
}

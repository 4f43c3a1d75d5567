import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { canManageCase } from '../access/case-roles.ts';

export type CaseStatus = 'active' | 'suspended' | 'ended';

/** The case's status now: the newest 中断 / 終結 / 再開 entry, else active. */
export async function caseStatus(db: Db, caseId: string): Promise<CaseStatus> {
  const row = await db.selectFrom('case_status_changes').select('status').where('case_id', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return (row?.status as CaseStatus | undefined) ?? 'active';
}

/** Suspended and ended cases are read-only (a suspended one can be resumed first). */
export async function isReadOnly(db: Db, caseId: string): Promise<boolean> {
  return (await caseStatus(db, caseId)) !== 'active';
}

/**
 * The case row if this user manages it; null for unknown and forbidden alike, so a route answers
 * both with the same 404.
 */
export async function managedCase(db: Db, user: SessionUser, caseId: string) {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row || !(await canManageCase(db, user, caseId))) return null;
  return row;
}

export const CASE_NOT_FOUND = { error: 'not_found', message: 'ケースが見つかりません' } as const;
export const READ_ONLY = { error: 'conflict', message: 'このケースは中断・終結しているため変更できません (再開すると変更できます)' } as const;

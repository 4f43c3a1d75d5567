import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';

/**
 * The assigned coordinators of a case (case_coordinators, DOMAIN.md: "the users assigned to the
 * case as its case managers"). The table is migration 006's (consent-core), which also makes
 * canManageCase read it; 010 creates it only when absent. cases.coordinator_user_id is kept as
 * the lead coordinator for the screens and queries that still read it.
 */
export async function coordinatorsOf(db: Db, caseId: string): Promise<{ userId: string; displayName: string; orgName: string; assignedAt: string }[]> {
  const rows = await db
    .selectFrom('case_coordinators')
    .innerJoin('users', 'users.id', 'case_coordinators.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['case_coordinators.user_id', 'case_coordinators.assigned_at', 'users.display_name', 'organisations.name as org_name'])
    .where('case_coordinators.case_id', '=', caseId)
    .orderBy('case_coordinators.assigned_at')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, orgName: r.org_name, assignedAt: r.assigned_at }));
}

/** Who may be a coordinator: facilitators (総合相談マネージャー) of a coordinating agency. */
export async function eligibleCoordinators(db: Db, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select('users.id')
    .where('users.id', 'in', userIds)
    .where('users.role', '=', 'facilitator')
    .where('organisations.is_coordinator', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export async function setCoordinators(db: Db, caseId: string, userIds: string[], by: string, at: string): Promise<void> {
  const current = (await db.selectFrom('case_coordinators').select('user_id').where('case_id', '=', caseId).execute()).map((r) => r.user_id);
  const removed = current.filter((id) => !userIds.includes(id));
  const added = userIds.filter((id) => !current.includes(id));
  if (removed.length) await db.deleteFrom('case_coordinators').where('case_id', '=', caseId).where('user_id', 'in', removed).execute();
  if (added.length) {
    await db.insertInto('case_coordinators').values(added.map((user_id) => ({ case_id: caseId, user_id, assigned_at: at, assigned_by: by }))).execute();
  }
  // The lead coordinator (legacy column) follows the list: the first one still assigned.
  if (userIds[0]) await db.updateTable('cases').set({ coordinator_user_id: userIds[0] }).where('id', '=', caseId).execute();
}

/** The inbox of a coordinating agency belongs to its facilitators. */
export function handlesInboxOf(user: SessionUser, toOrgId: string): boolean {
  return user.role === 'facilitator' && user.orgId === toOrgId;
}

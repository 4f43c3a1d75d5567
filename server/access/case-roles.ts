import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';

/**
 * Who manages a case (records consent, schedules meetings, designates members, accepts
 * referrals): the users assigned to it as its coordinators (case_coordinators), and its recorded
 * primary coordinator (cases.coordinator_user_id, so that a case created before anybody else is
 * assigned is never without a manager). Being a facilitator of the coordinating organisation is
 * not enough, and managing a case grants no visibility (shared/policy/access.ts decides that).
 * An administrator sets up the municipality and manages no case.
 */
export async function canManageCase(db: Db, user: SessionUser, caseId: string): Promise<boolean> {
  if (user.role === 'administrator') return false;
  const assigned = await db
    .selectFrom('case_coordinators')
    .select('user_id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (assigned) return true;
  const kase = await db.selectFrom('cases').select('coordinator_user_id').where('id', '=', caseId).executeTakeFirst();
  return kase?.coordinator_user_id === user.id;
}

/** Assigns a user as one of the case's coordinators (idempotent). */
export async function assignCaseCoordinator(db: Db, caseId: string, userId: string, assignedBy: string | null): Promise<void> {
  await db
    .insertInto('case_coordinators')
    .values({ case_id: caseId, user_id: userId, assigned_at: new Date().toISOString(), assigned_by: assignedBy })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
}

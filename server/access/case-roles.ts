import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';

/**
 * Who manages a case (records consent, designates members, opens and closes meetings): its
 * coordinator, or a facilitator of the coordinating agency (多機関協働事業者) standing in.
 */
export async function canManageCase(db: Db, user: SessionUser, caseId: string): Promise<boolean> {
  if (user.role !== 'facilitator') return false;
  const kase = await db.selectFrom('cases').select('coordinator_user_id').where('id', '=', caseId).executeTakeFirst();
  if (!kase) return false;
  if (kase.coordinator_user_id === user.id) return true;
  const org = await db.selectFrom('organisations').select('is_coordinator').where('id', '=', user.orgId).executeTakeFirst();
  return org?.is_coordinator === 1;
}

import type { Db } from '../store/db.ts';
import type { AdminUserView } from '../../shared/api/admin.ts';
import { MAX_FAILED_CODES } from '../auth/totp.ts';
import type { ManagerScope } from './guards.ts';

/** Users as the administration screens show them, limited to what the manager may manage. */
export async function listUsers(db: Db, scope: ManagerScope, onlyId?: string): Promise<AdminUserView[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .leftJoin('user_totp', 'user_totp.user_id', 'users.id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.org_id',
      'users.role',
      'users.is_org_admin',
      'users.deactivated_at',
      'users.must_change_password',
      'organisations.name as org_name',
      'user_totp.enrolled_at',
      'user_totp.failed_count',
    ]);
  if (!scope.all) q = q.where('users.org_id', '=', scope.orgId);
  if (onlyId) q = q.where('users.id', '=', onlyId);
  const rows = await q.orderBy('organisations.name').orderBy('users.display_name').execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role as AdminUserView['role'],
    isOrgAdmin: r.is_org_admin === 1,
    active: !r.deactivated_at,
    twoFactorEnrolled: !!r.enrolled_at,
    mustChangePassword: r.must_change_password === 1,
    locked: (r.failed_count ?? 0) >= MAX_FAILED_CODES,
  }));
}

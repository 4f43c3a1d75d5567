import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';

/**
 * Who may administer what. Administrators: everything. Organisation administrators (a flag on a
 * facilitator or member): the staff of their own organisation, nothing else. Refusals come before
 * validation, so a member learns nothing about the request format either.
 */
export type ManagerScope = { all: true } | { all: false; orgId: string };

export function requireAdministrator(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return c.json({ error: 'unauthenticated', message: 'ログインしてください (sign in first)' }, 401);
    if (user.role !== 'administrator') return c.json({ error: 'forbidden', message: 'この操作は管理者のみ行えます (only administrators may do this)' }, 403);
    return next();
  };
}

export function requireStaffManager(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return c.json({ error: 'unauthenticated', message: 'ログインしてください (sign in first)' }, 401);
    if (!(await managerScope(deps, user))) return c.json({ error: 'forbidden', message: '利用者の管理は管理者と組織管理者のみ行えます (only administrators and organisation administrators)' }, 403);
    return next();
  };
}

export async function managerScope(deps: Deps, user: SessionUser): Promise<ManagerScope | null> {
  if (user.role === 'administrator') return { all: true };
  const row = await deps.db.selectFrom('users').select(['is_org_admin', 'org_id', 'deactivated_at']).where('id', '=', user.id).executeTakeFirst();
  if (!row || row.deactivated_at || row.is_org_admin !== 1) return null;
  return { all: false, orgId: row.org_id };
}

export const inScope = (scope: ManagerScope, orgId: string) => scope.all || scope.orgId === orgId;

import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { randomBytes, randomUUID } from 'node:crypto';
import { AdminUserView, CreatedUser, CreateUserRequest, CredentialIssued, ResetPasswordRequest, UpdateUserRequest } from '../../shared/api/admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { inScope, managerScope, requireStaffManager, type ManagerScope } from '../admin/guards.ts';
import { requireRecentSecondFactor } from '../auth/totp-step-up.ts';
import { endUserAccess } from '../admin/end-access.ts';
import { issueCredential } from '../admin/credentials.ts';
import { listUsers } from '../admin/user-list.ts';
import { hashPassword } from '../auth/password.ts';
import { removeTotp, unlockTotp } from '../auth/totp.ts';
import { clearPasswordLock } from '../admin/account-unlock.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

const UserParam = z.object({ userId: z.string().min(1).max(64) });
const NOT_FOUND = { error: 'not_found', message: '利用者が見つかりません (no such user)' } as const;
const ORG_ADMIN_LIMIT = '組織管理者は自組織の職員 (進行役・メンバー) のみ管理できます (organisation administrators manage their own staff only)';

/**
 * Users. Administrators manage everyone; organisation administrators only their own
 * organisation's facilitators and members (a user outside their scope is 404, as if absent).
 * Deactivating, moving, changing the role or resetting a credential ends the user's sessions and
 * sockets at once, on every node.
 */
export function adminUserRoutes(deps: Deps) {
  const { db } = deps;
  const read = [requireUser, requireStaffManager(deps)];
  const mutate = [requireUser, requireStaffManager(deps), requireRecentSecondFactor(deps)];
  const list = createRoute({
    method: 'get',
    path: '/users',
    summary: 'Users the caller manages',
    middleware: read,
    responses: { 200: { description: 'Users', content: { 'application/json': { schema: z.array(AdminUserView) } } }, ...errorResponses(401, 403) },
  });
  const add = createRoute({
    method: 'post',
    path: '/users',
    summary: 'Add a user with a one-time password or an invitation link',
    middleware: mutate,
    request: { body: { content: { 'application/json': { schema: CreateUserRequest } }, required: true } },
    responses: { 201: { description: 'Added; the credential is shown once', content: { 'application/json': { schema: CreatedUser } } }, ...errorResponses(400, 401, 403, 409) },
  });
  const edit = createRoute({
    method: 'patch',
    path: '/users/{userId}',
    summary: 'Edit, move, or deactivate a user',
    middleware: mutate,
    request: { params: UserParam, body: { content: { 'application/json': { schema: UpdateUserRequest } }, required: true } },
    responses: { 200: { description: 'Changed', content: { 'application/json': { schema: AdminUserView } } }, ...errorResponses(400, 401, 403, 404, 409) },
  });
  const resetPassword = createRoute({
    method: 'post',
    path: '/users/{userId}/reset-password',
    summary: 'Replace the password with a one-time password or an invitation link',
    middleware: mutate,
    request: { params: UserParam, body: { content: { 'application/json': { schema: ResetPasswordRequest } }, required: true } },
    responses: { 200: { description: 'The new credential, shown once', content: { 'application/json': { schema: CredentialIssued } } }, ...errorResponses(400, 401, 403, 404) },
  });
  const resetFactor = createRoute({
    method: 'post',
    path: '/users/{userId}/reset-second-factor',
    summary: 'Remove the second factor so the user enrols again',
    middleware: mutate,
    request: { params: UserParam },
    responses: { 200: { description: 'Removed', content: { 'application/json': { schema: AdminUserView } } }, ...errorResponses(401, 403, 404) },
  });
  const unlock = createRoute({
    method: 'post',
    path: '/users/{userId}/unlock',
    summary: 'Unlock a user locked out by wrong codes or wrong passwords (on every node)',
    middleware: mutate,
    request: { params: UserParam },
    responses: { 200: { description: 'Unlocked', content: { 'application/json': { schema: AdminUserView } } }, ...errorResponses(401, 403, 404) },
  });

  /** The target when the caller may manage it; undefined = 404. */
  const target = async (scope: ManagerScope, userId: string) => {
    const row = await db.selectFrom('users').select(['id', 'org_id', 'role', 'deactivated_at']).where('id', '=', userId).executeTakeFirst();
    if (!row || !inScope(scope, row.org_id)) return undefined;
    if (!scope.all && row.role === 'administrator') return undefined;
    return row;
  };
  const activeOrg = (orgId: string) => db.selectFrom('organisations').select('id').where('id', '=', orgId).where('deactivated_at', 'is', null).executeTakeFirst();

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const scope = (await managerScope(deps, c.get('user')!))!;
      return c.json(await listUsers(db, scope), 200);
    })
    .openapi(add, async (c) => {
      const user = c.get('user')!;
      const scope = (await managerScope(deps, user))!;
      const body = c.req.valid('json');
      if (!scope.all && (body.orgId !== scope.orgId || body.role === 'administrator' || body.isOrgAdmin)) return c.json({ error: 'forbidden', message: ORG_ADMIN_LIMIT }, 403);
      if (!(await activeOrg(body.orgId))) return c.json({ error: 'invalid_request', message: 'orgId: 有効な組織を選んでください (choose an active organisation)' }, 400);
      const taken = await db.selectFrom('users').select('id').where('username', '=', body.username).executeTakeFirst();
      if (taken) return c.json({ error: 'conflict', message: `そのログインIDは使われています (${body.username})` }, 409);
      const id = `u-${randomUUID()}`;
      await db
        .insertInto('users')
        .values({
          id,
          username: body.username,
          display_name: body.displayName,
          org_id: body.orgId,
          role: body.role,
          is_org_admin: body.isOrgAdmin ? 1 : 0,
          // Replaced by issueCredential below; nobody knows this one.
          password_hash: await hashPassword(randomBytes(32).toString('base64')),
          created_at: new Date().toISOString(),
        })
        .execute();
      const credential = await issueCredential(db, id, body.credential, user.id);
      await deps.audit.record({ actorUserId: user.id, action: 'admin.user_added', detail: { userId: id, username: body.username, orgId: body.orgId, role: body.role, isOrgAdmin: body.isOrgAdmin, credential: body.credential } });
      const [view] = await listUsers(db, { all: true }, id);
      return c.json({ user: view!, credential }, 201);
    })
    .openapi(edit, async (c) => {
      const user = c.get('user')!;
      const scope = (await managerScope(deps, user))!;
      const { userId } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await target(scope, userId);
      if (!row) return c.json(NOT_FOUND, 404);
      if (!scope.all && ((body.orgId !== undefined && body.orgId !== row.org_id) || body.role === 'administrator' || body.isOrgAdmin !== undefined)) {
        return c.json({ error: 'forbidden', message: ORG_ADMIN_LIMIT }, 403);
      }
      if (userId === user.id && (body.active === false || (body.role !== undefined && body.role !== row.role) || body.isOrgAdmin === false)) {
        return c.json({ error: 'conflict', message: '自分自身の無効化や役割変更はできません (you cannot deactivate yourself or change your own role)' }, 409);
      }
      if (body.orgId !== undefined && body.orgId !== row.org_id && !(await activeOrg(body.orgId))) {
        return c.json({ error: 'invalid_request', message: 'orgId: 有効な組織を選んでください (choose an active organisation)' }, 400);
      }
      if (body.active === true && row.deactivated_at) {
        const org = await db.selectFrom('organisations').select('deactivated_at').where('id', '=', body.orgId ?? row.org_id).executeTakeFirst();
        if (org?.deactivated_at) return c.json({ error: 'conflict', message: '無効な組織の利用者は有効にできません。先に組織を有効にするか移動してください (the organisation is deactivated)' }, 409);
      }
      await db
        .updateTable('users')
        .set({
          ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
          ...(body.orgId !== undefined ? { org_id: body.orgId } : {}),
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.isOrgAdmin !== undefined ? { is_org_admin: body.isOrgAdmin ? 1 : 0 } : {}),
          ...(body.active !== undefined ? { deactivated_at: body.active ? null : (row.deactivated_at ?? new Date().toISOString()) } : {}),
        })
        .where('id', '=', userId)
        .execute();
      const deactivated = body.active === false && !row.deactivated_at;
      // What a user may open depends on their organisation and role: sockets opened before must go.
      const narrowed = deactivated || (body.orgId !== undefined && body.orgId !== row.org_id) || (body.role !== undefined && body.role !== row.role);
      const sessions = narrowed ? await endUserAccess(deps, userId) : 0;
      await deps.audit.record({ actorUserId: user.id, action: deactivated ? 'admin.user_deactivated' : 'admin.user_changed', detail: { userId, ...body, sessions } });
      const [view] = await listUsers(db, { all: true }, userId);
      return c.json(view!, 200);
    })
    .openapi(resetPassword, async (c) => {
      const user = c.get('user')!;
      const scope = (await managerScope(deps, user))!;
      const { userId } = c.req.valid('param');
      const { credential } = c.req.valid('json');
      const row = await target(scope, userId);
      if (!row) return c.json(NOT_FOUND, 404);
      const issued = await issueCredential(db, userId, credential, user.id);
      const sessions = await endUserAccess(deps, userId);
      await deps.audit.record({ actorUserId: user.id, action: 'admin.password_reset', detail: { userId, credential, sessions } });
      return c.json(issued, 200);
    })
    .openapi(resetFactor, async (c) => {
      const user = c.get('user')!;
      const scope = (await managerScope(deps, user))!;
      const { userId } = c.req.valid('param');
      const row = await target(scope, userId);
      if (!row) return c.json(NOT_FOUND, 404);
      await removeTotp(db, userId);
      const sessions = await endUserAccess(deps, userId);
      await deps.audit.record({ actorUserId: user.id, action: 'admin.second_factor_reset', detail: { userId, sessions } });
      const [view] = await listUsers(db, { all: true }, userId);
      return c.json(view!, 200);
    })
    .openapi(unlock, async (c) => {
      const user = c.get('user')!;
      const scope = (await managerScope(deps, user))!;
      const { userId } = c.req.valid('param');
      const row = await target(scope, userId);
      if (!row) return c.json(NOT_FOUND, 404);
      await unlockTotp(db, userId);
      await db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
      const account = await db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
      if (account) await clearPasswordLock(deps, account.username);
      await deps.audit.record({ actorUserId: user.id, action: 'admin.user_unlocked', detail: { userId } });
      const [view] = await listUsers(db, { all: true }, userId);
      return c.json(view!, 200);
    });
}

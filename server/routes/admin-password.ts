import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { ChangePasswordRequest } from '../../shared/api/admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { sessionEnded } from '../access/access-changed.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

/**
 * A user changes their own password (and must, after signing in with a one-time password). The
 * current password is asked again; the user's other sessions end, this one stays.
 */
export function passwordRoutes(deps: Deps) {
  const change = createRoute({
    method: 'post',
    path: '/password',
    summary: 'Change the signed-in user’s own password',
    middleware: [requireUser],
    request: { body: { content: { 'application/json': { schema: ChangePasswordRequest } }, required: true } },
    responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401) },
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(change, async (c) => {
    const user = c.get('user')!;
    const { currentPassword, newPassword } = c.req.valid('json');
    const row = await deps.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirst();
    if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
      return c.json({ error: 'invalid_credentials', message: '現在のパスワードが違います (current password is wrong)' }, 400);
    }
    if (currentPassword === newPassword) return c.json({ error: 'weak_password', message: '現在と同じパスワードは使えません (choose a new password)' }, 400);
    const problem = passwordProblem(newPassword, { username: user.username });
    if (problem) return c.json({ error: 'weak_password', message: problem }, 400);
    await deps.db.updateTable('users').set({ password_hash: await hashPassword(newPassword), must_change_password: 0 }).where('id', '=', user.id).execute();
    const others = await deps.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).where('id', '!=', c.get('sessionId')!).execute();
    for (const s of others) {
      await deps.auth.invalidateSession(s.id);
      await sessionEnded(deps, s.id);
    }
    await deps.audit.record({ actorUserId: user.id, action: 'auth.password_changed', detail: { otherSessionsEnded: others.length } });
    return c.body(null, 204);
  });
}

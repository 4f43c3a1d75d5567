import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { AcceptInvitationRequest, InvitationView } from '../../shared/api/admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { acceptInvitation, openInvitation } from '../admin/credentials.ts';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

const TokenParam = z.object({ token: z.string().min(1).max(128) });
// Unknown, used, expired or of a deactivated user: all look the same to whoever holds the link.
const GONE = { error: 'invalid_invitation', message: 'この招待リンクは無効か期限切れです。管理者に新しいリンクを依頼してください (this invitation is invalid or has expired)' } as const;

/** Invitation links (/invite/<token>): show whom it is for, then let them set their password, once. */
export function invitationRoutes(deps: Deps) {
  const show = createRoute({
    method: 'get',
    path: '/{token}',
    summary: 'Whom an invitation is for (no sign-in: the link is the credential)',
    request: { params: TokenParam },
    responses: { 200: { description: 'The invited user', content: { 'application/json': { schema: InvitationView } } }, ...errorResponses(404) },
  });
  const accept = createRoute({
    method: 'post',
    path: '/{token}',
    summary: 'Set the password and use the invitation up',
    request: { params: TokenParam, body: { content: { 'application/json': { schema: AcceptInvitationRequest } }, required: true } },
    responses: { 204: { description: 'Password set; sign in with it' }, ...errorResponses(400, 404) },
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(show, async (c) => {
      const row = await openInvitation(deps.db, c.req.valid('param').token);
      if (!row) return c.json(GONE, 404);
      return c.json({ displayName: row.display_name, username: row.username, orgName: row.org_name, expiresAt: row.expires_at }, 200);
    })
    .openapi(accept, async (c) => {
      const { token } = c.req.valid('param');
      const row = await openInvitation(deps.db, token);
      if (!row) return c.json(GONE, 404);
      const { password } = c.req.valid('json');
      const problem = passwordProblem(password, { username: row.username });
      if (problem) return c.json({ error: 'weak_password', message: problem }, 400);
      const userId = await acceptInvitation(deps.db, token, await hashPassword(password));
      if (!userId) return c.json(GONE, 404);
      await deps.audit.record({ actorUserId: userId, action: 'auth.invitation_accepted', detail: {} });
      return c.body(null, 204);
    });
}

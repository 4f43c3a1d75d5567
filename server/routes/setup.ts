import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { SetupDone, SetupLinkView, SetupRequest } from '../../shared/api/admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { administratorExists, consumeSetupLink, openSetupLink } from '../admin/setup-link.ts';
import { createFirstAdministrator, FirstAdminRefused } from '../admin/first-admin.ts';
import { loadSettings } from '../admin/settings-store.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

const TokenParam = z.object({ token: z.string().min(1).max(128) });
// Unknown, used and expired look the same to whoever holds the link.
const GONE = {
  error: 'invalid_setup_link',
  message: 'この初期設定リンクは無効か期限切れです。サーバーを再起動すると新しいリンクが表示されます (期限切れの場合)。または npm run admin:create で管理者を登録してください',
} as const;
const EXISTS = { error: 'conflict', message: '管理者は既に登録されています。追加の管理者は管理画面から登録してください' } as const;

/** The setup link (/setup/<token>): see server/admin/setup-link.ts. No sign-in: the link is the credential. */
export function setupRoutes(deps: Deps) {
  const { db } = deps;
  const show = createRoute({
    method: 'get',
    path: '/{token}',
    summary: 'Whether a setup link still works (first administrator of a real installation)',
    request: { params: TokenParam },
    responses: { 200: { description: 'Usable until expiresAt', content: { 'application/json': { schema: SetupLinkView } } }, ...errorResponses(404, 409) },
  });
  const create = createRoute({
    method: 'post',
    path: '/{token}',
    summary: 'Create the first administrator and use the link up',
    request: { params: TokenParam, body: { content: { 'application/json': { schema: SetupRequest } }, required: true } },
    responses: { 201: { description: 'Created; sign in with it', content: { 'application/json': { schema: SetupDone } } }, ...errorResponses(400, 404, 409) },
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(show, async (c) => {
      const link = await openSetupLink(db, c.req.valid('param').token);
      if (!link) return c.json(GONE, 404);
      if (await administratorExists(db)) return c.json(EXISTS, 409);
      return c.json({ expiresAt: link.expiresAt, municipalityName: (await loadSettings(db)).municipalityName }, 200);
    })
    .openapi(create, async (c) => {
      const { token } = c.req.valid('param');
      if (!(await openSetupLink(db, token))) return c.json(GONE, 404);
      if (await administratorExists(db)) return c.json(EXISTS, 409);
      const body = c.req.valid('json');
      try {
        const { userId } = await createFirstAdministrator(db, body, { consume: consumeSetupLink(token) });
        await deps.audit.record({ actorUserId: userId, action: 'admin.first_administrator_created', detail: { username: body.username, via: 'setup_link' } });
        return c.json({ username: body.username }, 201);
      } catch (error) {
        if (!(error instanceof FirstAdminRefused)) throw error;
        if (error.kind === 'gone') return c.json(GONE, 404);
        if (error.kind === 'exists') return c.json(EXISTS, 409);
        return c.json({ error: 'invalid_request', message: error.message }, 400);
      }
    });
}

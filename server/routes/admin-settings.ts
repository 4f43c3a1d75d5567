import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { InstanceView, SettingsView, UpdateSettingsRequest } from '../../shared/api/admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { requireAdministrator } from '../admin/guards.ts';
import { requireRecentSecondFactor } from '../auth/totp-step-up.ts';
import { applySessionLifetime, loadSettings, saveSettings } from '../admin/settings-store.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

const instance = createRoute({
  method: 'get',
  path: '/instance',
  summary: 'The municipality this installation serves, and whether it is the demo (public: shown on the login page)',
  responses: { 200: { description: 'Name and demo flag', content: { 'application/json': { schema: InstanceView } } } },
});

const getSettings = createRoute({
  method: 'get',
  path: '/settings',
  summary: 'Municipality settings (administrators)',
  middleware: [requireUser, requireAdministrator()] as const,
  responses: { 200: { description: 'Current settings', content: { 'application/json': { schema: SettingsView } } }, ...errorResponses(401, 403) },
});

export function adminSettingsRoutes(deps: Deps) {
  const putSettings = createRoute({
    method: 'put',
    path: '/settings',
    summary: 'Change the municipality settings (administrators, recent second factor)',
    middleware: [requireUser, requireAdministrator(), requireRecentSecondFactor(deps)] as const,
    request: { body: { content: { 'application/json': { schema: UpdateSettingsRequest } }, required: true } },
    responses: { 200: { description: 'Saved', content: { 'application/json': { schema: SettingsView } } }, ...errorResponses(400, 401, 403) },
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(instance, async (c) => {
      const s = await loadSettings(deps.db);
      return c.json({ municipalityName: s.municipalityName, isDemo: s.isDemo }, 200);
    })
    .openapi(getSettings, async (c) => c.json(await loadSettings(deps.db), 200))
    .openapi(putSettings, async (c) => {
      const user = c.get('user')!;
      const body = c.req.valid('json');
      const before = await loadSettings(deps.db);
      await saveSettings(deps.db, body, user.id);
      applySessionLifetime(deps.auth, body.sessionIdleMinutes);
      const changed = Object.fromEntries(Object.entries(body).filter(([k, v]) => before[k as keyof typeof before] !== v));
      await deps.audit.record({ actorUserId: user.id, action: 'admin.settings_changed', detail: { changed } });
      return c.json(await loadSettings(deps.db), 200);
    });
}

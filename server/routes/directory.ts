import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DirectoryView } from '../../shared/api/participants.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { errorResponses } from './errors.ts';

const directory = createRoute({
  method: 'get',
  path: '/',
  middleware: [requireUser] as const,
  responses: {
    200: { description: 'Organisations and users, for designating members and for consent scope', content: { 'application/json': { schema: DirectoryView } } },
    ...errorResponses(401),
  },
});

export function directoryRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>().openapi(directory, async (c) => {
    const organisations = await deps.db.selectFrom('organisations').selectAll().orderBy('id').execute();
    const users = await deps.db.selectFrom('users').select(['id', 'display_name', 'org_id', 'role']).where('role', '!=', 'administrator').orderBy('id').execute();
    return c.json(
      {
        organisations: organisations.map((o) => ({ id: o.id, name: o.name, field: o.field, isCoordinator: o.is_coordinator === 1 })),
        users: users.map((u) => ({ id: u.id, displayName: u.display_name, orgId: u.org_id, role: u.role })),
      },
      200,
    );
  });
}

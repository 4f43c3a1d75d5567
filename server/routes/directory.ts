import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DirectoryView } from '../../shared/api/participants.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { errorResponses } from './errors.ts';
import { usersKnownTo } from './known-users.ts';

const directory = createRoute({
  method: 'get',
  path: '/',
  middleware: [requireUser] as const,
  responses: {
    200: { description: 'Organisations, and the users this user may know of, for designating members and for consent scope', content: { 'application/json': { schema: DirectoryView } } },
    ...errorResponses(401),
  },
});

export function directoryRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>().openapi(directory, async (c) => {
    const organisations = await deps.db.selectFrom('organisations').selectAll().orderBy('id').execute();
    // Pickers offer only the users this user may know of (rule 6).
    const users = await usersKnownTo(deps.db, c.get('user')!);
    return c.json(
      {
        organisations: organisations.map((o) => ({ id: o.id, name: o.name, field: o.field, isCoordinator: o.is_coordinator === 1 })),
        users: users.map((u) => ({ id: u.id, displayName: u.display_name, orgId: u.org_id, role: u.role })),
      },
      200,
    );
  });
}

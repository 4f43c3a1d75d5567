import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { AdminOrganisationView, CreateOrganisationRequest, UpdateOrganisationRequest } from '../../shared/api/admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import type { Db } from '../store/db.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { requireAdministrator } from '../admin/guards.ts';
import { requireRecentSecondFactor } from '../auth/totp-step-up.ts';
import { endUserAccess } from '../admin/end-access.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

const OrgParam = z.object({ orgId: z.string().min(1).max(64) });

async function listOrganisations(db: Db): Promise<AdminOrganisationView[]> {
  const orgs = await db.selectFrom('organisations').selectAll().orderBy('name').execute();
  const users = await db.selectFrom('users').select(['org_id']).where('deactivated_at', 'is', null).execute();
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    field: o.field,
    isCoordinator: o.is_coordinator === 1,
    active: !o.deactivated_at,
    activeUserCount: users.filter((u) => u.org_id === o.id).length,
  }));
}

/**
 * Organisations (administrators only). Deactivating one deactivates its users, whose sessions and
 * sockets end at once; nothing is deleted, so what they entered stays attributed to them.
 */
export function adminOrganisationRoutes(deps: Deps) {
  const { db } = deps;
  const guard = [requireUser, requireAdministrator()];
  const mutate = [requireUser, requireAdministrator(), requireRecentSecondFactor(deps)];
  const list = createRoute({
    method: 'get',
    path: '/organisations',
    summary: 'All organisations, active and deactivated',
    middleware: [...guard],
    responses: { 200: { description: 'Organisations', content: { 'application/json': { schema: z.array(AdminOrganisationView) } } }, ...errorResponses(401, 403) },
  });
  const add = createRoute({
    method: 'post',
    path: '/organisations',
    summary: 'Add an organisation',
    middleware: [...mutate],
    request: { body: { content: { 'application/json': { schema: CreateOrganisationRequest } }, required: true } },
    responses: { 201: { description: 'Added', content: { 'application/json': { schema: AdminOrganisationView } } }, ...errorResponses(400, 401, 403, 409) },
  });
  const edit = createRoute({
    method: 'patch',
    path: '/organisations/{orgId}',
    summary: 'Edit or deactivate an organisation',
    middleware: [...mutate],
    request: { params: OrgParam, body: { content: { 'application/json': { schema: UpdateOrganisationRequest } }, required: true } },
    responses: { 200: { description: 'Changed', content: { 'application/json': { schema: AdminOrganisationView } } }, ...errorResponses(400, 401, 403, 404, 409) },
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => c.json(await listOrganisations(db), 200))
    .openapi(add, async (c) => {
      const user = c.get('user')!;
      const body = c.req.valid('json');
      const clash = await db.selectFrom('organisations').select('id').where('name', '=', body.name).executeTakeFirst();
      if (clash) return c.json({ error: 'conflict', message: `同じ名前の組織があります (${body.name})` }, 409);
      const id = `org-${randomUUID()}`;
      await db.insertInto('organisations').values({ id, name: body.name, field: body.field, is_coordinator: body.isCoordinator ? 1 : 0 }).execute();
      await deps.audit.record({ actorUserId: user.id, action: 'admin.organisation_added', detail: { orgId: id, name: body.name, field: body.field, isCoordinator: body.isCoordinator } });
      return c.json((await listOrganisations(db)).find((o) => o.id === id)!, 201);
    })
    .openapi(edit, async (c) => {
      const user = c.get('user')!;
      const { orgId } = c.req.valid('param');
      const body = c.req.valid('json');
      const org = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
      if (!org) return c.json({ error: 'not_found', message: '組織が見つかりません (no such organisation)' }, 404);
      if (body.name !== undefined && body.name !== org.name) {
        const clash = await db.selectFrom('organisations').select('id').where('name', '=', body.name).executeTakeFirst();
        if (clash) return c.json({ error: 'conflict', message: `同じ名前の組織があります (${body.name})` }, 409);
      }
      if (body.active === false && org.id === user.orgId) {
        return c.json({ error: 'conflict', message: '自分の所属組織は無効にできません (you cannot deactivate your own organisation)' }, 409);
      }
      const now = new Date().toISOString();
      await db
        .updateTable('organisations')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.field !== undefined ? { field: body.field } : {}),
          ...(body.isCoordinator !== undefined ? { is_coordinator: body.isCoordinator ? 1 : 0 } : {}),
          ...(body.active !== undefined ? { deactivated_at: body.active ? null : (org.deactivated_at ?? now) } : {}),
        })
        .where('id', '=', orgId)
        .execute();
      let endedSessions = 0;
      if (body.active === false && !org.deactivated_at) {
        const members = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('deactivated_at', 'is', null).execute();
        await db.updateTable('users').set({ deactivated_at: now }).where('org_id', '=', orgId).where('deactivated_at', 'is', null).execute();
        for (const m of members) endedSessions += await endUserAccess(deps, m.id);
        await deps.audit.record({ actorUserId: user.id, action: 'admin.organisation_deactivated', detail: { orgId, users: members.length, sessions: endedSessions } });
      } else {
        await deps.audit.record({ actorUserId: user.id, action: 'admin.organisation_changed', detail: { orgId, ...body } });
      }
      return c.json((await listOrganisations(db)).find((o) => o.id === orgId)!, 200);
    });
}

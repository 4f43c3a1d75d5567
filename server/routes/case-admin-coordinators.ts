import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CoordinatorView, SetCoordinatorsRequest } from '../../shared/api/case-admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { accessChanged } from '../access/access-changed.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { CASE_NOT_FOUND, READ_ONLY, isReadOnly, managedCase } from '../intake/case-state.ts';
import { coordinatorsOf, eligibleCoordinators, setCoordinators } from '../intake/coordinators.ts';

/**
 * Assigning and changing a case's coordinators (issue 10). Writes case_coordinators, the table
 * of migration 006 (consent-core), whose canManageCase reads it: until that lands, the rights
 * still follow cases.coordinator_user_id (kept = the first coordinator listed) and the
 * coordinating agency's facilitators.
 */
const caseParam = z.object({ caseId: z.string().min(1).max(64) });
const listBody = { description: 'The case’s coordinators', content: { 'application/json': { schema: z.array(CoordinatorView) } } };

const getCoordinators = createRoute({ method: 'get', path: '/{caseId}/coordinators', middleware: [requireUser] as const, request: { params: caseParam }, responses: { 200: listBody, ...errorResponses(401, 404) } });
const putCoordinators = createRoute({
  method: 'put',
  path: '/{caseId}/coordinators',
  middleware: [requireUser] as const,
  request: { params: caseParam, body: { content: { 'application/json': { schema: SetCoordinatorsRequest } }, required: true } },
  responses: { 200: listBody, ...errorResponses(400, 401, 404, 409) },
});

export function caseCoordinatorRoutes(deps: Deps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getCoordinators, async (c) => {
      const { caseId } = c.req.valid('param');
      if (!(await managedCase(db, c.get('user')!, caseId))) return c.json(CASE_NOT_FOUND, 404);
      return c.json(await coordinatorsOf(db, caseId), 200);
    })
    .openapi(putCoordinators, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await managedCase(db, user, caseId))) return c.json(CASE_NOT_FOUND, 404);
      const userIds = [...new Set(c.req.valid('json').userIds)];
      const eligible = await eligibleCoordinators(db, userIds);
      const wrong = userIds.find((id) => !eligible.includes(id));
      if (wrong) return c.json({ error: 'invalid_request', message: 'userIds: 担当者には多機関協働事業者の進行役を選んでください' }, 400);
      if (await isReadOnly(db, caseId)) return c.json(READ_ONLY, 409);
      const before = (await coordinatorsOf(db, caseId)).map((r) => r.userId);
      await db.transaction().execute((trx) => setCoordinators(trx, caseId, userIds, user.id, new Date().toISOString()));
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, caseId, 'coordinators', { actorUserId: user.id, action: 'case.coordinators_changed', caseId, detail: { before, after: userIds } });
      return c.json(await coordinatorsOf(db, caseId), 200);
    });
}

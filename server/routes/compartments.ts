import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { STREAM_EVENTS, type CaseEventWireData } from '../../shared/protocol/case-events.ts';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { ContextKey, CreateCompartmentRequest, Manifest } from '../../shared/api/compartments.ts';
import { compartmentName } from '../../shared/policy/compartment-name.ts';
import type { AppEnv, Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { decideAllCompartments } from '../access/manifest.ts';
import { canManageCase } from '../access/case-roles.ts';
import { compartmentCreated } from '../access/access-changed.ts';
import { loadUserView } from './user-view.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { caseIdsVisibleTo } from './case-queries.ts';

const caseParam = z.object({ caseId: z.string().min(1).max(64) });

const getManifest = createRoute({
  method: 'get',
  path: '/{caseId}/manifest',
  middleware: [requireUser] as const,
  request: { params: caseParam, query: z.object({ ctx: ContextKey, asUserId: z.string().max(64).optional() }) },
  responses: {
    200: { description: 'The compartments this viewer may open in this context', content: { 'application/json': { schema: Manifest } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

const createCompartment = createRoute({
  method: 'post',
  path: '/{caseId}/compartments',
  middleware: [requireUser] as const,
  request: { params: caseParam, body: { content: { 'application/json': { schema: CreateCompartmentRequest } }, required: true } },
  responses: {
    200: { description: 'The compartment document for this label (created if new)', content: { 'application/json': { schema: z.object({ docName: z.string() }) } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function compartmentRoutes(deps: Deps) {
  const { db } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getManifest, async (c) => {
      const { caseId } = c.req.valid('param');
      const { ctx: contextKey, asUserId } = c.req.valid('query');
      const user = c.get('user')!;
      let viewer: SessionUser = user;
      if (asUserId && asUserId !== user.id) {
        // "As seen by": a facilitator checks what another participant sees, before or during a meeting.
        if (!(await canManageCase(db, user, caseId))) return c.json({ error: 'forbidden', message: 'プレビューはケースの担当者のみが使えます' }, 403);
        const other = await loadUserView(db, asUserId);
        if (!other) return c.json({ error: 'not_found', message: '利用者が見つかりません' }, 404);
        viewer = { id: other.id, username: other.username, displayName: other.displayName, orgId: other.orgId, role: other.role };
        await deps.audit.record({ actorUserId: user.id, action: 'preview.as_seen_by', caseId, detail: { asUserId, context: contextKey } });
      }
      const snapshot = new AccessSnapshot(db);
      const ctx = await snapshot.context(viewer, contextKey);
      if (!ctx || ctx.caseId !== caseId) return c.json({ error: 'not_found', message: '会議またはケースが見つかりません' }, 404);
      const { visible, hidden } = await decideAllCompartments(db, viewer, ctx, snapshot);
      return c.json({ caseId, context: ctx.key, viewerUserId: viewer.id, compartments: visible, ...(viewer !== user ? { hidden } : {}) }, 200);
    })
    .openapi(createCompartment, async (c) => {
      const { caseId } = c.req.valid('param');
      const { ctx: contextKey, label: input } = c.req.valid('json');
      const user = c.get('user')!;
      const snapshot = new AccessSnapshot(db);
      const ctx = await snapshot.context(user, contextKey);
      if (!ctx || ctx.caseId !== caseId) return c.json({ error: 'not_found', message: '会議またはケースが見つかりません' }, 404);
      const person = await db.selectFrom('persons').select('id').where('id', '=', input.personId).where('case_id', '=', caseId).executeTakeFirst();
      if (!person) return c.json({ error: 'not_found', message: '対象の方が見つかりません' }, 404);
      // The supplier is always the author's own agency: it cannot be claimed for someone else.
      const label = { caseId, ...input, supplierOrgId: user.orgId };
      const docName = compartmentName(label);
      const existing = await db.selectFrom('compartments').select('doc_name').where('doc_name', '=', docName).executeTakeFirst();
      if (!existing) {
        await db
          .insertInto('compartments')
          .values({
            doc_name: docName,
            case_id: caseId,
            person_id: input.personId,
            category: input.category,
            supplier_org_id: user.orgId,
            allow_org_ids: input.allowOrgIds === null ? null : JSON.stringify([...new Set(input.allowOrgIds)].sort()),
            not_to_person: input.notToPerson ? 1 : 0,
            created_by: user.id,
            created_at: new Date().toISOString(),
          })
          .onConflict((oc) => oc.column('doc_name').doNothing())
          .execute();
      }
      const decision = await new AccessSnapshot(db).decideCompartment(user, ctx, docName);
      if (decision.access !== 'write') {
        return c.json({ error: 'forbidden', message: 'この会議では書き込めません (閲覧のみ、または終了済み)' }, 403);
      }
      if (!existing) {
        await deps.audit.record({ actorUserId: user.id, action: 'compartment.created', caseId, docName, detail: { context: ctx.key } });
        await compartmentCreated(deps, caseId, docName);
      }
      return c.json({ docName }, 200);
    });

  // Server-sent events: "your access may have changed, fetch the manifest again". No content,
  // only for cases the user takes part in; closed when the session ends.
  app.get('/:caseId/events', requireUser, async (c) => {
    const caseId = c.req.param('caseId');
    if (!(await caseIdsVisibleTo(db, c.get('user')!.id)).includes(caseId)) {
      return c.json({ error: 'not_found', message: 'ケースが見つかりません' }, 404);
    }
    const sessionId = c.get('sessionId')!;
    return streamSSE(c, async (stream) => {
      let counter = 0;
      const unsubscribe = deps.events.subscribe(caseId, (event) => {
        void stream.writeSSE({ event: event.type, data: JSON.stringify({ why: event.type } satisfies CaseEventWireData), id: String(++counter) });
      });
      const stopOnLogout = deps.events.onSessionEnded(sessionId, () => void stream.close());
      stream.onAbort(() => {
        unsubscribe();
        stopOnLogout();
      });
      await stream.writeSSE({ event: STREAM_EVENTS.ready, data: '{}' });
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(25_000);
        // An expired session ends the stream too (checked at each keep-alive).
        const { session } = await deps.auth.validateSession(sessionId);
        if (!session) break;
        await stream.writeSSE({ event: STREAM_EVENTS.ping, data: '{}' });
      }
      unsubscribe();
      stopOnLogout();
    });
  });
  return app;
}

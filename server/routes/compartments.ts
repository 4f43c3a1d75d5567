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
import { explainAccess } from '../../shared/policy/access.ts';
import { viewerOf } from '../access/access-snapshot.ts';
import { personsVisibleTo } from '../access/visible-persons.ts';
import { personsOf } from './case-queries.ts';
import { knowsCase } from './admission.ts';
import { notFound } from './not-found.ts';
import { unknownOrganisation } from './organisations.ts';

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
      // Admission before anything else: the asker's own context must exist and admit them.
      const snapshot = new AccessSnapshot(db);
      const own = await snapshot.context(user, contextKey);
      // A meeting one is not admitted to is one one may not know of (a 支援会議 is 非公開).
      const admitted = own?.context.kind === 'workspace' || (own?.context.kind === 'meeting' && own.context.participation !== null);
      if (!own || own.caseId !== caseId || !admitted) return notFound(c);
      let viewer: SessionUser = user;
      let ctx = own;
      if (asUserId && asUserId !== user.id) {
        // "As seen by": a facilitator checks what another participant sees, before or during a meeting.
        if (!(await canManageCase(db, user, caseId))) return c.json({ error: 'forbidden', message: 'プレビューはケースの担当者のみが使えます' }, 403);
        const other = await loadUserView(db, asUserId);
        if (!other) return notFound(c);
        viewer = { id: other.id, username: other.username, displayName: other.displayName, orgId: other.orgId, role: other.role };
        const theirs = await snapshot.context(viewer, contextKey);
        if (!theirs || theirs.caseId !== caseId) return notFound(c);
        ctx = theirs;
        await deps.audit.record({ actorUserId: user.id, action: 'preview.as_seen_by', caseId, detail: { asUserId, context: contextKey } });
      }
      const { visible, hidden } = await decideAllCompartments(db, viewer, ctx, snapshot);
      return c.json({ caseId, context: ctx.key, viewerUserId: viewer.id, compartments: visible, ...(viewer !== user ? { hidden } : {}) }, 200);
    })
    .openapi(createCompartment, async (c) => {
      const { caseId } = c.req.valid('param');
      const { ctx: contextKey, label: input } = c.req.valid('json');
      const user = c.get('user')!;
      const snapshot = new AccessSnapshot(db);
      const ctx = await snapshot.context(user, contextKey);
      if (!ctx || ctx.caseId !== caseId) return notFound(c);
      // A household member the author may not know of is answered like one that does not exist.
      const known = await personsVisibleTo(db, user, caseId, await personsOf(db, caseId), ctx.key);
      if (!known.some((p) => p.id === input.personId)) return notFound(c);
      const missingOrg = await unknownOrganisation(db, input.allowOrgIds ?? []);
      if (missingOrg) return c.json({ error: 'unknown_organisation', message: `allowOrgIds: 登録されていない機関です (${missingOrg})` }, 400);
      // The supplier is always the author's own agency: it cannot be claimed for someone else.
      const label = { caseId, ...input, supplierOrgId: user.orgId, allowOrgIds: input.allowOrgIds === null ? null : [...new Set(input.allowOrgIds)].sort() };
      const docName = compartmentName(label);
      // Decide first, on the label as it would be stored; write only what is allowed (rule 5).
      const decision = explainAccess({ viewer: viewerOf(user), context: ctx.context, label, consents: await snapshot.consentsOf(caseId), now: snapshot.now });
      if (decision.access !== 'write') {
        return c.json({ error: 'forbidden', message: 'この会議では書き込めません (閲覧のみ、または終了済み)' }, 403);
      }
      const inserted = await db
        .insertInto('compartments')
        .values({
          doc_name: docName,
          case_id: caseId,
          person_id: input.personId,
          category: input.category,
          supplier_org_id: user.orgId,
          allow_org_ids: label.allowOrgIds === null ? null : JSON.stringify(label.allowOrgIds),
          not_to_person: input.notToPerson ? 1 : 0,
          created_by: user.id,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.column('doc_name').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
        await deps.audit.record({ actorUserId: user.id, action: 'compartment.created', caseId, docName, detail: { context: ctx.key } });
        await compartmentCreated(deps, caseId, docName);
      }
      return c.json({ docName }, 200);
    });

  // Server-sent events: "your access may have changed, fetch the manifest again". No content,
  // only for cases the user takes part in; closed when the session ends.
  app.get('/:caseId/events', requireUser, async (c) => {
    const caseId = c.req.param('caseId');
    if (!(await knowsCase(db, c.get('user')!, caseId))) return notFound(c);
    const sessionId = c.get('sessionId')!;
    return streamSSE(c, async (stream) => {
      let counter = 0;
      const user = c.get('user')!;
      const unsubscribe = deps.events.subscribe(caseId, (event) => {
        void stream.writeSSE({ event: event.type, data: JSON.stringify({ why: event.type } satisfies CaseEventWireData), id: String(++counter) }).then(async () => {
          // Whoever no longer may know of the case hears nothing more of it: the client's re-fetch
          // (sent on the event just written) gets the unknown case's 404, and the stream ends.
          if (event.type === 'access-changed' && !(await knowsCase(db, user, caseId))) await stream.close();
        });
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

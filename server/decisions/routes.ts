import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ConfirmDecisionRequest, DecisionConfirmationList, DecisionConfirmationView, DecisionParams, decisionContentHash } from '../../shared/api/decisions.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { canManageCase } from '../access/case-roles.ts';
import { knownMeeting } from '../routes/admission.ts';
import { notFound } from '../routes/not-found.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { errorResponses } from '../routes/errors.ts';
import { validationHook } from '../routes/validation-hook.ts';
import { currentDecision, decisionsConfirmed, listConfirmations, recordConfirmation } from './confirmations.ts';

const confirm = createRoute({
  method: 'post',
  path: '/{meetingId}/decisions/{decisionId}/confirm',
  middleware: [requireUser] as const,
  request: { params: DecisionParams, body: { content: { 'application/json': { schema: ConfirmDecisionRequest } }, required: true } },
  responses: {
    200: { description: 'Confirmed: the content sent matches the board and is recorded as confirmed', content: { 'application/json': { schema: DecisionConfirmationView } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const list = createRoute({
  method: 'get',
  path: '/{meetingId}/decisions/confirmations',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId: DecisionParams.shape.meetingId }) },
  responses: {
    200: { description: 'Every confirmation of this meeting, oldest first', content: { 'application/json': { schema: DecisionConfirmationList } } },
    ...errorResponses(401, 404),
  },
});

/** 決定事項の確定 (issue 4): mounted under /api/meetings. */
export function decisionRoutes(deps: Deps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(confirm, async (c) => {
      const { meetingId, decisionId } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = c.get('user')!;
      const meeting = await knownMeeting(db, user, meetingId);
      if (!meeting) return notFound(c);
      if (!(await canManageCase(db, user, meeting.caseId))) {
        return c.json({ error: 'forbidden', message: '決定事項の確定は進行役 (ケースの担当者) のみが行えます' }, 403);
      }
      if (meeting.state === 'closed') return c.json({ error: 'conflict', message: '終了した会議の決定事項は確定できません' }, 409);

      // The facilitator confirms what they saw; it must be what the board holds now. Otherwise
      // someone changed it meanwhile (or the edit has not reached the server yet).
      const current = await currentDecision(deps, meetingId, decisionId);
      if (!current) return c.json({ error: 'not_found', message: 'この決定事項はボードに見つかりません (削除されたか、まだ同期されていません)' }, 404);
      const sent = { text: body.text, ownerOrgId: body.ownerOrgId ?? null, dueDate: body.dueDate ?? null };
      if (decisionContentHash(sent) !== decisionContentHash(current)) {
        return c.json({ error: 'decision_changed', message: '決定事項の内容がボード上の最新の内容と異なります。内容を確認してからもう一度確定してください' }, 409);
      }
      const confirmation = await recordConfirmation(db, { meetingId, decisionId, content: current, userId: user.id });
      // Ids and the hash only: the audit log never holds item content.
      await deps.audit.record({
        actorUserId: user.id,
        action: 'decision.confirmed',
        caseId: meeting.caseId,
        docName: `meeting/${meetingId}`,
        detail: { meetingId, decisionId, textHash: confirmation.textHash },
      });
      await decisionsConfirmed(deps, meeting.caseId, meetingId);
      return c.json(confirmation, 200);
    })
    .openapi(list, async (c) => {
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      // Whoever may open the meeting document (its decisions) may see which are confirmed.
      const access = await new AccessSnapshot(db).decideMeetingDoc(user, meetingId);
      if (access.access === 'none') return notFound(c);
      return c.json({ confirmations: await listConfirmations(db, meetingId) }, 200);
    });
}

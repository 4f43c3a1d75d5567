import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CaseStatusRequest, LifecycleView, SupportDecisionRequest } from '../../shared/api/case-admin.ts';
import { effectiveConsent } from '../../shared/policy/consent-effective.ts';
import { wareki } from '../../shared/domain/fiscal-year.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { accessChanged } from '../access/access-changed.ts';
import { loadConsents } from '../access/load.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { CASE_NOT_FOUND, READ_ONLY, caseStatus, managedCase, type CaseStatus } from '../intake/case-state.ts';

const caseParam = z.object({ caseId: z.string().min(1).max(64) });
const lifecycleBody = { description: 'Status, legal basis and 支援決定 of the case over time', content: { 'application/json': { schema: LifecycleView } } };

const getLifecycle = createRoute({ method: 'get', path: '/{caseId}/lifecycle', middleware: [requireUser] as const, request: { params: caseParam }, responses: { 200: lifecycleBody, ...errorResponses(401, 404) } });
const setStatus = createRoute({
  method: 'post',
  path: '/{caseId}/status',
  middleware: [requireUser] as const,
  request: { params: caseParam, body: { content: { 'application/json': { schema: CaseStatusRequest } }, required: true } },
  responses: { 200: lifecycleBody, ...errorResponses(400, 401, 404, 409) },
});
const supportDecision = createRoute({
  method: 'post',
  path: '/{caseId}/support-decision',
  middleware: [requireUser] as const,
  request: { params: caseParam, body: { content: { 'application/json': { schema: SupportDecisionRequest } }, required: true } },
  responses: { 201: lifecycleBody, ...errorResponses(400, 401, 404, 409) },
});

/** Which status changes make sense: 中断 and 終結 from an active case, 再開 from a suspended one. */
const ALLOWED: Record<CaseStatus, CaseStatus[]> = { active: ['suspended', 'ended'], suspended: ['active', 'ended'], ended: [] };

export function caseLifecycleRoutes(deps: Deps) {
  const { db } = deps;

  async function lifecycle(caseId: string): Promise<LifecycleView> {
    const kase = await db.selectFrom('cases').select('legal_basis').where('id', '=', caseId).executeTakeFirstOrThrow();
    const history = await db
      .selectFrom('case_status_changes')
      .innerJoin('users', 'users.id', 'case_status_changes.changed_by')
      .selectAll('case_status_changes')
      .select('users.display_name')
      .where('case_id', '=', caseId)
      .orderBy('case_status_changes.id', 'desc')
      .execute();
    const decisions = await db
      .selectFrom('support_decisions')
      .innerJoin('users', 'users.id', 'support_decisions.recorded_by')
      .selectAll('support_decisions')
      .select('users.display_name')
      .where('case_id', '=', caseId)
      .orderBy('support_decisions.id', 'desc')
      .execute();
    const status = await caseStatus(db, caseId);
    return {
      status,
      readOnly: status !== 'active',
      legalBasis: kase.legal_basis as LifecycleView['legalBasis'],
      history: history.map((h) => ({ status: h.status as CaseStatus, reasonCode: h.reason_code, reason: h.reason, effectiveDate: h.effective_date, changedBy: h.display_name, changedAt: h.changed_at })),
      supportDecisions: decisions.map((d) => ({ decidedOn: d.decided_on, approver: d.approver, recordedBy: d.display_name, recordedAt: d.recorded_at })),
    };
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getLifecycle, async (c) => {
      const { caseId } = c.req.valid('param');
      if (!(await managedCase(db, c.get('user')!, caseId))) return c.json(CASE_NOT_FOUND, 404);
      return c.json(await lifecycle(caseId), 200);
    })
    .openapi(setStatus, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await managedCase(db, user, caseId))) return c.json(CASE_NOT_FOUND, 404);
      const body = c.req.valid('json');
      const current = await caseStatus(db, caseId);
      if (!ALLOWED[current].includes(body.status)) {
        return c.json({ error: 'conflict', message: current === 'ended' ? '終結したケースは変更できません' : 'この状態には変更できません' }, 409);
      }
      await db
        .insertInto('case_status_changes')
        .values({ case_id: caseId, status: body.status, reason_code: body.status === 'active' ? null : (body.reasonCode ?? null), reason: body.reason, effective_date: body.effectiveDate, changed_by: user.id, changed_at: new Date().toISOString() })
        .execute();
      // Read-only from now on: open workspace boards drop to read. Sockets first, audit after.
      await accessChanged(deps, caseId, 'case_status', { actorUserId: user.id, action: 'case.status_changed', caseId, detail: { from: current, to: body.status, reasonCode: body.status === 'active' ? null : body.reasonCode, effectiveDate: body.effectiveDate } });
      return c.json(await lifecycle(caseId), 200);
    })
    .openapi(supportDecision, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      const kase = await managedCase(db, user, caseId);
      if (!kase) return c.json(CASE_NOT_FOUND, 404);
      if ((await caseStatus(db, caseId)) !== 'active') return c.json(READ_ONLY, 409);
      const body = c.req.valid('json');
      // 支援決定 opens the 重層的支援会議: only once the subject's consent is recorded and in force.
      const subject = await db.selectFrom('persons').select('id').where('case_id', '=', caseId).where('is_subject', '=', 1).executeTakeFirst();
      const consents = await loadConsents(db, caseId);
      if (!subject || effectiveConsent(consents[subject.id], new Date().toISOString()) !== 'granted') {
        return c.json({ error: 'conflict', message: '本人の同意が記録されていないため、支援決定を記録できません。先に同意を記録してください' }, 409);
      }
      const at = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('support_decisions').values({ case_id: caseId, decided_on: body.decidedOn, approver: body.approver, recorded_by: user.id, recorded_at: at }).execute();
        if (kase.legal_basis !== 'consent') {
          await trx.updateTable('cases').set({ legal_basis: 'consent' }).where('id', '=', caseId).execute();
          await trx
            .insertInto('legal_basis_changes')
            .values({ case_id: caseId, from_basis: kase.legal_basis, to_basis: 'consent', reason: `支援決定 (${wareki(body.decidedOn)}、決裁: ${body.approver})`, changed_by: user.id, changed_at: at })
            .execute();
        }
      });
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, caseId, 'legal_basis', { actorUserId: user.id, action: 'support_decision.recorded', caseId, detail: { decidedOn: body.decidedOn, from: kase.legal_basis, to: 'consent' } });
      return c.json(await lifecycle(caseId), 201);
    });
}

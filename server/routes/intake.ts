import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AcceptReferralRequest,
  AttachReferralRequest,
  AttachReferralResult,
  CoordinatingOrgView,
  DeclineReferralRequest,
  DuplicateCandidate,
  InboxReferral,
  OwnReferralView,
  ReferralSheet,
} from '../../shared/api/intake.ts';
import type { AppEnv, Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { canManageCase } from '../access/case-roles.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { inboxReferrals, insertReferral, ownReferrals } from '../intake/referrals.ts';
import { findDuplicates } from '../intake/duplicates.ts';
import { AlreadyDecided, acceptAsNewCase, attachToCase } from '../intake/accept.ts';
import { eligibleCoordinators, handlesInboxOf } from '../intake/coordinators.ts';
import { READ_ONLY, isReadOnly } from '../intake/case-state.ts';
import { isInviteeOrgField } from '../../shared/domain/roles.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const referralParam = z.object({ referralId: z.string().min(1).max(64) });
const NOT_FOUND = { error: 'not_found', message: 'つなぐシートが見つかりません' } as const;

const coordinatingOrgs = createRoute({
  method: 'get',
  path: '/coordinating-organisations',
  middleware: [requireUser] as const,
  responses: { 200: { description: 'Where a つなぐシート can be sent (多機関協働事業者)', ...json(z.array(CoordinatingOrgView)) }, ...errorResponses(401) },
});
const submit = createRoute({
  method: 'post',
  path: '/referrals',
  middleware: [requireUser] as const,
  request: { body: { ...json(ReferralSheet), required: true } },
  responses: { 201: { description: 'Received; the referring agency may follow its status', ...json(OwnReferralView) }, ...errorResponses(400, 401, 403) },
});
const mine = createRoute({
  method: 'get',
  path: '/referrals',
  middleware: [requireUser] as const,
  responses: { 200: { description: 'The referrals of the viewer’s own agency, with their status only', ...json(z.array(OwnReferralView)) }, ...errorResponses(401) },
});
const inbox = createRoute({
  method: 'get',
  path: '/inbox',
  middleware: [requireUser] as const,
  responses: { 200: { description: 'Sheets addressed to the viewer’s coordinating agency (basic information only)', ...json(z.array(InboxReferral)) }, ...errorResponses(401, 404) },
});
const inboxOne = createRoute({
  method: 'get',
  path: '/inbox/{referralId}',
  middleware: [requireUser] as const,
  request: { params: referralParam },
  responses: {
    200: { description: 'One sheet with possible duplicate households', ...json(InboxReferral.extend({ duplicates: z.array(DuplicateCandidate) })) },
    ...errorResponses(401, 404),
  },
});
const accept = createRoute({
  method: 'post',
  path: '/inbox/{referralId}/accept',
  middleware: [requireUser] as const,
  request: { params: referralParam, body: { ...json(AcceptReferralRequest), required: true } },
  responses: { 201: { description: 'Accepted as a new case', ...json(z.object({ caseId: z.string() })) }, ...errorResponses(400, 401, 404, 409) },
});
const attach = createRoute({
  method: 'post',
  path: '/inbox/{referralId}/attach',
  middleware: [requireUser] as const,
  request: { params: referralParam, body: { ...json(AttachReferralRequest), required: true } },
  responses: { 200: { description: 'Added to an existing case: which household members joined it and which it already had (by name)', ...json(AttachReferralResult) }, ...errorResponses(400, 401, 404, 409) },
});
const decline = createRoute({
  method: 'post',
  path: '/inbox/{referralId}/decline',
  middleware: [requireUser] as const,
  request: { params: referralParam, body: { ...json(DeclineReferralRequest), required: true } },
  responses: { 200: { description: 'Declined with a reason the referring agency sees', ...json(z.object({ status: z.literal('declined') })) }, ...errorResponses(400, 401, 404, 409) },
});

async function personNames(db: Deps['db'], ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Accounts of invited guests, persons and family members are no agencies: they refer nobody. */
async function isAgencyUser(deps: Deps, user: SessionUser): Promise<boolean> {
  if (user.role === 'administrator') return false;
  const org = await deps.db.selectFrom('organisations').select('field').where('id', '=', user.orgId).executeTakeFirst();
  return !!org && !isInviteeOrgField(org.field);
}

/** Intake by つなぐシート (issue 10). */
export function intakeRoutes(deps: Deps) {
  const { db } = deps;

  /** The referral, if this user handles the inbox it sits in; null for unknown and forbidden alike. */
  async function inboxReferral(user: SessionUser, referralId: string) {
    const row = await db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst();
    return row && handlesInboxOf(user, row.to_org_id) ? row : null;
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(coordinatingOrgs, async (c) => {
      const rows = await db.selectFrom('organisations').select(['id', 'name']).where('is_coordinator', '=', 1).orderBy('name').execute();
      return c.json(rows, 200);
    })
    .openapi(submit, async (c) => {
      const user = c.get('user')!;
      const sheet = c.req.valid('json');
      if (!(await isAgencyUser(deps, user))) return c.json({ error: 'forbidden', message: 'つなぐシートは支援関係機関の職員が作成します' }, 403);
      const to = await db.selectFrom('organisations').select(['id', 'is_coordinator']).where('id', '=', sheet.toOrgId).executeTakeFirst();
      if (!to || to.is_coordinator !== 1) return c.json({ error: 'invalid_request', message: 'toOrgId: つなぐ先は多機関協働事業者から選んでください' }, 400);
      const id = await insertReferral(db, user, sheet, new Date());
      await deps.audit.record({ actorUserId: user.id, action: 'referral.submitted', detail: { referralId: id, toOrgId: sheet.toOrgId, variant: sheet.consentVariant } });
      const view = (await ownReferrals(db, user.orgId)).find((r) => r.id === id)!;
      return c.json(view, 201);
    })
    .openapi(mine, async (c) => c.json(await ownReferrals(db, c.get('user')!.orgId), 200))
    .openapi(inbox, async (c) => {
      const user = c.get('user')!;
      if (!handlesInboxOf(user, user.orgId)) return c.json({ error: 'not_found', message: '受付箱が見つかりません' }, 404);
      const org = await db.selectFrom('organisations').select('is_coordinator').where('id', '=', user.orgId).executeTakeFirst();
      if (org?.is_coordinator !== 1) return c.json({ error: 'not_found', message: '受付箱が見つかりません' }, 404);
      return c.json(await inboxReferrals(db, user.orgId), 200);
    })
    .openapi(inboxOne, async (c) => {
      const user = c.get('user')!;
      const row = await inboxReferral(user, c.req.valid('param').referralId);
      if (!row) return c.json(NOT_FOUND, 404);
      const [view] = await inboxReferrals(db, row.to_org_id, row.id);
      const duplicates = row.status === 'received' ? await findDuplicates(db, user, view!.household, row.address_key) : [];
      await deps.audit.record({ actorUserId: user.id, action: 'referral.viewed', caseId: row.case_id, detail: { referralId: row.id } });
      return c.json({ ...view!, duplicates }, 200);
    })
    .openapi(accept, async (c) => {
      const user = c.get('user')!;
      const row = await inboxReferral(user, c.req.valid('param').referralId);
      if (!row) return c.json(NOT_FOUND, 404);
      if (row.status !== 'received') return c.json({ error: 'conflict', message: 'このつなぐシートは処理済みです' }, 409);
      const body = c.req.valid('json');
      const extra = [...new Set(body.coordinatorUserIds)];
      const eligible = await eligibleCoordinators(db, extra);
      const wrong = extra.find((id) => !eligible.includes(id));
      if (wrong) return c.json({ error: 'invalid_request', message: 'coordinatorUserIds: 担当者には多機関協働事業者の進行役を選んでください' }, 400);
      const caseId = await acceptAsNewCase(deps, user, row, { ...body, coordinatorUserIds: extra }).catch((error: unknown) => {
        if (error instanceof AlreadyDecided) return null;
        throw error;
      });
      if (!caseId) return c.json({ error: 'conflict', message: 'このつなぐシートは処理済みです' }, 409);
      await deps.audit.record({ actorUserId: user.id, action: 'referral.accepted', caseId, detail: { referralId: row.id, coordinators: [user.id, ...extra] } });
      return c.json({ caseId }, 201);
    })
    .openapi(attach, async (c) => {
      const user = c.get('user')!;
      const row = await inboxReferral(user, c.req.valid('param').referralId);
      if (!row) return c.json(NOT_FOUND, 404);
      const { caseId, subjectPersonId } = c.req.valid('json');
      // The target case must be one this coordinator manages; otherwise it "does not exist".
      if (!(await canManageCase(db, user, caseId))) return c.json({ error: 'not_found', message: 'ケースが見つかりません' }, 404);
      const person = await db.selectFrom('persons').select('id').where('id', '=', subjectPersonId).where('case_id', '=', caseId).executeTakeFirst();
      if (!person) return c.json({ error: 'not_found', message: '対象の方が見つかりません' }, 404);
      if (row.status !== 'received') return c.json({ error: 'conflict', message: 'このつなぐシートは処理済みです' }, 409);
      // A suspended or ended case takes nothing new (its household included) until it is resumed.
      if (await isReadOnly(db, caseId)) return c.json(READ_ONLY, 409);
      const attached = await attachToCase(deps, user, row, caseId, subjectPersonId).catch((error: unknown) => {
        if (error instanceof AlreadyDecided) return null;
        throw error;
      });
      if (!attached) return c.json({ error: 'conflict', message: 'このつなぐシートは処理済みです' }, 409);
      await deps.audit.record({ actorUserId: user.id, action: 'referral.attached', caseId, detail: { referralId: row.id, personId: subjectPersonId, added: attached.added, matched: attached.matched } });
      // The coordinator is told by name what happened to the household (ids are for the audit).
      const names = await personNames(db, [...attached.added, ...attached.matched]);
      return c.json({ caseId, added: attached.added.map((id) => names.get(id) ?? ''), matched: attached.matched.map((id) => names.get(id) ?? '') }, 200);
    })
    .openapi(decline, async (c) => {
      const user = c.get('user')!;
      const row = await inboxReferral(user, c.req.valid('param').referralId);
      if (!row) return c.json(NOT_FOUND, 404);
      const { reason } = c.req.valid('json');
      const updated = await db
        .updateTable('referrals')
        .set({ status: 'declined', decline_reason: reason, decided_by: user.id, decided_at: new Date().toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'received')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return c.json({ error: 'conflict', message: 'このつなぐシートは処理済みです' }, 409);
      await deps.audit.record({ actorUserId: user.id, action: 'referral.declined', detail: { referralId: row.id } });
      return c.json({ status: 'declined' as const }, 200);
    });
}

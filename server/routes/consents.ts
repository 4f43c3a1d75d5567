import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { PersonConsentView, RecordConsentRequest, ConsentRecordView, LegalBasisRequest } from '../../shared/api/consent.ts';
import { effectiveConsent } from '../../shared/policy/consent-effective.ts';
import type { ConsentScopeEntry } from '../../shared/domain/consent.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { canManageCase } from '../access/case-roles.ts';
import { accessChanged } from '../access/access-changed.ts';
import { personsOf } from './case-queries.ts';
import { householdVisibleTo } from '../access/visible-persons.ts';
import { knowsCase } from './admission.ts';
import { notFound } from './not-found.ts';
import { unknownOrganisation } from './organisations.ts';
import { consentAsSeenBy } from './consent-view.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { LegalBasisChangeView } from '../../shared/api/meeting-kinds.ts';

const caseParam = z.object({ caseId: z.string().min(1).max(64) });

const listConsents = createRoute({
  method: 'get',
  path: '/{caseId}/consents',
  middleware: [requireUser] as const,
  request: { params: caseParam },
  responses: {
    200: { description: 'Consent of every person of the household', content: { 'application/json': { schema: z.array(PersonConsentView) } } },
    ...errorResponses(401, 404),
  },
});

const recordConsent = createRoute({
  method: 'post',
  path: '/{caseId}/persons/{personId}/consents',
  middleware: [requireUser] as const,
  request: {
    params: caseParam.extend({ personId: z.string().min(1).max(64) }),
    body: { content: { 'application/json': { schema: RecordConsentRequest } }, required: true },
  },
  responses: {
    201: { description: 'Recorded; connections that lost access are already closed', content: { 'application/json': { schema: ConsentRecordView } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

const setLegalBasis = createRoute({
  method: 'put',
  path: '/{caseId}/legal-basis',
  middleware: [requireUser] as const,
  request: { params: caseParam, body: { content: { 'application/json': { schema: LegalBasisRequest } }, required: true } },
  responses: {
    200: { description: 'Changed and recorded', content: { 'application/json': { schema: z.object({ basis: z.string() }) } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const legalBasisHistory = createRoute({
  method: 'get',
  path: '/{caseId}/legal-basis',
  middleware: [requireUser] as const,
  request: { params: caseParam },
  responses: {
    200: { description: 'Every change of the case’s legal basis, newest first', content: { 'application/json': { schema: z.array(LegalBasisChangeView) } } },
    ...errorResponses(401, 404),
  },
});

export function consentRoutes(deps: Deps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listConsents, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await knowsCase(db, user, caseId))) return notFound(c);
      const manager = await canManageCase(db, user, caseId);
      // Who lives in the household is itself basic information: list only the persons this viewer may know.
      const { persons } = await householdVisibleTo(db, user, caseId, await personsOf(db, caseId));
      const records = await consentRecords(deps, caseId);
      const now = new Date().toISOString();
      return c.json(
        persons.map((p) => {
          const history = records.filter((r) => r.personId === p.id).reverse();
          const current = history[0] ?? null;
          return {
            personId: p.id,
            personName: p.name,
            isSubject: p.isSubject,
            effectiveStatus: effectiveConsent(current ? { ...current, personId: p.id } : undefined, now),
            // Others' scope, the note and the form are the coordinators'; a participant sees
            // what the consent means for their own organisation (rule 6).
            current: current && !manager ? consentAsSeenBy(current, user.orgId) : current,
            history: manager ? history : [],
          };
        }),
        200,
      );
    })
    .openapi(recordConsent, async (c) => {
      const { caseId, personId } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = c.get('user')!;
      if (!(await knowsCase(db, user, caseId))) return notFound(c);
      if (!(await canManageCase(db, user, caseId))) {
        return c.json({ error: 'forbidden', message: '同意の記録はケースの担当者 (進行役) のみが行えます' }, 403);
      }
      const person = await db.selectFrom('persons').select(['id']).where('id', '=', personId).where('case_id', '=', caseId).executeTakeFirst();
      if (!person) return notFound(c);
      const unknownOrg = await unknownOrganisation(db, body.scope.map((e) => e.orgId));
      if (unknownOrg) return c.json({ error: 'unknown_organisation', message: `scope: 登録されていない機関です (${unknownOrg})` }, 400);
      const recordedAt = new Date().toISOString();
      const inserted = await db
        .insertInto('consent_records')
        .values({
          case_id: caseId,
          person_id: personId,
          status: body.status,
          method: body.method,
          valid_from: body.validFrom,
          valid_until: body.validUntil,
          scope_json: JSON.stringify(dedupeScope(body.scope)),
          note: body.note ?? null,
          document_ref: null,
          recorded_by: user.id,
          recorded_at: recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Withdrawal takes effect at once: affected sockets are closed before we answer, and the
      // audit entry is written after them (narrowing.ts), so a failing audit store cannot keep one open.
      await accessChanged(deps, caseId, 'consent', {
        actorUserId: user.id,
        action: 'consent.changed',
        caseId,
        detail: { personId, status: body.status, method: body.method, validUntil: body.validUntil, scope: dedupeScope(body.scope) },
      });
      const [view] = (await consentRecords(deps, caseId)).filter((r) => r.id === Number(inserted.id));
      return c.json(view!, 201);
    })
    .openapi(legalBasisHistory, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await knowsCase(db, user, caseId))) return notFound(c);
      // The history carries the coordinators' reasons (free text): theirs alone.
      if (!(await canManageCase(db, user, caseId))) return c.json([], 200);
      const rows = await db
        .selectFrom('legal_basis_changes')
        .innerJoin('users', 'users.id', 'legal_basis_changes.changed_by')
        .selectAll('legal_basis_changes')
        .select('users.display_name')
        .where('case_id', '=', caseId)
        .orderBy('legal_basis_changes.id', 'desc')
        .execute();
      return c.json(
        rows.map((r) => ({ fromBasis: r.from_basis, toBasis: r.to_basis, reason: r.reason, changedBy: r.display_name, changedAt: r.changed_at })),
        200,
      );
    })
    .openapi(setLegalBasis, async (c) => {
      const { caseId } = c.req.valid('param');
      const { basis, reason } = c.req.valid('json');
      const user = c.get('user')!;
      if (!(await knowsCase(db, user, caseId))) return notFound(c);
      if (!(await canManageCase(db, user, caseId))) return c.json({ error: 'forbidden', message: '法的根拠の変更はケースの担当者のみが行えます' }, 403);
      const kase = await db.selectFrom('cases').select(['legal_basis']).where('id', '=', caseId).executeTakeFirst();
      if (!kase) return notFound(c);
      if (basis === 'consent') {
        // A case goes to a 重層的支援会議 only once its subject has consented.
        const subject = await db.selectFrom('persons').select('id').where('case_id', '=', caseId).where('is_subject', '=', 1).executeTakeFirst();
        const records = await consentRecords(deps, caseId);
        const current = records.filter((r) => r.personId === subject?.id).pop();
        if (!current || effectiveConsent({ ...current }, new Date().toISOString()) !== 'granted') {
          return c.json({ error: 'conflict', message: '本人の同意が記録されていないため、重層的支援会議の対象にできません' }, 409);
        }
      }
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('cases').set({ legal_basis: basis }).where('id', '=', caseId).execute();
        await trx
          .insertInto('legal_basis_changes')
          .values({ case_id: caseId, from_basis: kase.legal_basis, to_basis: basis, reason, changed_by: user.id, changed_at: new Date().toISOString() })
          .execute();
      });
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, caseId, 'legal_basis', { actorUserId: user.id, action: 'legal_basis.changed', caseId, detail: { from: kase.legal_basis, to: basis, reason } });
      return c.json({ basis }, 200);
    });
}

async function consentRecords(deps: Deps, caseId: string): Promise<ConsentRecordView[]> {
  const rows = await deps.db
    .selectFrom('consent_records')
    .innerJoin('users', 'users.id', 'consent_records.recorded_by')
    .selectAll('consent_records')
    .select('users.display_name')
    .where('consent_records.case_id', '=', caseId)
    .orderBy('consent_records.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    personId: r.person_id,
    status: r.status as ConsentRecordView['status'],
    method: r.method as ConsentRecordView['method'],
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    scope: JSON.parse(r.scope_json) as ConsentScopeEntry[],
    note: r.note,
    recordedBy: r.display_name,
    recordedAt: r.recorded_at,
  }));
}

function dedupeScope(scope: ConsentScopeEntry[]): ConsentScopeEntry[] {
  const seen = new Set<string>();
  return scope.filter((e) => {
    const key = `${e.category}|${e.orgId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

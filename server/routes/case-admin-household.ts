import { randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { HouseholdView, PartnershipInput, PartnershipStatusInput, PersonInput, type HouseholdPerson, type PartnershipView } from '../../shared/api/case-admin.ts';
import { ageOn } from '../../shared/domain/referral.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { accessChanged } from '../access/access-changed.ts';
import { canManageCase } from '../access/case-roles.ts';
import { personsVisibleTo } from '../access/visible-persons.ts';
import { caseIdsVisibleTo, personsOf } from './case-queries.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { CASE_NOT_FOUND, READ_ONLY, isReadOnly, managedCase } from '../intake/case-state.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const caseParam = z.object({ caseId: z.string().min(1).max(64) });
const personParam = caseParam.extend({ personId: z.string().min(1).max(64) });
const partnershipParam = caseParam.extend({ partnershipId: z.string().min(1).max(64) });
const householdBody = { description: 'The household as this viewer may know it', ...json(HouseholdView) };

const getHousehold = createRoute({ method: 'get', path: '/{caseId}/household', middleware: [requireUser] as const, request: { params: caseParam }, responses: { 200: householdBody, ...errorResponses(401, 404) } });
const addPerson = createRoute({
  method: 'post',
  path: '/{caseId}/household/persons',
  middleware: [requireUser] as const,
  request: { params: caseParam, body: { ...json(PersonInput), required: true } },
  responses: { 201: householdBody, ...errorResponses(400, 401, 404, 409) },
});
const editPerson = createRoute({
  method: 'put',
  path: '/{caseId}/household/persons/{personId}',
  middleware: [requireUser] as const,
  request: { params: personParam, body: { ...json(PersonInput), required: true } },
  responses: { 200: householdBody, ...errorResponses(400, 401, 404, 409) },
});
const removePerson = createRoute({
  method: 'delete',
  path: '/{caseId}/household/persons/{personId}',
  middleware: [requireUser] as const,
  request: { params: personParam },
  responses: { 200: householdBody, ...errorResponses(401, 404, 409) },
});
const addPartnership = createRoute({
  method: 'post',
  path: '/{caseId}/household/partnerships',
  middleware: [requireUser] as const,
  request: { params: caseParam, body: { ...json(PartnershipInput), required: true } },
  responses: { 201: householdBody, ...errorResponses(400, 401, 404, 409) },
});
const editPartnership = createRoute({
  method: 'put',
  path: '/{caseId}/household/partnerships/{partnershipId}',
  middleware: [requireUser] as const,
  request: { params: partnershipParam, body: { ...json(PartnershipStatusInput), required: true } },
  responses: { 200: householdBody, ...errorResponses(400, 401, 404, 409) },
});
const removePartnership = createRoute({
  method: 'delete',
  path: '/{caseId}/household/partnerships/{partnershipId}',
  middleware: [requireUser] as const,
  request: { params: partnershipParam },
  responses: { 200: householdBody, ...errorResponses(401, 404, 409) },
});

/** Editing the household over time (issue 10): persons, relations, partnerships. */
export function caseHouseholdRoutes(deps: Deps) {
  const { db } = deps;

  async function household(caseId: string, personIds: Set<string> | null): Promise<HouseholdView> {
    const rows = await db.selectFrom('persons').selectAll().where('case_id', '=', caseId).orderBy('is_subject', 'desc').orderBy('id').execute();
    const persons: HouseholdPerson[] = rows
      .filter((p) => !personIds || personIds.has(p.id))
      .map((p) => ({
        id: p.id,
        name: p.name,
        // Reading and birth date serve duplicate checks: only for those who manage the case.
        kana: personIds ? null : (p.kana ?? null),
        relation: p.relation,
        sex: p.sex as HouseholdPerson['sex'],
        age: p.birth_date ? ageOn(p.birth_date, new Date().toISOString().slice(0, 10)) : p.age,
        birthDate: personIds ? null : (p.birth_date ?? null),
        isSubject: p.is_subject === 1,
        deceased: p.deceased === 1,
      }));
    const visible = new Set(persons.map((p) => p.id));
    const partnerships = (await db.selectFrom('partnerships').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute())
      .filter((r) => visible.has(r.person_a) && visible.has(r.person_b))
      .map((r): PartnershipView => ({ id: r.id, personA: r.person_a, personB: r.person_b, status: r.status as PartnershipView['status'] }));
    return { persons, partnerships };
  }

  /** Every write: managed (else 404), not read-only (else 409), then audited and re-evaluated. */
  async function writable(user: Parameters<typeof managedCase>[1], caseId: string): Promise<'not_found' | 'read_only' | null> {
    if (!(await managedCase(db, user, caseId))) return 'not_found';
    if (await isReadOnly(db, caseId)) return 'read_only';
    return null;
  }

  async function changed(userId: string, caseId: string, detail: Record<string, unknown>): Promise<HouseholdView> {
    // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
    await accessChanged(deps, caseId, 'household', { actorUserId: userId, action: 'household.changed', caseId, detail });
    return household(caseId, null);
  }

  const personRow = (caseId: string, body: PersonInput) => ({
    name: body.name,
    kana: body.kana || null,
    relation: body.relation,
    sex: body.sex,
    age: body.age ?? ageOn(body.birthDate, new Date().toISOString().slice(0, 10)),
    birth_date: body.birthDate,
    deceased: body.deceased ? 1 : 0,
    case_id: caseId,
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getHousehold, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await caseIdsVisibleTo(db, user.id)).includes(caseId) && !(await canManageCase(db, user, caseId))) return c.json(CASE_NOT_FOUND, 404);
      if (await canManageCase(db, user, caseId)) return c.json(await household(caseId, null), 200);
      const visible = await personsVisibleTo(db, user, caseId, await personsOf(db, caseId));
      return c.json(await household(caseId, new Set(visible.map((p) => p.id))), 200);
    })
    .openapi(addPerson, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      const problem = await writable(user, caseId);
      if (problem === 'not_found') return c.json(CASE_NOT_FOUND, 404);
      if (problem) return c.json(READ_ONLY, 409);
      const personId = `p-${randomUUID()}`;
      await db.insertInto('persons').values({ id: personId, is_subject: 0, ...personRow(caseId, c.req.valid('json')) }).execute();
      return c.json(await changed(user.id, caseId, { added: personId }), 201);
    })
    .openapi(editPerson, async (c) => {
      const { caseId, personId } = c.req.valid('param');
      const user = c.get('user')!;
      const problem = await writable(user, caseId);
      if (problem === 'not_found') return c.json(CASE_NOT_FOUND, 404);
      const exists = await db.selectFrom('persons').select('id').where('id', '=', personId).where('case_id', '=', caseId).executeTakeFirst();
      if (!exists) return c.json({ error: 'not_found', message: '世帯員が見つかりません' }, 404);
      if (problem) return c.json(READ_ONLY, 409);
      await db.updateTable('persons').set(personRow(caseId, c.req.valid('json'))).where('id', '=', personId).execute();
      return c.json(await changed(user.id, caseId, { edited: personId }), 200);
    })
    .openapi(removePerson, async (c) => {
      const { caseId, personId } = c.req.valid('param');
      const user = c.get('user')!;
      const problem = await writable(user, caseId);
      if (problem === 'not_found') return c.json(CASE_NOT_FOUND, 404);
      const person = await db.selectFrom('persons').select(['id', 'is_subject']).where('id', '=', personId).where('case_id', '=', caseId).executeTakeFirst();
      if (!person) return c.json({ error: 'not_found', message: '世帯員が見つかりません' }, 404);
      if (problem) return c.json(READ_ONLY, 409);
      if (person.is_subject === 1) return c.json({ error: 'conflict', message: '本人は世帯から外せません' }, 409);
      // What was shared about a person stays on record: only a person nothing refers to goes.
      const [items, consents, seats] = await Promise.all([
        db.selectFrom('compartments').select('doc_name').where('person_id', '=', personId).executeTakeFirst(),
        db.selectFrom('consent_records').select('id').where('person_id', '=', personId).executeTakeFirst(),
        db.selectFrom('meeting_participants').select('meeting_id').where('person_id', '=', personId).executeTakeFirst(),
      ]);
      if (items || consents || seats) {
        return c.json({ error: 'conflict', message: 'この方には記録・同意・会議参加があるため外せません。続柄や備考で現状を示してください' }, 409);
      }
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('partnerships').where('case_id', '=', caseId).where((eb) => eb.or([eb('person_a', '=', personId), eb('person_b', '=', personId)])).execute();
        await trx.deleteFrom('persons').where('id', '=', personId).execute();
      });
      return c.json(await changed(user.id, caseId, { removed: personId }), 200);
    })
    .openapi(addPartnership, async (c) => {
      const { caseId } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = c.get('user')!;
      const problem = await writable(user, caseId);
      if (problem === 'not_found') return c.json(CASE_NOT_FOUND, 404);
      const both = await db.selectFrom('persons').select('id').where('case_id', '=', caseId).where('id', 'in', [body.personA, body.personB]).execute();
      if (both.length !== 2) return c.json({ error: 'not_found', message: '世帯員が見つかりません' }, 404);
      if (problem) return c.json(READ_ONLY, 409);
      const id = `pp-${randomUUID()}`;
      await db.insertInto('partnerships').values({ id, case_id: caseId, person_a: body.personA, person_b: body.personB, status: body.status, created_at: new Date().toISOString() }).execute();
      return c.json(await changed(user.id, caseId, { partnership: id, status: body.status }), 201);
    })
    .openapi(editPartnership, async (c) => {
      const { caseId, partnershipId } = c.req.valid('param');
      const user = c.get('user')!;
      const problem = await writable(user, caseId);
      if (problem === 'not_found') return c.json(CASE_NOT_FOUND, 404);
      const exists = await db.selectFrom('partnerships').select('id').where('id', '=', partnershipId).where('case_id', '=', caseId).executeTakeFirst();
      if (!exists) return c.json({ error: 'not_found', message: '関係が見つかりません' }, 404);
      if (problem) return c.json(READ_ONLY, 409);
      const { status } = c.req.valid('json');
      await db.updateTable('partnerships').set({ status }).where('id', '=', partnershipId).execute();
      return c.json(await changed(user.id, caseId, { partnership: partnershipId, status }), 200);
    })
    .openapi(removePartnership, async (c) => {
      const { caseId, partnershipId } = c.req.valid('param');
      const user = c.get('user')!;
      const problem = await writable(user, caseId);
      if (problem === 'not_found') return c.json(CASE_NOT_FOUND, 404);
      const exists = await db.selectFrom('partnerships').select('id').where('id', '=', partnershipId).where('case_id', '=', caseId).executeTakeFirst();
      if (!exists) return c.json({ error: 'not_found', message: '関係が見つかりません' }, 404);
      if (problem) return c.json(READ_ONLY, 409);
      await db.deleteFrom('partnerships').where('id', '=', partnershipId).execute();
      return c.json(await changed(user.id, caseId, { partnershipRemoved: partnershipId }), 200);
    });
}

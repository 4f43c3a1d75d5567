import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api/auth.ts';
import { CaseDetail, CaseSummary, type MeetingSummary } from '../../shared/api/cases.ts';
import type { AppEnv, Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { validationHook } from './validation-hook.ts';
import { canManageCase } from '../access/case-roles.ts';
import { householdVisibleTo } from '../access/visible-persons.ts';
import { caseIdsVisibleTo, personsOf, toMeetingSummary } from './case-queries.ts';
import { knowsCase, meetingsKnownTo } from './admission.ts';
import { notFound } from './not-found.ts';

const listCases = createRoute({
  method: 'get',
  path: '/',
  middleware: [requireUser] as const,
  responses: {
    200: { description: 'Cases the user coordinates or takes part in', content: { 'application/json': { schema: z.array(CaseSummary) } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
  },
});

const getCase = createRoute({
  method: 'get',
  path: '/{caseId}',
  middleware: [requireUser] as const,
  // Optional `?ctx=meeting:<id>` (read raw, so existing typed callers stay valid): the board and
  // the record name their meeting, and the household is then decided in it too.
  request: { params: z.object({ caseId: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'A case with its household and meetings', content: { 'application/json': { schema: CaseDetail } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
    404: { description: 'Unknown case, or not one the user may open', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export function caseRoutes(deps: Deps) {
  const { db } = deps;

  /** One case as this viewer may know it: 非公開 meetings and the legal basis filtered (rules 6, 7). */
  async function summaryFor(user: SessionUser, caseId: string, ctx: string | null) {
    const kase = await db
      .selectFrom('cases')
      .innerJoin('users', 'users.id', 'cases.coordinator_user_id')
      .select(['cases.id', 'cases.title', 'cases.legal_basis', 'users.display_name'])
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    if (!kase) return null;
    const rows = await db.selectFrom('meetings').selectAll().where('case_id', '=', caseId).orderBy('scheduled_at').execute();
    const meetings = (await meetingsKnownTo(db, user, caseId, rows)).map(toMeetingSummary);
    const household = await householdVisibleTo(db, user, caseId, await personsOf(db, caseId), ctx);
    const summary: CaseSummary = {
      id: kase.id,
      title: kase.title,
      // The basis tells whether the person consented: it is the subject's information.
      legalBasis: household.knowsSubject ? (kase.legal_basis as NonNullable<CaseSummary['legalBasis']>) : null,
      coordinatorName: kase.display_name,
      nextMeeting: nextMeeting(meetings),
    };
    return { summary, meetings, persons: household.persons };
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listCases, async (c) => {
      const user = c.get('user')!;
      const ids = await caseIdsVisibleTo(db, user.id);
      const order = await db.selectFrom('cases').select('id').where('id', 'in', ids.length ? ids : ['']).orderBy('created_at', 'desc').execute();
      const out: CaseSummary[] = [];
      for (const { id } of order) {
        const one = await summaryFor(user, id, null);
        if (one) out.push(one.summary);
      }
      return c.json(out, 200);
    })
    .openapi(getCase, async (c) => {
      const { caseId } = c.req.valid('param');
      const ctx = c.req.query('ctx')?.slice(0, 80) ?? null;
      const user = c.get('user')!;
      // Unknown and forbidden look the same: a case's existence is itself information.
      if (!(await knowsCase(db, user, caseId))) return notFound(c);
      const one = await summaryFor(user, caseId, ctx);
      if (!one) return notFound(c);
      return c.json({ ...one.summary, canManage: await canManageCase(db, user, caseId), persons: one.persons, meetings: one.meetings }, 200);
    });
}

/** The meeting that is running, else the next scheduled one, else none. */
function nextMeeting(meetings: MeetingSummary[]): MeetingSummary | null {
  return meetings.find((m) => m.state === 'open') ?? meetings.find((m) => m.state === 'scheduled') ?? null;
}

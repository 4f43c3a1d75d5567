import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api/auth.ts';
import { CaseDetail, CaseSummary, type MeetingSummary } from '../../shared/api/cases.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { validationHook } from './validation-hook.ts';
import { canManageCase } from '../access/case-roles.ts';
import { personsVisibleTo } from '../access/visible-persons.ts';
import { caseIdsVisibleTo, personsOf, toMeetingSummary } from './case-queries.ts';

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
  request: { params: z.object({ caseId: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'A case with its household and meetings', content: { 'application/json': { schema: CaseDetail } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
    404: { description: 'Unknown case, or not one the user may open', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export function caseRoutes(deps: Deps) {
  const { db } = deps;

  async function summaries(caseIds: string[]): Promise<CaseSummary[]> {
    if (caseIds.length === 0) return [];
    const cases = await db
      .selectFrom('cases')
      .innerJoin('users', 'users.id', 'cases.coordinator_user_id')
      .select(['cases.id', 'cases.title', 'cases.legal_basis', 'users.display_name'])
      .where('cases.id', 'in', caseIds)
      .orderBy('cases.created_at', 'desc')
      .execute();
    const meetings = await db.selectFrom('meetings').selectAll().where('case_id', 'in', caseIds).orderBy('scheduled_at').execute();
    return cases.map((c) => {
      const own = meetings.filter((m) => m.case_id === c.id).map(toMeetingSummary);
      return {
        id: c.id,
        title: c.title,
        legalBasis: c.legal_basis as CaseSummary['legalBasis'],
        coordinatorName: c.display_name,
        nextMeeting: nextMeeting(own),
      };
    });
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listCases, async (c) => {
      const ids = await caseIdsVisibleTo(db, c.get('user')!.id);
      return c.json(await summaries(ids), 200);
    })
    .openapi(getCase, async (c) => {
      const { caseId } = c.req.valid('param');
      const visible = await caseIdsVisibleTo(db, c.get('user')!.id);
      // Unknown and forbidden look the same: a case's existence is itself information.
      if (!visible.includes(caseId)) return c.json({ error: 'not_found', message: 'ケースが見つかりません' }, 404);
      const [summary] = await summaries([caseId]);
      const meetings = await db.selectFrom('meetings').selectAll().where('case_id', '=', caseId).orderBy('scheduled_at').execute();
      return c.json(
        {
          ...summary!,
          canManage: await canManageCase(db, c.get('user')!, caseId),
          persons: await personsVisibleTo(db, c.get('user')!, caseId, await personsOf(db, caseId)),
          meetings: meetings.map(toMeetingSummary),
        },
        200,
      );
    });
}

/** The meeting that is running, else the next scheduled one, else none. */
function nextMeeting(meetings: MeetingSummary[]): MeetingSummary | null {
  return meetings.find((m) => m.state === 'open') ?? meetings.find((m) => m.state === 'scheduled') ?? null;
}

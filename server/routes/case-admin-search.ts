import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CaseSearchQuery, CaseSearchResult } from '../../shared/api/case-admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { personsVisibleTo } from '../access/visible-persons.ts';
import { caseIdsVisibleTo, personsOf } from './case-queries.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { caseStatus } from '../intake/case-state.ts';
import { coordinatorsOf } from '../intake/coordinators.ts';
import { normaliseKana, normaliseName } from '../intake/normalize.ts';

const search = createRoute({
  method: 'get',
  path: '/case-search',
  middleware: [requireUser] as const,
  request: { query: CaseSearchQuery },
  responses: { 200: { description: 'Cases the viewer may open, found by name (kana too), stage, coordinator and next meeting', content: { 'application/json': { schema: z.array(CaseSearchResult) } } }, ...errorResponses(400, 401) },
});

/** The date of an instant in Japan (meetings are held there; "next meeting on" means a JST day). */
const jstDate = (iso: string) => new Date(new Date(iso).getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * Case finder (issue 10). Only cases the viewer may open are searched, and a name matches only
 * through persons the viewer may know: a search must not tell who lives in a household the
 * viewer cannot see.
 */
export function caseSearchRoutes(deps: Deps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(search, async (c) => {
    const user = c.get('user')!;
    const query = c.req.valid('query');
    const assigned = (await db.selectFrom('case_coordinators').select('case_id').where('user_id', '=', user.id).execute()).map((r) => r.case_id);
    const ids = [...new Set([...(await caseIdsVisibleTo(db, user.id)), ...assigned])];
    if (ids.length === 0) return c.json([], 200);
    const cases = await db.selectFrom('cases').selectAll().where('id', 'in', ids).orderBy('created_at', 'desc').execute();
    const q = query.q?.trim() ?? '';
    const qName = normaliseName(q);
    const qKana = normaliseKana(q);
    const results: CaseSearchResult[] = [];
    for (const kase of cases) {
      const status = await caseStatus(db, kase.id);
      const stage = status === 'active' ? (kase.legal_basis as 'support_meeting' | 'consent') : status;
      if (query.stage && query.stage !== stage) continue;
      const coordinators = await coordinatorsOf(db, kase.id);
      const coordinatorIds = coordinators.length ? coordinators.map((x) => x.userId) : [kase.coordinator_user_id];
      if (query.coordinatorId && !coordinatorIds.includes(query.coordinatorId)) continue;
      const meetings = await db.selectFrom('meetings').select(['id', 'title', 'scheduled_at', 'kind_id', 'state']).where('case_id', '=', kase.id).where('state', '!=', 'closed').orderBy('scheduled_at').execute();
      const next = meetings.find((m) => m.state === 'open') ?? meetings[0] ?? null;
      if ((query.nextFrom || query.nextTo) && !next) continue;
      if (next && query.nextFrom && jstDate(next.scheduled_at) < query.nextFrom) continue;
      if (next && query.nextTo && jstDate(next.scheduled_at) > query.nextTo) continue;
      let matchedNames: string[] = [];
      if (q) {
        const visible = new Set((await personsVisibleTo(db, user, kase.id, await personsOf(db, kase.id))).map((p) => p.id));
        const persons = await db.selectFrom('persons').select(['id', 'name', 'kana']).where('case_id', '=', kase.id).execute();
        matchedNames = persons
          .filter((p) => visible.has(p.id))
          .filter((p) => normaliseName(p.name).includes(qName) || (!!p.kana && qKana !== '' && normaliseKana(p.kana).includes(qKana)))
          .map((p) => p.name);
        if (matchedNames.length === 0 && !normaliseName(kase.title).includes(qName)) continue;
      }
      const names = coordinators.length
        ? coordinators.map((x) => x.displayName)
        : [(await db.selectFrom('users').select('display_name').where('id', '=', kase.coordinator_user_id).executeTakeFirst())?.display_name ?? ''];
      results.push({
        id: kase.id,
        title: kase.title,
        stage,
        coordinatorNames: names,
        nextMeeting: next ? { id: next.id, title: next.title, scheduledAt: next.scheduled_at, kindId: next.kind_id } : null,
        matchedNames,
      });
    }
    return c.json(results, 200);
  });
}

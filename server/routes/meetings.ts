import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api/auth.ts';
import { MeetingDetail } from '../../shared/api/cases.ts';
import { meetingDocName } from '../../shared/policy/compartment-name.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { validationHook } from './validation-hook.ts';
import { participantsOf, toMeetingSummary } from './case-queries.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { notFound } from './not-found.ts';

const getMeeting = createRoute({
  method: 'get',
  path: '/{meetingId}',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'A meeting with its participants', content: { 'application/json': { schema: MeetingDetail } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
    404: { description: 'Unknown meeting, or not one the user is admitted to', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export function meetingRoutes(deps: Deps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getMeeting, async (c) => {
    const { meetingId } = c.req.valid('param');
    const user = c.get('user')!;
    const meeting = await db
      .selectFrom('meetings')
      .innerJoin('cases', 'cases.id', 'meetings.case_id')
      .selectAll('meetings')
      .select(['cases.title as case_title'])
      .where('meetings.id', '=', meetingId)
      .executeTakeFirst();
    // Admission is what the access layer says it is (participants, and the case's coordinator).
    const ctx = meeting ? await new AccessSnapshot(db).context(user, `meeting:${meetingId}`) : null;
    const admitted = ctx?.context.kind === 'meeting' && ctx.context.participation !== null;
    if (!meeting || !admitted) return notFound(c);
    return c.json(
      {
        ...toMeetingSummary(meeting),
        caseTitle: meeting.case_title,
        participants: await participantsOf(db, meetingId),
        docName: meetingDocName(meetingId),
      },
      200,
    );
  });
}

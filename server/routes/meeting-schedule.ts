import { randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { MeetingSummary } from '../../shared/api/cases.ts';
import { ScheduleMeetingRequest, UpdateMeetingRequest } from '../../shared/api/records.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { canManageCase } from '../access/case-roles.ts';
import { accessChanged } from '../access/access-changed.ts';
import { toMeetingSummary } from './case-queries.ts';
import { knownMeeting, knowsCase } from './admission.ts';
import { notFound } from './not-found.ts';
import { usersKnownTo } from './known-users.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

const summaryBody = { content: { 'application/json': { schema: MeetingSummary } } };

const scheduleMeeting = createRoute({
  method: 'post',
  path: '/cases/{caseId}/meetings',
  middleware: [requireUser] as const,
  request: {
    params: z.object({ caseId: z.string().min(1).max(64) }),
    body: { content: { 'application/json': { schema: ScheduleMeetingRequest } }, required: true },
  },
  responses: { 201: { description: 'Scheduled, with its designated members', ...summaryBody }, ...errorResponses(400, 401, 403, 404, 409) },
});

const updateMeeting = createRoute({
  method: 'patch',
  path: '/meetings/{meetingId}',
  middleware: [requireUser] as const,
  request: {
    params: z.object({ meetingId: z.string().min(1).max(64) }),
    body: { content: { 'application/json': { schema: UpdateMeetingRequest } }, required: true },
  },
  responses: { 200: { description: 'Changed (only while scheduled)', ...summaryBody }, ...errorResponses(400, 401, 403, 404, 409) },
});

/** Scheduling meetings (issue 5): kind, moment, date, designated members, video link. */
export function meetingScheduleRoutes(deps: Deps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(scheduleMeeting, async (c) => {
      const { caseId } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = c.get('user')!;
      if (!(await knowsCase(db, user, caseId))) return notFound(c);
      if (!(await canManageCase(db, user, caseId))) return c.json({ error: 'forbidden', message: '会議の設定はケースの担当者 (進行役) のみが行えます' }, 403);
      const kase = await db.selectFrom('cases').select(['id', 'legal_basis']).where('id', '=', caseId).executeTakeFirst();
      if (!kase) return notFound(c);
      const kind = await db.selectFrom('meeting_kinds').selectAll().where('id', '=', body.kindId).executeTakeFirst();
      if (!kind) return c.json({ error: 'invalid_request', message: `kindId: 会議の種類「${body.kindId}」は登録されていません (unknown meeting kind)` }, 400);
      // The legal basis decides which meetings a case may have (DOMAIN.md): a consent-based kind
      // such as the 重層的支援会議 only once the person has consented and the case moved to it.
      if (kind.consent_required === 1 && kase.legal_basis !== 'consent') {
        return c.json(
          {
            error: 'conflict',
            message: `「${kind.name_ja}」は本人の同意に基づく会議です。このケースはまだ同意に基づく支援の対象になっていないため設定できません。本人の同意を記録し、ケースの法的根拠を「同意」に変更してから設定するか、支援会議として設定してください。`,
          },
          409,
        );
      }
      const problem = await participantProblem(deps, user, caseId, body.participants);
      if (problem) return c.json({ error: problem.status === 404 ? 'not_found' : 'invalid_request', message: problem.message }, problem.status);

      const meetingId = `m-${randomUUID()}`;
      const now = new Date().toISOString();
      const participants = [...body.participants];
      // Whoever convenes the meeting runs it, even if they forgot to list themselves.
      if (!participants.some((p) => p.userId === user.id)) participants.unshift({ userId: user.id, role: 'facilitator', personId: null });
      const row = {
        id: meetingId,
        case_id: caseId,
        kind_id: body.kindId,
        moment: body.moment,
        title: body.title,
        scheduled_at: new Date(body.scheduledAt).toISOString(),
        state: 'scheduled',
        video_url: body.videoUrl ?? null,
        created_by: user.id,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('meetings').values(row).execute();
        await trx
          .insertInto('meeting_participants')
          .values(participants.map((p) => ({ meeting_id: meetingId, user_id: p.userId, role: p.role, person_id: p.personId ?? null, affirmed_at: null, added_at: now })))
          .execute();
      });
      await deps.audit.record({
        actorUserId: user.id,
        action: 'meeting.scheduled',
        caseId,
        detail: { meetingId, kindId: body.kindId, moment: body.moment, scheduledAt: row.scheduled_at, participants: participants.length },
      });
      // Designated members gain a meeting: their open case pages fetch the manifest again.
      await accessChanged(deps, caseId, 'meeting_scheduled');
      return c.json(toMeetingSummary(row), 201);
    })
    .openapi(updateMeeting, async (c) => {
      const { meetingId } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = c.get('user')!;
      const meeting = (await knownMeeting(db, user, meetingId)) && (await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst());
      if (!meeting) return notFound(c);
      if (!(await canManageCase(db, user, meeting.case_id))) return c.json({ error: 'forbidden', message: '会議の変更はケースの担当者 (進行役) のみが行えます' }, 403);
      if (meeting.state !== 'scheduled') return c.json({ error: 'conflict', message: '開始済み・終了済みの会議の日時やリンクは変更できません' }, 409);
      const changes = {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.scheduledAt !== undefined ? { scheduled_at: new Date(body.scheduledAt).toISOString() } : {}),
        ...(body.videoUrl !== undefined ? { video_url: body.videoUrl } : {}),
      };
      await db.updateTable('meetings').set(changes).where('id', '=', meetingId).execute();
      await deps.audit.record({ actorUserId: user.id, action: 'meeting.updated', caseId: meeting.case_id, detail: { meetingId, ...changes } });
      return c.json(toMeetingSummary({ ...meeting, ...changes }), 200);
    });
}

type Problem = { status: 400 | 404; message: string } | null;

/** The same rules as designating one participant (participants.ts), for a whole list at once. */
async function participantProblem(deps: Deps, user: SessionUser, caseId: string, list: ScheduleMeetingRequest['participants']): Promise<Problem> {
  const userIds = list.map((p) => p.userId);
  if (new Set(userIds).size !== userIds.length) return { status: 400, message: 'participants: 同じ利用者が重複しています (duplicate userId)' };
  // Only users the convener may know of (a household account of another case is "unknown").
  const known = new Set(userIds.length ? (await usersKnownTo(deps.db, user)).map((r) => r.id) : []);
  const unknown = userIds.find((id) => !known.has(id));
  if (unknown) return { status: 404, message: `participants: 利用者「${unknown}」が見つかりません (unknown user)` };
  for (const p of list) {
    const personId = p.personId ?? null;
    if ((p.role === 'person' || p.role === 'family') !== (personId !== null)) {
      return { status: 400, message: 'participants.personId: 本人・家族の参加者には世帯員を指定します (and only for them)' };
    }
    if (personId) {
      const person = await deps.db.selectFrom('persons').select('id').where('id', '=', personId).where('case_id', '=', caseId).executeTakeFirst();
      if (!person) return { status: 404, message: `participants.personId: 世帯員「${personId}」がこのケースに見つかりません` };
    }
  }
  return null;
}

import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AddParticipantRequest, AttendanceRequest, MeetingStateRequest } from '../../shared/api/participants.ts';
import { ParticipantView } from '../../shared/api/cases.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { canManageCase } from '../access/case-roles.ts';
import { accessChanged } from '../access/access-changed.ts';
import { loadMeeting } from '../access/load.ts';
import { knownMeeting } from './admission.ts';
import { notFound } from './not-found.ts';
import { usersKnownTo } from './known-users.ts';
import { participantsOf } from './case-queries.ts';
import { markAttendance } from '../attendance/attendance.ts';
import { freezeMeeting } from '../records/freeze.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';

const meetingParam = z.object({ meetingId: z.string().min(1).max(64) });
const participantsBody = { content: { 'application/json': { schema: z.array(ParticipantView) } } };

const addParticipant = createRoute({
  method: 'post',
  path: '/{meetingId}/participants',
  middleware: [requireUser] as const,
  request: { params: meetingParam, body: { content: { 'application/json': { schema: AddParticipantRequest } }, required: true } },
  responses: { 200: { description: 'Designated; the participant list', ...participantsBody }, ...errorResponses(400, 401, 403, 404, 409) },
});

const removeParticipant = createRoute({
  method: 'delete',
  path: '/{meetingId}/participants/{userId}',
  middleware: [requireUser] as const,
  request: { params: meetingParam.extend({ userId: z.string().min(1).max(64) }) },
  responses: { 200: { description: 'Removed; their sockets are already closed', ...participantsBody }, ...errorResponses(401, 403, 404) },
});

const affirm = createRoute({
  method: 'post',
  path: '/{meetingId}/affirmation',
  middleware: [requireUser] as const,
  request: { params: meetingParam },
  responses: { 200: { description: 'The confidentiality duty is affirmed for this meeting', ...participantsBody }, ...errorResponses(401, 404) },
});

const setState = createRoute({
  method: 'post',
  path: '/{meetingId}/state',
  middleware: [requireUser] as const,
  request: { params: meetingParam, body: { content: { 'application/json': { schema: MeetingStateRequest } }, required: true } },
  responses: { 200: { description: 'The meeting state changed', content: { 'application/json': { schema: MeetingStateRequest } } }, ...errorResponses(400, 401, 403, 404, 409) },
});

const attendance = createRoute({
  method: 'post',
  path: '/{meetingId}/attendance',
  middleware: [requireUser] as const,
  request: { params: meetingParam, body: { content: { 'application/json': { schema: AttendanceRequest } }, required: true } },
  responses: { 200: { description: 'Attendance recorded; the participant list', ...participantsBody }, ...errorResponses(400, 401, 403, 404, 409) },
});

export function participantRoutes(deps: Deps) {
  const { db } = deps;

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(attendance, async (c) => {
      const { meetingId } = c.req.valid('param');
      const { userId, present } = c.req.valid('json');
      const user = c.get('user')!;
      const meeting = await knownMeeting(db, user, meetingId);
      if (!meeting) return notFound(c);
      if (!(await canManageCase(db, user, meeting.caseId))) return c.json({ error: 'forbidden', message: '出席の記録は進行役のみが行えます' }, 403);
      // The record is frozen at close: attendance is taken while the meeting runs (or before).
      if (meeting.state === 'closed') return c.json({ error: 'conflict', message: '終了した会議の出席は変更できません' }, 409);
      const designated = (await participantsOf(db, meetingId)).some((p) => p.userId === userId);
      if (!designated) return notFound(c);
      await markAttendance(db, meetingId, userId, present);
      await deps.audit.record({ actorUserId: user.id, action: 'meeting.state_changed', caseId: meeting.caseId, detail: { meetingId, attendance: { userId, present } } });
      return c.json(await participantsOf(db, meetingId), 200);
    })
    .openapi(addParticipant, async (c) => {
      const { meetingId } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = c.get('user')!;
      const meeting = await knownMeeting(db, user, meetingId);
      if (!meeting) return notFound(c);
      if (!(await canManageCase(db, user, meeting.caseId))) return c.json({ error: 'forbidden', message: '構成員の指定は進行役のみが行えます' }, 403);
      // Only someone the coordinator may know of can be designated: a guessed id of a household
      // account from another case is answered like an unknown one.
      if (!(await usersKnownTo(db, user)).some((u) => u.id === body.userId)) return notFound(c);
      // A deactivated account stays listed (its past entries keep its name) but takes no new seat.
      const target = await db.selectFrom('users').select('deactivated_at').where('id', '=', body.userId).executeTakeFirst();
      if (target?.deactivated_at) return c.json({ error: 'conflict', message: '利用停止中の利用者は構成員に指定できません' }, 409);
      const personId = body.personId ?? null;
      if ((body.role === 'person' || body.role === 'family') !== (personId !== null)) {
        return c.json({ error: 'invalid_request', message: 'personId: 本人・家族の参加者には世帯員を指定します (and only for them)' }, 400);
      }
      if (personId) {
        const person = await db.selectFrom('persons').select('id').where('id', '=', personId).where('case_id', '=', meeting.caseId).executeTakeFirst();
        if (!person) return notFound(c);
      }
      await db.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('user_id', '=', body.userId).execute();
      await db
        .insertInto('meeting_participants')
        .values({ meeting_id: meetingId, user_id: body.userId, role: body.role, person_id: personId, affirmed_at: null, added_at: new Date().toISOString() })
        .execute();
      // Re-designating can narrow (a member becomes a guest; an affirmation is reset). Sockets
      // first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, meeting.caseId, 'participant', { actorUserId: user.id, action: 'participant.added', caseId: meeting.caseId, detail: { meetingId, userId: body.userId, role: body.role } });
      return c.json(await participantsOf(db, meetingId), 200);
    })
    .openapi(removeParticipant, async (c) => {
      const { meetingId, userId } = c.req.valid('param');
      const user = c.get('user')!;
      const meeting = await knownMeeting(db, user, meetingId);
      if (!meeting) return notFound(c);
      if (!(await canManageCase(db, user, meeting.caseId))) return c.json({ error: 'forbidden', message: '構成員の変更は進行役のみが行えます' }, 403);
      const removed = await db.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) return notFound(c);
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, meeting.caseId, 'participant', { actorUserId: user.id, action: 'participant.removed', caseId: meeting.caseId, detail: { meetingId, userId } });
      return c.json(await participantsOf(db, meetingId), 200);
    })
    .openapi(affirm, async (c) => {
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      const meeting = await loadMeeting(db, meetingId);
      const updated = meeting
        ? await db
            .updateTable('meeting_participants')
            .set({ affirmed_at: new Date().toISOString() })
            .where('meeting_id', '=', meetingId)
            .where('user_id', '=', user.id)
            .executeTakeFirst()
        : null;
      if (!meeting || !updated || Number(updated.numUpdatedRows) === 0) return notFound(c);
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, meeting.caseId, 'affirmation', { actorUserId: user.id, action: 'affirmation.recorded', caseId: meeting.caseId, detail: { meetingId } });
      return c.json(await participantsOf(db, meetingId), 200);
    })
    .openapi(setState, async (c) => {
      const { meetingId } = c.req.valid('param');
      const { state } = c.req.valid('json');
      const user = c.get('user')!;
      const meeting = await knownMeeting(db, user, meetingId);
      if (!meeting) return notFound(c);
      if (!(await canManageCase(db, user, meeting.caseId))) return c.json({ error: 'forbidden', message: '会議の開始・終了は進行役のみが行えます' }, 403);
      if (meeting.state === 'closed') return c.json({ error: 'conflict', message: '終了した会議は再開できません' }, 409);
      // Closing freezes every document the meeting used, before anyone loses write access (issue 5).
      const frozen = state === 'closed' ? await freezeMeeting(deps, meeting, user.id) : null;
      // The first opening is when the meeting was held (the record's 開催日時), whatever was planned.
      const opened = state === 'open' && meeting.state === 'scheduled' ? { opened_at: new Date().toISOString() } : {};
      await db.updateTable('meetings').set({ state, ...opened }).where('id', '=', meetingId).execute();
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, meeting.caseId, 'meeting_state', { actorUserId: user.id, action: 'meeting.state_changed', caseId: meeting.caseId, detail: { meetingId, from: meeting.state, to: state } });
      await frozen?.catchUp();
      return c.json({ state }, 200);
    });
}

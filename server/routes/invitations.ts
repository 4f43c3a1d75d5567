import { randomBytes, randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AcceptInvitationRequest, AcceptedInvitation, CreateInvitationRequest, CreatedInvitation, InvitationLanding, InvitationView } from '../../shared/api/invitations.ts';
import type { AppEnv, Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { InvitationsTable } from '../store/schema.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { hashPassword } from '../auth/password.ts';
import { canManageCase } from '../access/case-roles.ts';
import { accessChanged } from '../access/access-changed.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { MAX_CODE_ATTEMPTS, hashSecret, newCode, newToken, sameHash } from '../intake/invitation-tokens.ts';
import { endInviteeAccount } from '../intake/invitation-end.ts';
import { isReadOnly } from '../intake/case-state.ts';
import { gateAfterPassword } from '../auth/totp-login.ts';
import { sessionCookie } from '../auth/session-cookie.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const meetingParam = z.object({ meetingId: z.string().min(1).max(64) });
const tokenParam = z.object({ token: z.string().min(20).max(100) });
const MEETING_NOT_FOUND = { error: 'not_found', message: '会議が見つかりません' } as const;
/** One answer for unknown, used, expired, revoked and ended links: a link reveals nothing once dead. */
const LINK_DEAD = { error: 'not_found', message: 'この招待リンクは無効です (期限切れ・使用済み・取り消し済み)' } as const;

const create = createRoute({
  method: 'post',
  path: '/meetings/{meetingId}/invitations',
  middleware: [requireUser] as const,
  request: { params: meetingParam, body: { ...json(CreateInvitationRequest), required: true } },
  responses: { 201: { description: 'Created; the link and code are shown this once', ...json(CreatedInvitation) }, ...errorResponses(400, 401, 404, 409) },
});
const list = createRoute({
  method: 'get',
  path: '/meetings/{meetingId}/invitations',
  middleware: [requireUser] as const,
  request: { params: meetingParam },
  responses: { 200: { description: 'Who was invited and who accepted', ...json(z.array(InvitationView)) }, ...errorResponses(401, 404) },
});
const revoke = createRoute({
  method: 'delete',
  path: '/meetings/{meetingId}/invitations/{invitationId}',
  middleware: [requireUser] as const,
  request: { params: meetingParam.extend({ invitationId: z.string().min(1).max(64) }) },
  responses: { 200: { description: 'Revoked; the invitee’s sockets are already closed', ...json(z.array(InvitationView)) }, ...errorResponses(401, 404) },
});
const landing = createRoute({
  method: 'get',
  path: '/meeting-invitations/{token}',
  request: { params: tokenParam },
  responses: { 200: { description: 'What the invitation is for (no sign-in needed)', ...json(InvitationLanding) }, ...errorResponses(404) },
});
const acceptRoute = createRoute({
  method: 'post',
  path: '/meeting-invitations/{token}/accept',
  request: { params: tokenParam, body: { ...json(AcceptInvitationRequest), required: true } },
  responses: {
    200: { description: 'Accepted; signed in as the invitee (session cookie set)', ...json(AcceptedInvitation) },
    202: {
      description: 'Accepted with a password while the municipality requires two-factor sign-in: no session yet; enrol first (POST /auth/enrol/start, /auth/enrol/confirm), which signs in',
      ...json(AcceptedInvitation),
    },
    ...errorResponses(400, 404),
  },
});

function stateOf(r: Pick<InvitationsTable, 'revoked_at' | 'ended_at' | 'accepted_at' | 'expires_at'>, now: string): InvitationView['state'] {
  if (r.revoked_at) return 'revoked';
  if (r.ended_at) return 'ended';
  if (r.accepted_at) return 'accepted';
  if (r.expires_at <= now) return 'expired';
  return 'pending';
}

/** Invitations to one meeting (issue 10): a link that expires and works once. */
export function invitationRoutes(deps: Deps) {
  const { db } = deps;

  /** The meeting, if this user may invite to it (manages its case); null for unknown and forbidden. */
  async function invitable(user: SessionUser, meetingId: string) {
    const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
    if (!meeting || !(await canManageCase(db, user, meeting.case_id))) return null;
    return meeting;
  }

  async function views(meetingId: string): Promise<InvitationView[]> {
    const rows = await db
      .selectFrom('invitations')
      .innerJoin('users', 'users.id', 'invitations.invited_by')
      .leftJoin('persons', 'persons.id', 'invitations.person_id')
      .selectAll('invitations')
      .select(['users.display_name as inviter', 'persons.name as person_name'])
      .where('invitations.meeting_id', '=', meetingId)
      .orderBy('invitations.created_at')
      .execute();
    const now = new Date().toISOString();
    return rows.map((r) => ({
      id: r.id,
      role: r.role as InvitationView['role'],
      displayName: r.display_name,
      affiliation: r.affiliation,
      personName: r.person_name ?? null,
      mode: r.mode as InvitationView['mode'],
      state: stateOf(r, now),
      invitedBy: r.inviter,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      acceptedAt: r.accepted_at,
    }));
  }

  /** The invitation behind a live link, or null (one answer for every way a link can be dead). */
  async function liveInvitation(token: string) {
    const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
    if (!row || row.accepted_at || row.revoked_at || row.ended_at || row.expires_at <= new Date().toISOString()) return null;
    if (row.mode === 'code' && Number(row.failed_attempts) >= MAX_CODE_ATTEMPTS) return null;
    const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', row.meeting_id).executeTakeFirst();
    if (!meeting || meeting.state === 'closed') return null;
    return { row, meeting };
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(create, async (c) => {
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      const meeting = await invitable(user, meetingId);
      if (!meeting) return c.json(MEETING_NOT_FOUND, 404);
      const body = c.req.valid('json');
      if (body.personId) {
        const person = await db.selectFrom('persons').select('id').where('id', '=', body.personId).where('case_id', '=', meeting.case_id).executeTakeFirst();
        if (!person) return c.json({ error: 'not_found', message: '世帯員が見つかりません' }, 404);
      }
      if (meeting.state === 'closed') return c.json({ error: 'conflict', message: '終了した会議には招待できません' }, 409);
      if (await isReadOnly(db, meeting.case_id)) return c.json({ error: 'conflict', message: '中断・終結したケースの会議には招待できません' }, 409);
      const token = newToken();
      const code = body.mode === 'code' ? newCode() : null;
      const id = `inv-${randomUUID()}`;
      const now = new Date();
      await db
        .insertInto('invitations')
        .values({
          id,
          token_hash: hashSecret(token),
          meeting_id: meetingId,
          case_id: meeting.case_id,
          role: body.role,
          person_id: body.personId,
          display_name: body.displayName,
          affiliation: body.affiliation,
          mode: body.mode,
          code_hash: code ? hashSecret(`${id}:${code}`) : null,
          invited_by: user.id,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + body.expiresInHours * 3600_000).toISOString(),
          accepted_at: null,
          user_id: null,
          revoked_at: null,
          ended_at: null,
        })
        .execute();
      await deps.audit.record({ actorUserId: user.id, action: 'invitation.created', caseId: meeting.case_id, detail: { invitationId: id, meetingId, role: body.role, mode: body.mode } });
      const invitation = (await views(meetingId)).find((v) => v.id === id)!;
      return c.json({ invitation, link: `/join/${token}`, code }, 201);
    })
    .openapi(list, async (c) => {
      const { meetingId } = c.req.valid('param');
      if (!(await invitable(c.get('user')!, meetingId))) return c.json(MEETING_NOT_FOUND, 404);
      return c.json(await views(meetingId), 200);
    })
    .openapi(revoke, async (c) => {
      const { meetingId, invitationId } = c.req.valid('param');
      const user = c.get('user')!;
      const meeting = await invitable(user, meetingId);
      if (!meeting) return c.json(MEETING_NOT_FOUND, 404);
      const row = await db.selectFrom('invitations').selectAll().where('id', '=', invitationId).where('meeting_id', '=', meetingId).executeTakeFirst();
      if (!row || row.revoked_at) return c.json({ error: 'not_found', message: '招待が見つかりません' }, 404);
      await db.updateTable('invitations').set({ revoked_at: new Date().toISOString() }).where('id', '=', invitationId).execute();
      if (row.user_id) {
        await db.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('user_id', '=', row.user_id).execute();
        await endInviteeAccount(deps, row.user_id);
      }
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, meeting.case_id, 'participant', { actorUserId: user.id, action: 'invitation.revoked', caseId: meeting.case_id, detail: { invitationId, meetingId } });
      return c.json(await views(meetingId), 200);
    })
    .openapi(landing, async (c) => {
      const live = await liveInvitation(c.req.valid('param').token);
      if (!live) return c.json(LINK_DEAD, 404);
      const inviter = await db.selectFrom('users').select('display_name').where('id', '=', live.row.invited_by).executeTakeFirstOrThrow();
      return c.json(
        {
          displayName: live.row.display_name,
          meetingTitle: live.meeting.title,
          meetingKindId: live.meeting.kind_id,
          scheduledAt: live.meeting.scheduled_at,
          inviterName: inviter.display_name,
          mode: live.row.mode as 'password' | 'code',
          expiresAt: live.row.expires_at,
        },
        200,
      );
    })
    .openapi(acceptRoute, async (c) => {
      const live = await liveInvitation(c.req.valid('param').token);
      if (!live) return c.json(LINK_DEAD, 404);
      const { row, meeting } = live;
      const body = c.req.valid('json');
      if (row.mode === 'code') {
        if (!('code' in body) || !sameHash(hashSecret(`${row.id}:${body.code}`), row.code_hash ?? '')) {
          await db.updateTable('invitations').set({ failed_attempts: Number(row.failed_attempts) + 1 }).where('id', '=', row.id).execute();
          return c.json({ error: 'invalid_request', message: '確認コードが違います' }, 400);
        }
      } else if (!('password' in body)) {
        return c.json({ error: 'invalid_request', message: 'password: パスワードを設定してください' }, 400);
      }
      // Works once: whoever marks it accepted first wins; a second request finds it used.
      const at = new Date().toISOString();
      const claimed = await db.updateTable('invitations').set({ accepted_at: at }).where('id', '=', row.id).where('accepted_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return c.json(LINK_DEAD, 404);
      const userId = `u-g-${randomUUID()}`;
      const orgId = `org-g-${randomUUID()}`;
      const username = `guest-${randomBytes(4).toString('hex')}`;
      const secret = 'password' in body ? body.password : randomBytes(32).toString('hex');
      const passwordHash = await hashPassword(secret);
      await db.transaction().execute(async (trx) => {
        // Each invitee is an organisation of their own: no consent, allow-list or supplier rule
        // written for a real agency can ever reach them by sharing its id.
        await trx
          .insertInto('organisations')
          .values({ id: orgId, name: row.affiliation || row.display_name, field: row.role === 'guest' ? 'guest' : 'resident', is_coordinator: 0 })
          .execute();
        await trx.insertInto('users').values({ id: userId, username, password_hash: passwordHash, display_name: row.display_name, org_id: orgId, role: 'member', created_at: at }).execute();
        await trx
          .insertInto('meeting_participants')
          .values({ meeting_id: meeting.id, user_id: userId, role: row.role, person_id: row.person_id, affirmed_at: null, added_at: at })
          .execute();
        await trx.updateTable('invitations').set({ user_id: userId }).where('id', '=', row.id).execute();
      });
      // A password is a lasting credential, so it is held to the municipality's two-factor rule
      // exactly like any user's password at sign-in (totp-login.ts): when the rule applies, no
      // session is made here; a challenge cookie lets the invitee enrol on the same screen as
      // everybody else, and only the enrolment's confirmation creates the session. The one-time
      // code path keeps its session at once: the code travelled apart from the link (a second
      // channel), it works for this one meeting only, and the account ends with the meeting.
      const gate = row.mode === 'password' ? await gateAfterPassword(deps, c, userId) : ({ type: 'session' } as const);
      // (A fresh account is never refused; were it, it gets no session and the link is spent.)
      if (gate.type === 'refused') return c.json(LINK_DEAD, 404);
      if (gate.type === 'session') {
        const session = await deps.auth.createSession(userId, {});
        c.header('Set-Cookie', sessionCookie(deps.auth, session.id, deps.config.secureCookies), { append: true });
      }
      // Sockets first, audit after: a failing audit store cannot keep a narrowed socket open.
      await accessChanged(deps, meeting.case_id, 'participant', { actorUserId: userId, action: 'invitation.accepted', caseId: meeting.case_id, detail: { invitationId: row.id, meetingId: meeting.id, mode: row.mode } });
      if (gate.type === 'second-factor') return c.json({ username, meetingId: meeting.id, step: 'enrol' as const }, 202);
      return c.json({ username, meetingId: meeting.id }, 200);
    });
}

import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../deps.ts';
import { loadSettings } from '../admin/settings-store.ts';
import { totpEnrolled } from './totp.ts';
import { sessionCookie } from './session-cookie.ts';

/**
 * The step between a right password and a session. When the user has a second factor (or the
 * municipality requires one), the password alone creates no session: it creates a short-lived
 * challenge, held in its own HttpOnly cookie, that can only be exchanged for a session with a
 * correct code (or, for 'enrol', by setting up the factor first). The challenge is bound to the
 * user, expires after five minutes, and dies after five wrong codes.
 */
export const CHALLENGE_COOKIE = 'kasane_2fa';
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MAX_CHALLENGE_FAILURES = 5;

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export type LoginGate = { type: 'session' } | { type: 'refused' } | { type: 'second-factor'; step: 'totp' | 'enrol' };

/** Decides what a right password leads to; sets the challenge cookie when a second step is due. */
export async function gateAfterPassword(deps: Deps, c: Context<AppEnv>, userId: string): Promise<LoginGate> {
  // A deactivated user (or one of a deactivated organisation) is refused like a wrong password.
  const account = await deps.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.deactivated_at as user_off', 'organisations.deactivated_at as org_off'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!account || account.user_off || account.org_off) return { type: 'refused' };
  const enrolled = await totpEnrolled(deps.db, userId);
  const required = (await loadSettings(deps.db)).requireTwoFactor;
  if (!enrolled && !required) return { type: 'session' };
  const step = enrolled ? 'totp' : 'enrol';
  const id = randomBytes(32).toString('base64url');
  // Only expired challenges go: someone who knows the password cannot cancel the user's own sign-in.
  await deps.db.deleteFrom('login_challenges').where('expires_at', '<', Date.now()).execute();
  await deps.db.insertInto('login_challenges').values({ id_hash: hashId(id), user_id: userId, kind: step, expires_at: Date.now() + CHALLENGE_TTL_MS }).execute();
  setCookie(c, CHALLENGE_COOKIE, id, { httpOnly: true, sameSite: 'Strict', secure: deps.config.secureCookies, path: '/api/auth', maxAge: CHALLENGE_TTL_MS / 1000 });
  return { type: 'second-factor', step };
}

export interface PendingLogin {
  userId: string;
  kind: 'totp' | 'enrol';
  idHash: string;
}

/** The challenge this request carries, if it is still good. */
export async function pendingLogin(deps: Deps, c: Context<AppEnv>): Promise<PendingLogin | null> {
  const id = getCookie(c, CHALLENGE_COOKIE);
  if (!id) return null;
  const row = await deps.db.selectFrom('login_challenges').selectAll().where('id_hash', '=', hashId(id)).executeTakeFirst();
  if (!row || Number(row.expires_at) < Date.now() || row.failed_count >= MAX_CHALLENGE_FAILURES) return null;
  return { userId: row.user_id, kind: row.kind as PendingLogin['kind'], idHash: row.id_hash };
}

export async function challengeFailed(deps: Deps, pending: PendingLogin): Promise<void> {
  const row = await deps.db.selectFrom('login_challenges').select('failed_count').where('id_hash', '=', pending.idHash).executeTakeFirst();
  await deps.db.updateTable('login_challenges').set({ failed_count: (row?.failed_count ?? 0) + 1 }).where('id_hash', '=', pending.idHash).execute();
}

/** Exchanges a passed challenge for a real session whose second factor counts as fresh. */
export async function completeLogin(deps: Deps, c: Context<AppEnv>, pending: PendingLogin): Promise<void> {
  await deps.db.deleteFrom('login_challenges').where('id_hash', '=', pending.idHash).execute();
  deleteCookie(c, CHALLENGE_COOKIE, { path: '/api/auth' });
  const session = await deps.auth.createSession(pending.userId, {});
  await markSecondFactor(deps, session.id);
  c.header('Set-Cookie', sessionCookie(deps.auth, session.id, deps.config.secureCookies), { append: true });
}

export async function markSecondFactor(deps: Deps, sessionId: string): Promise<void> {
  const now = Date.now();
  const existing = await deps.db.selectFrom('session_factors').select('session_id').where('session_id', '=', sessionId).executeTakeFirst();
  if (existing) await deps.db.updateTable('session_factors').set({ verified_at: now }).where('session_id', '=', sessionId).execute();
  else await deps.db.insertInto('session_factors').values({ session_id: sessionId, verified_at: now }).execute();
}

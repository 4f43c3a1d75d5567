import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { ErrorBody, LoginRequest, UserView } from '../../shared/api/auth.ts';
import { randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { sessionEnded } from '../access/access-changed.ts';
import { validationHook } from './validation-hook.ts';
import { loadUserView } from './user-view.ts';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { blankSessionCookie, sessionCookie } from '../auth/session-cookie.ts';
import { SecondFactorStep } from '../../shared/api/admin.ts';
import { gateAfterPassword } from '../auth/totp-login.ts';

const login = createRoute({
  method: 'post',
  path: '/login',
  request: { body: { content: { 'application/json': { schema: LoginRequest } }, required: true } },
  responses: {
    200: { description: 'Signed in; the session cookie is set', content: { 'application/json': { schema: UserView } } },
    202: { description: 'Password accepted; a second factor is needed (POST /auth/second-factor, or enrol first)', content: { 'application/json': { schema: SecondFactorStep } } },
    400: { description: 'Malformed request', content: { 'application/json': { schema: ErrorBody } } },
    401: { description: 'Wrong username or password', content: { 'application/json': { schema: ErrorBody } } },
    429: { description: 'Too many failed attempts for this account or address; Retry-After says when to try again', content: { 'application/json': { schema: ErrorBody } } },
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  responses: { 204: { description: 'Signed out; the session no longer opens anything' } },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  responses: {
    200: { description: 'The signed-in user', content: { 'application/json': { schema: UserView } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export function authRoutes(deps: Deps) {
  // Stored, shared by every node (an administrator's 「ロック解除」 clears it: admin/account-unlock.ts).
  const throttle = new LoginThrottle(deps.db, deps.config.loginThrottle);
  const secure = deps.config.secureCookies;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(login, async (c) => {
      const { username, password } = c.req.valid('json');
      const address = sourceAddress(c);
      // Counted before the password is checked, so parallel guesses cannot all pass a check that
      // none of them has been counted in yet (see login-throttle.ts).
      const reservation = await throttle.reserve(username, address);
      if (!reservation.granted) {
        // The same answer whether or not the account exists, and no password check meanwhile.
        c.header('Retry-After', String(Math.ceil(reservation.waitMs / 1000)));
        return c.json({ error: 'too_many_attempts', message: 'ログインの試行が多すぎます。しばらく待ってからやり直してください' }, 429);
      }
      const row = await deps.db.selectFrom('users').select(['id', 'password_hash']).where('username', '=', username).executeTakeFirst();
      // Verify against a dummy hash when the user is unknown so timing does not reveal usernames.
      const ok = await verifyPassword(row?.password_hash ?? (await DUMMY_HASH), password);
      if (!row || !ok) {
        await deps.audit.record({ actorUserId: row?.id ?? null, action: 'auth.login_failed', detail: { username: username.slice(0, 64) } });
        if (reservation.lockMs > 0) {
          await deps.audit.record({
            actorUserId: row?.id ?? null,
            action: 'auth.login_throttled',
            detail: { username: username.slice(0, 64), address, scope: reservation.scope, lockSeconds: Math.ceil(reservation.lockMs / 1000) },
          });
        }
        return c.json({ error: 'invalid_credentials', message: 'ユーザー名またはパスワードが違います' }, 401);
      }
      await throttle.succeeded(username, address);
      // Issue 10: deactivated accounts are refused; a second factor, when due, comes before any session.
      const gate = await gateAfterPassword(deps, c, row.id);
      if (gate.type === 'refused') {
        await deps.audit.record({ actorUserId: row.id, action: 'auth.login_failed', detail: { username: username.slice(0, 64), reason: 'deactivated' } });
        return c.json({ error: 'invalid_credentials', message: 'ユーザー名またはパスワードが違います' }, 401);
      }
      if (gate.type === 'second-factor') return c.json({ step: gate.step }, 202);
      const session = await deps.auth.createSession(row.id, {});
      await deps.audit.record({ actorUserId: row.id, action: 'auth.login', detail: {} });
      c.header('Set-Cookie', sessionCookie(deps.auth, session.id, secure), { append: true });
      const view = await loadUserView(deps.db, row.id);
      return c.json(view!, 200);
    })
    .openapi(logout, async (c) => {
      const sessionId = c.get('sessionId');
      if (sessionId) {
        await deps.auth.invalidateSession(sessionId);
        await deps.audit.record({ actorUserId: c.get('user')?.id ?? null, action: 'auth.logout', detail: {} });
        // Live sockets opened with this session go too, on every node: logging out closes everything.
        await sessionEnded(deps, sessionId);
      }
      c.header('Set-Cookie', blankSessionCookie(deps.auth, secure), { append: true });
      return c.body(null, 204);
    })
    .openapi(me, async (c) => {
      const user = c.get('user');
      const view = user ? await loadUserView(deps.db, user.id) : null;
      if (!view) return c.json({ error: 'unauthenticated', message: 'ログインしてください' }, 401);
      return c.json(view, 200);
    });
}

/** The peer address of the request (a reverse proxy's address when there is one). */
function sourceAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// A real argon2id hash of a random string nobody knows; only used to equalise timing.
const DUMMY_HASH = hashPassword(randomUUID());

import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.ts';
import type { Auth, SessionUser } from './lucia.ts';
import { blankSessionCookie } from './session-cookie.ts';

/**
 * Reads the session cookie on every request. Lucia extends the session on use (idle timeout);
 * the cookie itself never changes (a browser-session cookie), so nothing is re-sent then.
 */
export function sessionMiddleware(auth: Auth, secureCookies = false): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sessionId = getCookie(c, auth.sessionCookieName) ?? null;
    if (!sessionId) {
      c.set('user', null);
      c.set('sessionId', null);
      return next();
    }
    const { session, user } = await auth.validateSession(sessionId);
    if (!session) c.header('Set-Cookie', blankSessionCookie(auth, secureCookies), { append: true });
    c.set('user', user ? (user as SessionUser) : null);
    c.set('sessionId', session?.id ?? null);
    return next();
  };
}

/** For routes that need a signed-in user: 401 with a clear body otherwise. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) return c.json({ error: 'unauthenticated', message: 'ログインしてください (sign in first)' }, 401);
  return next();
};

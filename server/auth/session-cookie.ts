import type { Auth } from './lucia.ts';

/**
 * The session cookie is a browser-session cookie: no Max-Age, no Expires, so it goes when the
 * browser closes. (Lucia's `expires: false` still writes a 400-day Max-Age.) How long a session
 * lives is decided on the server alone: idle timeout and absolute lifetime (lucia.ts).
 */
export function sessionCookie(auth: Auth, sessionId: string, secure: boolean): string {
  return `${auth.sessionCookieName}=${sessionId}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Removes the cookie (signed out, or the session is no longer valid). */
export function blankSessionCookie(auth: Auth, secure: boolean): string {
  return `${auth.sessionCookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

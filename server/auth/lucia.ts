import { Lucia, TimeSpan } from 'lucia';
import type { Db } from '../store/db.ts';
import { KyselyLuciaAdapter } from './kysely-adapter.ts';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  role: 'administrator' | 'facilitator' | 'member';
}

export interface AuthOptions {
  /** How long a session lives without use; Lucia extends it when half is used up. */
  sessionTtlSeconds: number;
  /** Secure cookies only when served over HTTPS. */
  secureCookies: boolean;
  /** Absolute lifetime from sign-in, however busy the session (default: none). */
  sessionMaxAgeSeconds?: number;
}

export function createLucia(db: Db, options: AuthOptions) {
  return new Lucia(new KyselyLuciaAdapter(db, (options.sessionMaxAgeSeconds ?? Number.POSITIVE_INFINITY) * 1000), {
    sessionExpiresIn: new TimeSpan(options.sessionTtlSeconds, 's'),
    sessionCookie: {
      name: 'kasane_session',
      // The cookie itself is written by session-cookie.ts (a browser-session cookie, no Max-Age).
      expires: false,
      attributes: { secure: options.secureCookies, sameSite: 'lax' },
    },
    getUserAttributes: (a): Omit<SessionUser, 'id'> => ({
      username: a.username,
      displayName: a.display_name,
      orgId: a.org_id,
      role: a.role as SessionUser['role'],
    }),
  });
}

export type Auth = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: Auth;
    DatabaseUserAttributes: { username: string; display_name: string; org_id: string; role: string };
  }
}

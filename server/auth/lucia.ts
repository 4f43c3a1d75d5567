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
}

export function createLucia(db: Db, options: AuthOptions) {
  return new Lucia(new KyselyLuciaAdapter(db), {
    sessionExpiresIn: new TimeSpan(options.sessionTtlSeconds, 's'),
    sessionCookie: {
      name: 'kasane_session',
      expires: false, // a browser-session cookie; the server-side expiry is what counts
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

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { UserView } from '../../shared/api/auth.ts';
import { api, unwrap } from '../api/client.ts';
import { discardAllLocalCopies } from '../collab/local-copy.ts';

interface Session {
  user: UserView | null;
  loading: boolean;
  /** 'signed-in', or the second step the server asks for (issue 10). */
  login(username: string, password: string): Promise<'signed-in' | 'totp' | 'enrol'>;
  logout(): Promise<void>;
  /** After a second-factor step or a password change: take the user the server answered with. */
  signedIn(user: UserView): void;
  /** Reloads the signed-in user (e.g. after the password was changed). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    unwrap<UserView>(api.auth.me.$get())
      .then(setUser, () => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await unwrap<UserView | { step: 'totp' | 'enrol' }>(api.auth.login.$post({ json: { username, password } }));
    if ('step' in answer) return answer.step;
    setUser(answer);
    return 'signed-in' as const;
  }, []);
  const signedIn = useCallback((next: UserView) => setUser(next), []);
  const refresh = useCallback(async () => {
    setUser(await unwrap<UserView>(api.auth.me.$get()).catch(() => null));
  }, []);

  const logout = useCallback(async () => {
    await api.auth.logout.$post();
    // Nothing of the cases stays on this browser after logout (unsent edits included).
    await discardAllLocalCopies();
    setUser(null);
  }, []);

  return <SessionContext.Provider value={{ user, loading, login, logout, signedIn, refresh }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

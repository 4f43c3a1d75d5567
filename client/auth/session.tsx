import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { UserView } from '../../shared/api/auth.ts';
import { api, unwrap } from '../api/client.ts';
import { discardAllLocalCopies } from '../collab/local-copy.ts';

interface Session {
  user: UserView | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
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
    setUser(await unwrap<UserView>(api.auth.login.$post({ json: { username, password } })));
  }, []);

  const logout = useCallback(async () => {
    await api.auth.logout.$post();
    // Nothing of the cases stays on this browser after logout (unsent edits included).
    await discardAllLocalCopies();
    setUser(null);
  }, []);

  return <SessionContext.Provider value={{ user, loading, login, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

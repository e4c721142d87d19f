// Who is signed in: loads GET /me at start, keeps it in context, and offers sign-out and the
// organisation switch. Screens read `useAuth()`; a 401 from any call drops back to sign-in.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, ApiError, onUnauthenticated, setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export interface AuthState {
  /** undefined while loading; null when nobody is fully signed in. */
  readonly me: Me | null | undefined;
  /** Reloads GET /me (after sign-in or an organisation switch). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  switchOrg(orgId: string): Promise<void>;
  /** Whether the signed-in person holds a permission. */
  can(permission: string): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

/** Provides the signed-in person to the app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setMe(await api<Me>('/me', { quietUnauthenticated: true }));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) setMe(null);
      else throw err;
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthenticated(() => setMe(null));
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await api('/auth/sign-out', { method: 'POST' });
    } finally {
      setCsrfToken(null);
      setMe(null);
    }
  }, []);

  const switchOrg = useCallback(
    async (orgId: string) => {
      await api('/me/organisation', { method: 'POST', body: { orgId } });
      await refresh();
    },
    [refresh],
  );

  const value = useMemo<AuthState>(
    () => ({
      me,
      refresh,
      signOut,
      switchOrg,
      can: (p) => me?.permissions.includes(p) ?? false,
    }),
    [me, refresh, signOut, switchOrg],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state; only inside AuthProvider. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (ctx === null) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

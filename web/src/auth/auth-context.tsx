// Who is signed in. The app asks /api/auth/session once at start; any later 401 (expired session) switches back to
// the sign-in screen in place: the address (filters, open case) and the drafts stay, so work resumes after login.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../../../shared/auth/roles';
import { fetchSession, signIn as apiSignIn, signOut as apiSignOut } from '../api/auth-api';
import { ApiError, onUnauthorized } from '../api/client';
import { hasPermission, type Me } from '../api/contract';
import { clearAllDrafts, setDraftOwner } from '../common/drafts';

type AuthState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'signed_out'; expired: boolean }
  | { status: 'signed_in'; me: Me }
  /** Password accepted, but the role requires a second factor that is not enrolled yet: enrolment only. */
  | { status: 'enrol'; me: Me };

interface AuthApi {
  state: AuthState;
  signIn: (login: string, password: string, code?: string) => Promise<void>;
  /** After enrolment (or any change of the user's own record): show the app as this user. */
  enter: (me: Me) => void;
  signOut: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (me) => {
        if (!me) {
          setState({ status: 'signed_out', expired: false });
          return;
        }
        setDraftOwner(me.id);
        setState(stateFor(me));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed_out', expired: false });
        else setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthorized(() => {
        setState((s) =>
          s.status === 'signed_in' || s.status === 'enrol' ? { status: 'signed_out', expired: true } : s,
        );
      }),
    [],
  );

  const signIn = useCallback(async (login: string, password: string, code?: string) => {
    const me = await apiSignIn(login, password, code);
    setDraftOwner(me.id);
    setState(stateFor(me));
  }, []);

  const enter = useCallback((me: Me) => setState(stateFor(me)), []);

  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      clearAllDrafts();
      setState({ status: 'signed_out', expired: false });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signIn, enter, signOut, retry }), [state, signIn, enter, signOut, retry]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function stateFor(me: Me): AuthState {
  return me.secondFactor === 'required' ? { status: 'enrol', me } : { status: 'signed_in', me };
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only used below the sign-in gate. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed_in') throw new Error('useMe without a signed-in user');
  return state.me;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return useCallback((permission: Permission) => hasPermission(me, permission), [me]);
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { describeError } from '../errors/describe-error';
import type { Session } from './auth';

type Status = 'restoring' | 'signed-out' | 'signing-in' | 'signed-in';

interface SessionState {
  status: Status;
  session?: Session;
  /** Why the last sign-in failed, as a sentence; cleared by the next attempt and by success. */
  error?: string;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** The auth module is fetched once, on the first render, in parallel with the page. */
const loadAuth = () => import('./auth');

/** Holds who is signed in; restores an earlier session at start. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('restoring');
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    loadAuth()
      .then((auth) => auth.restoreSession())
      .then(
        (restored) => {
          if (!live) return;
          setSession(restored);
          setStatus(restored ? 'signed-in' : 'signed-out');
        },
        (failure: unknown) => {
          if (!live) return;
          setError(describeError(failure));
          setStatus('signed-out');
        },
      );
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async () => {
    setError(undefined);
    setStatus('signing-in');
    try {
      const next = await (await loadAuth()).signIn();
      queryClient.clear();
      setSession(next);
      setStatus('signed-in');
    } catch (failure) {
      setError(describeError(failure));
      setStatus('signed-out');
    }
  }, [queryClient]);

  const signOut = useCallback(async () => {
    await (await loadAuth()).signOut();
    queryClient.clear();
    setSession(undefined);
    setError(undefined);
    setStatus('signed-out');
  }, [queryClient]);

  const value = useMemo(() => ({ status, session, error, signIn, signOut }), [status, session, error, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession needs a SessionProvider');
  return state;
}

/** The signed-in session; pages behind the sign-in gate may rely on it. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn outside the signed-in part of the app');
  return session;
}

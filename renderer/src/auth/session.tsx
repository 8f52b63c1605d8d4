// Session state for the whole UI: app status, the logged-in user, logout, idle timeout.
import { useIdle } from '@mantine/hooks';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { OpOutput } from '../../../core/contract';
import { api, onSessionLost } from '../api/client';
import { startFresh } from '../shell/landing';

export type AppStatus = OpOutput<'app.status'>;
export type SessionInfo = NonNullable<AppStatus['session']>;

interface SessionState {
  readonly status: AppStatus | null;
  readonly session: SessionInfo | null;
  readonly notice: string | null;
  readonly refresh: () => Promise<void>;
  readonly setSession: (s: SessionInfo | null) => void;
  readonly logout: (notice?: string) => Promise<void>;
  readonly can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export const EXPIRED_NOTICE =
  'Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại.';

/** The first app.status is asked as this module loads, so the answer travels while React
 * renders its first frame (the login screen waits for it); later refreshes ask afresh. */
let firstStatus: Promise<AppStatus> | null = api.app.status({});
// A failure is seen where it is awaited (refresh), not as an unhandled rejection before that.
firstStatus.catch(() => undefined);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const early = firstStatus;
    firstStatus = null;
    const s = await (early ?? api.app.status({}));
    setStatus(s);
    setSession(s.session);
  }, []);

  const logout = useCallback(async (message?: string) => {
    await api.auth.logout({}).catch(() => undefined);
    startFresh(null);
    setSession(null);
    setNotice(message ?? null);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onSessionLost((code) => {
        startFresh(null);
        setSession(null);
        if (code === 'SESSION_EXPIRED') setNotice(EXPIRED_NOTICE);
      }),
    [],
  );

  // The client-side idle timer mirrors the server's timeout so the screen locks on time.
  const timeoutMs = (session?.office.sessionTimeoutMinutes ?? 15) * 60_000;
  const idle = useIdle(timeoutMs, { initialState: false });
  useEffect(() => {
    if (idle && session) void logout(EXPIRED_NOTICE);
  }, [idle, session, logout]);

  const value = useMemo<SessionState>(
    () => ({
      status,
      session,
      notice,
      refresh,
      setSession: (s) => {
        setNotice(null);
        // A login (not a refresh of the same user) starts on that user's landing screen.
        if (s && s.user.id !== session?.user.id) startFresh(s);
        setSession(s);
      },
      logout,
      can: (p) => session?.permissions.includes(p) ?? false,
    }),
    [status, session, notice, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

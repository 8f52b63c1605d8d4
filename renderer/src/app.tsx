// Top-level flow: first-run setup (or, for a new Windows account on the PC, unlocking the
// office's data once) → login → forced password change → the app shell.
// The shell (every screen after login, charts, date pickers) loads in its own chunk, so the
// login screen appears without waiting for it.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { SessionProvider, useSession } from './auth/session';
import { ChangePasswordScreen } from './screens/change-password';
import { LoginScreen } from './screens/login';
import { SetupScreen } from './screens/setup';
import { UnlockScreen } from './screens/unlock';

const Shell = lazy(() => import('./shell/shell').then((m) => ({ default: m.Shell })));

function Loading() {
  return (
    <Center h="100vh">
      <Loader aria-label="Đang tải" />
    </Center>
  );
}

function Gate() {
  const { status, session } = useSession();
  if (!status) return <Loading />;
  if (status.locked) return <UnlockScreen accounts={status.locked.accounts} />;
  if (!status.setUp) return <SetupScreen />;
  if (!session) return <LoginScreen />;
  if (session.user.mustChangePassword) return <ChangePasswordScreen forced />;
  return (
    <Suspense fallback={<Loading />}>
      <Shell />
    </Suspense>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

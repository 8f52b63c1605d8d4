// Top-level flow: first-run setup → login → forced password change → the app shell.
// The shell (every screen after login, charts, date pickers) loads in its own chunk, so the
// login screen appears without waiting for it.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { SessionProvider, useSession } from './auth/session';
import { ChangePasswordScreen } from './screens/change-password';
import { LoginScreen } from './screens/login';
import { SetupScreen } from './screens/setup';

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

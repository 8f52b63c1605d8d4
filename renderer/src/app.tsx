// Top-level flow: first-run setup (or, for a new Windows account on the PC, unlocking the
// office's data once) → login → forced password change → the app shell.
// The shell (every screen after login, charts, date pickers) loads in its own chunk, so the
// login screen appears without waiting for it; so do the screens seen once (first-run setup,
// unlocking, the forced password change) and what only they use (the recovery code's dialog).
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { SessionProvider, useSession } from './auth/session';
import { LoginScreen } from './screens/login';

const Shell = lazy(() => import('./shell/shell').then((m) => ({ default: m.Shell })));
const SetupScreen = lazy(() => import('./screens/setup').then((m) => ({ default: m.SetupScreen })));
const UnlockScreen = lazy(() =>
  import('./screens/unlock').then((m) => ({ default: m.UnlockScreen })),
);
const ChangePasswordScreen = lazy(() =>
  import('./screens/change-password').then((m) => ({ default: m.ChangePasswordScreen })),
);

function Loading() {
  return (
    <Center h="100vh">
      <Loader aria-label="Đang tải" />
    </Center>
  );
}

function Screen() {
  const { status, session } = useSession();
  if (!status) return <Loading />;
  if (status.locked) return <UnlockScreen accounts={status.locked.accounts} />;
  if (!status.setUp) return <SetupScreen />;
  if (!session) return <LoginScreen />;
  if (session.user.mustChangePassword) return <ChangePasswordScreen forced />;
  return <Shell />;
}

function Gate() {
  return (
    <Suspense fallback={<Loading />}>
      <Screen />
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

// Login: the office's name above the shared username + password form.
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText } from '../components/errors';
import { LoginForm } from '../components/login-form';
import { AuthFrame } from './auth-frame';

export function LoginScreen() {
  const { status, setSession, notice } = useSession();
  return (
    <AuthFrame title="Đăng nhập" subtitle={status?.officeName ?? null}>
      <LoginForm
        notice={notice}
        errorText={errorText}
        login={async (username, password) =>
          setSession(await api.auth.login({ username, password }))
        }
      />
    </AuthFrame>
  );
}

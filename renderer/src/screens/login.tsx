// Login: username + password; errors (wrong password, lockout) shown as the server words them.
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText } from '../components/errors';
import { AuthFrame } from './auth-frame';

export function LoginScreen() {
  const { status, setSession, notice } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await api.auth.login({ username, password }));
    } catch (err) {
      setError(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Đăng nhập" subtitle={status?.officeName ?? null}>
      <form onSubmit={(e) => void submit(e)} aria-label="Đăng nhập">
        <Stack>
          {notice && !error ? <Alert color="yellow">{notice}</Alert> : null}
          {error ? (
            <Alert color="red" role="alert" data-testid="login-error">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label="Tên đăng nhập"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoFocus
            required
            autoComplete="username"
          />
          <PasswordInput
            label="Mật khẩu"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            autoComplete="current-password"
          />
          <Button type="submit" loading={busy}>
            Đăng nhập
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}

// The username + password form of the desktop and of the province dashboard; errors (wrong
// password, lockout) are shown as the server words them, and the password is cleared.
import { Alert, Button, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { GuardedForm } from './guarded-form';
import { PasswordField, TextField } from './fields';

export function LoginForm({
  notice,
  login,
  errorText,
}: {
  readonly notice: string | null;
  readonly login: (username: string, password: string) => Promise<void>;
  readonly errorText: (error: unknown) => string;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      setError(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <GuardedForm onSubmit={(e) => void submit(e)} aria-label="Đăng nhập">
      <Stack>
        {notice && !error ? <Alert color="yellow">{notice}</Alert> : null}
        {error ? (
          <Alert color="red" role="alert" data-testid="login-error">
            {error}
          </Alert>
        ) : null}
        <TextField
          label="Tên đăng nhập"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          autoFocus
          required
          autoComplete="username"
        />
        <PasswordField
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
    </GuardedForm>
  );
}

// Đăng nhập: a province user (Sở KH&CN staff) with username and password.
import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { errorText, provinceApi } from './api';
import type { ProvinceUser } from './app';

export function LoginScreen({
  notice,
  onLogin,
}: {
  readonly notice: string | null;
  readonly onLogin: (user: ProvinceUser) => void;
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
      onLogin(await provinceApi.login(username.trim(), password));
    } catch (err) {
      setError(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        <Stack gap="xs" mb="lg">
          <Text c="indigo.7" fw={700} size="sm">
            ISO Xã · Bảng điều khiển của tỉnh
          </Text>
          <Title order={2}>Đăng nhập</Title>
          <Text c="dimmed" size="sm">
            Dành cho cán bộ Sở Khoa học và Công nghệ theo dõi các xã, phường.
          </Text>
        </Stack>
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
      </Paper>
    </Center>
  );
}

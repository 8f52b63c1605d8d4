// Change password; forced after an admin created the account or reset the password.
import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText, notifyDone } from '../components/errors';
import { AuthFrame } from './auth-frame';
import { GuardedForm } from '../components/guarded-form';
import { PasswordField } from '../components/fields';

export function ChangePasswordForm({ onDone }: { readonly onDone: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) {
      setError('Mật khẩu nhập lại không khớp.');
      return;
    }
    try {
      await api.auth.changePassword({ current, next });
      notifyDone('Đã đổi mật khẩu.');
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <GuardedForm onSubmit={(e) => void submit(e)}>
      <Stack>
        {error ? <Alert color="red">{error}</Alert> : null}
        <PasswordField
          label="Mật khẩu hiện tại"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          required
        />
        <PasswordField
          label="Mật khẩu mới (ít nhất 8 ký tự)"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          required
        />
        <PasswordField
          label="Nhập lại mật khẩu mới"
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          required
        />
        <Group justify="flex-end">
          <Button type="submit">Đổi mật khẩu</Button>
        </Group>
      </Stack>
    </GuardedForm>
  );
}

export function ChangePasswordScreen({ forced }: { readonly forced?: boolean }) {
  const { refresh, logout } = useSession();
  return (
    <AuthFrame
      title="Đổi mật khẩu"
      subtitle={forced ? 'Bạn cần đặt mật khẩu mới trước khi sử dụng.' : null}
    >
      <ChangePasswordForm onDone={() => void refresh()} />
      <Button variant="subtle" mt="sm" onClick={() => void logout()}>
        Đăng xuất
      </Button>
    </AuthFrame>
  );
}

// Modals of the users screen: create/edit a user, reset a password.
import { Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/auth/roles';
import type { UserView } from '../../../core/contract/schemas';
import { api } from '../api/client';
import { errorText, notifyDone } from '../components/errors';
import { ErrorAlert } from '../components/error-alert';
import { GuardedForm } from '../components/guarded-form';
import { PasswordField, TextField } from '../components/fields';

export function UserFormModal({
  user,
  onClose,
  onSaved,
}: {
  readonly user: UserView | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [username, setUsername] = useState(user?.username ?? '');
  const [title, setTitle] = useState(user?.title ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? []);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const chosen = roles as Role[];
      if (user) await api.users.update({ id: user.id, fullName, title, roles: chosen });
      else await api.users.create({ username, fullName, title, roles: chosen, password });
      notifyDone(user ? 'Đã cập nhật người dùng.' : `Đã tạo tài khoản ${username}.`);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? `Sửa người dùng ${user.username}` : 'Thêm người dùng'}
      size="lg"
      yOffset="3vh"
    >
      <GuardedForm onSubmit={(e) => void submit(e)} aria-label="Thông tin người dùng">
        <Stack>
          <ErrorAlert error={error} />
          <TextField
            label="Họ và tên"
            value={fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
            required
          />
          {user ? null : (
            <TextField
              label="Tên đăng nhập"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              required
            />
          )}
          <TextField
            label="Chức danh"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Checkbox.Group label="Vai trò" value={roles} onChange={setRoles} withAsterisk>
            <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} mt={6}>
              {ROLES.map((r) => (
                <Checkbox key={r} value={r} label={ROLE_LABELS[r]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {user ? null : (
            <PasswordField
              label="Mật khẩu ban đầu (ít nhất 8 ký tự)"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit">Lưu</Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

export function ResetPasswordModal({
  user,
  onClose,
}: {
  readonly user: UserView;
  readonly onClose: () => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.users.resetPassword({ id: user.id, password });
      notifyDone(
        `Đã đặt lại mật khẩu cho ${user.username}; người dùng phải đổi mật khẩu khi đăng nhập.`,
      );
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Đặt lại mật khẩu: ${user.fullName}`}>
      <GuardedForm onSubmit={(e) => void submit(e)}>
        <Stack>
          {error ? <Alert color="red">{error}</Alert> : null}
          <PasswordField
            label="Mật khẩu mới"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
          />
          <Group justify="flex-end">
            <Button type="submit">Đặt lại</Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

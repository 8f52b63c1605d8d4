// User administration: list, create with roles, edit roles, disable/enable, reset password.
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../../core/auth/roles';
import type { UserView } from '../../../core/contract/schemas';
import { api } from '../api/client';
import { notifyDone, notifyError } from '../components/errors';
import { formatDate } from '../format';
import { ResetPasswordModal, UserFormModal } from './user-forms';

// A badge clips its text at its own width; a status must read in full.
const NO_CLIP = { overflow: 'visible', flexShrink: 0 } as const;

export function UsersScreen() {
  const [users, setUsers] = useState<UserView[]>([]);
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const load = useCallback(() => api.users.list({}).then(setUsers, notifyError), []);
  useEffect(() => {
    void load();
  }, [load]);

  const toggle = async (u: UserView) => {
    try {
      await api.users.setDisabled({ id: u.id, disabled: !u.disabled });
      notifyDone(u.disabled ? `Đã kích hoạt lại ${u.username}.` : `Đã vô hiệu hóa ${u.username}.`);
      await load();
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Người dùng</Title>
        <Button onClick={() => setEditing('new')}>Thêm người dùng</Button>
      </Group>
      <Table striped withTableBorder highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Họ và tên</Table.Th>
            <Table.Th>Tên đăng nhập</Table.Th>
            <Table.Th>Vai trò</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            <Table.Th>Ngày tạo</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} data-username={u.username}>
              <Table.Td>
                <Text fw={500}>{u.fullName}</Text>
                <Text size="xs" c="dimmed">
                  {u.title}
                </Text>
              </Table.Td>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.roles.map((r) => ROLE_LABELS[r]).join(', ')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {u.disabled ? (
                  <Badge style={NO_CLIP} color="gray">
                    Đã vô hiệu hóa
                  </Badge>
                ) : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                  <Badge style={NO_CLIP} color="red">
                    Tạm khóa
                  </Badge>
                ) : (
                  <Badge style={NO_CLIP} color="green">
                    Hoạt động
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatDate(u.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button size="compact-sm" variant="light" onClick={() => setEditing(u)}>
                    Sửa
                  </Button>
                  <Button size="compact-sm" variant="light" onClick={() => setResetting(u)}>
                    Đặt lại mật khẩu
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="light"
                    color={u.disabled ? 'green' : 'red'}
                    onClick={() => void toggle(u)}
                  >
                    {u.disabled ? 'Kích hoạt' : 'Vô hiệu hóa'}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      ) : null}
      {resetting ? (
        <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      ) : null}
    </Stack>
  );
}

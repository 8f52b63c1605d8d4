// Home: who is logged in, for which office, and what the role can do here.
import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PERMISSION_LABELS, ROLE_LABELS, type Permission } from '../../../core/auth/roles';
import { useSession } from '../auth/session';
import { ProvinceNotices } from './home-notices';

export function HomeScreen() {
  const { session } = useSession();
  if (!session) return null;
  return (
    <Stack>
      <Title order={2}>Xin chào, {session.user.fullName}</Title>
      <ProvinceNotices />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Text fw={600} mb="xs">
            Cơ quan
          </Text>
          <Text>{session.office.name}</Text>
          <Text size="sm" c="dimmed">
            Mã định danh: {session.office.agencyCode} · {session.office.commune},{' '}
            {session.office.province}
          </Text>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            Vai trò: {session.user.roles.map((r) => ROLE_LABELS[r]).join(', ')}
          </Text>
          <List size="sm" data-testid="my-permissions">
            {session.permissions.map((p) => (
              <List.Item key={p}>{PERMISSION_LABELS[p as Permission] ?? 'Quyền khác'}</List.Item>
            ))}
          </List>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

// Home: who is logged in, for which office, and what the role can do here.
import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS } from '../../../core/auth/roles';
import { useSession } from '../auth/session';
import { ProvinceNotices } from './home-notices';

export const PERMISSION_LABELS: Readonly<Record<string, string>> = {
  'users.manage': 'Quản lý người dùng và phân quyền',
  'office.manage': 'Cập nhật thông tin cơ quan',
  'backup.manage': 'Sao lưu và khôi phục dữ liệu',
  'audit.read': 'Xem nhật ký hệ thống',
  'calendar.manage': 'Quản lý lịch làm việc, ngày nghỉ',
  'catalog.read': 'Xem danh mục thủ tục hành chính',
  'catalog.manage': 'Quản lý danh mục thủ tục, quy trình ISO',
  'dossiers.read': 'Tra cứu hồ sơ',
  'dossiers.receive': 'Tiếp nhận hồ sơ, in giấy hẹn',
  'dossiers.process': 'Xử lý các bước của hồ sơ',
  'dossiers.approve': 'Phê duyệt, ký kết quả',
  'dossiers.return': 'Trả kết quả cho công dân',
  'reports.read': 'Xem báo cáo, thống kê',
};

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
              <List.Item key={p}>{PERMISSION_LABELS[p] ?? p}</List.Item>
            ))}
          </List>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

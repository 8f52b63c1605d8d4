// Sync with the provincial server: enrolment (admin), the state of the queue, sync now, USB
// sync file and the province's reply, the announced app update, and restore onto a new PC.
// While a sync runs the screen polls its progress.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect } from 'react';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { useLoad } from '../components/use-load';
import { formatDate } from '../format';
import { UpdateCard } from './sync-update';
import { ErrorAlert } from '../components/error-alert';
import { AdminTools } from './sync-admin';
import { EnrollCard } from './sync-enroll';

type Status = OpOutput<'sync.status'>;

const PHASE_LABELS: Readonly<Record<NonNullable<Status['progress']>['phase'], string>> = {
  auth: 'Đang xác thực với máy chủ tỉnh…',
  push: 'Đang gửi dữ liệu lên tỉnh…',
  pull: 'Đang nhận danh mục, lịch làm việc từ tỉnh…',
  restore: 'Đang khôi phục dữ liệu của cơ quan…',
};

const timeFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** dd/mm/yyyy hh:mm in Vietnam time. */
function formatWhen(at: number): string {
  return `${formatDate(at)} ${timeFmt.format(new Date(at))}`;
}

function StatusCard({ s, onSync }: { readonly s: Status; readonly onSync?: () => void }) {
  const p = s.progress;
  const percent = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : null;
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={4}>Tình trạng đồng bộ</Title>
          {onSync ? (
            <Button onClick={onSync} loading={s.running}>
              Đồng bộ ngay
            </Button>
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Cơ quan
            </Text>
            <Text fw={600}>{s.officeName}</Text>
            <Text size="xs" c="dimmed">
              {s.officeAgencyCode}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Lần đồng bộ gần nhất
            </Text>
            <Text fw={600} data-testid="last-sync">
              {s.lastSyncAt ? formatWhen(s.lastSyncAt) : 'Chưa đồng bộ'}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Thay đổi chờ gửi
            </Text>
            <Text fw={600} data-testid="pending">
              {s.pending.toLocaleString('vi-VN')}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Bị máy chủ từ chối
            </Text>
            <Text fw={600} c={s.rejectedCount > 0 ? 'red' : 'dark'}>
              {s.rejectedCount.toLocaleString('vi-VN')}
            </Text>
          </Stack>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Máy chủ: {s.serverUrl}
        </Text>
        {p ? (
          <Stack gap={4} data-testid="sync-progress">
            <Text size="sm">
              {PHASE_LABELS[p.phase]}
              {p.total > 0
                ? ` ${p.done.toLocaleString('vi-VN')}/${p.total.toLocaleString('vi-VN')}`
                : ''}
            </Text>
            <Progress value={percent ?? 100} animated striped={percent === null} />
          </Stack>
        ) : null}
        {s.needsUpdate ? (
          <Alert color="orange" title="Cần cập nhật phần mềm">
            Máy chủ tỉnh không nhận dữ liệu từ phiên bản này nữa. Việc gửi dữ liệu đã tạm dừng; dữ
            liệu vẫn được giữ an toàn trên máy. Hãy cập nhật ISO Xã rồi đồng bộ lại.
          </Alert>
        ) : s.lastError ? (
          <Alert color="red" title="Lần đồng bộ gần nhất chưa thành công" role="alert">
            {s.lastError}
          </Alert>
        ) : null}
        {s.stalled ? (
          <Alert color="orange" title="Hàng đợi không chuyển động">
            Dữ liệu chờ gửi đã nhiều lần không gửi được. Kiểm tra kết nối mạng, hoặc dùng tệp đồng
            bộ (USB) để gửi cho Sở.
          </Alert>
        ) : null}
        {s.feedProblems > 0 ? (
          <Text size="sm" c="orange">
            {s.feedProblems} mục do tỉnh công bố không hợp lệ nên chưa được áp dụng.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function RejectedTable({ s }: { readonly s: Status }) {
  if (s.rejected.length === 0) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>Dữ liệu bị máy chủ tỉnh từ chối</Title>
        <Text size="sm" c="dimmed">
          Các thay đổi này không được gửi lại tự động. Báo cho bộ phận kỹ thuật nếu cần xử lý.
        </Text>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Thời điểm</Table.Th>
              <Table.Th>Loại</Table.Th>
              <Table.Th>Mã bản ghi</Table.Th>
              <Table.Th>Lý do</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.rejected.map((r) => (
              <Table.Tr key={r.clientSeq}>
                <Table.Td>{formatWhen(r.createdAt)}</Table.Td>
                <Table.Td>{r.entityLabel}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {r.entityId}
                  </Text>
                </Table.Td>
                <Table.Td>{r.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

export function SyncScreen() {
  const { can } = useSession();
  const loader = useCallback(() => api.sync.status({}), []);
  const { data: s, error, reload } = useLoad(loader);
  // Poll while a sync runs or an update downloads, and every half minute otherwise.
  useEffect(() => {
    const busy = s?.running || s?.update.phase === 'checking' || s?.update.phase === 'downloading';
    const timer = setTimeout(reload, busy ? 500 : 30_000);
    return () => clearTimeout(timer);
  }, [s, reload]);
  const syncNow = async () => {
    try {
      await api.sync.now({});
    } finally {
      reload();
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Đồng bộ với tỉnh</Title>
        {s?.enrolled ? (
          <Badge color="green">Đã đăng ký</Badge>
        ) : (
          <Badge color="gray">Chưa đăng ký</Badge>
        )}
      </Group>
      <ErrorAlert error={error} />
      {s && !s.enrolled ? (
        can('sync.manage') ? (
          <EnrollCard onDone={reload} />
        ) : (
          <Text c="dimmed">
            Máy này chưa đăng ký đồng bộ với máy chủ tỉnh. Liên hệ quản trị hệ thống.
          </Text>
        )
      ) : null}
      {s?.enrolled ? (
        <>
          <StatusCard s={s} {...(can('sync.run') ? { onSync: () => void syncNow() } : {})} />
          <UpdateCard s={s} canManage={can('sync.manage')} onChanged={reload} />
          <RejectedTable s={s} />
          {can('sync.manage') ? <AdminTools s={s} onDone={reload} /> : null}
          {can('sync.manage') ? <EnrollCard again onDone={reload} /> : null}
        </>
      ) : null}
      {s?.enrolledAt ? (
        <Text size="xs" c="dimmed">
          Đăng ký từ {formatDate(s.enrolledAt)}
        </Text>
      ) : null}
    </Stack>
  );
}

// "Cập nhật phần mềm" on the Sync screen: the updater's state (checking, downloading with its
// progress, downloaded and waiting for the next time ISO Xã is closed, failed with the reason),
// "Cài đặt và khởi động lại" for an admin, checking now, and an update from a USB stick.
import { Alert, Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { notifyDone } from '../components/errors';
import { ErrorAlert } from '../components/error-alert';
import { useAction } from '../components/use-action';
import { formatBytes, formatDate } from '../format';

type Status = OpOutput<'sync.status'>;
type Update = Status['update'];

function Heading({ u }: { readonly u: Update }) {
  switch (u.phase) {
    case 'checking':
      return <Badge variant="light">Đang kiểm tra…</Badge>;
    case 'downloading':
      return <Badge variant="light">Đang tải phiên bản {u.version}</Badge>;
    case 'downloaded':
      return (
        <Badge color="green" variant="light">
          Đã tải phiên bản {u.version}, đã kiểm tra mã
        </Badge>
      );
    case 'installing':
      return (
        <Badge color="green" variant="light">
          Đang cài đặt…
        </Badge>
      );
    case 'failed':
      return (
        <Badge color="red" variant="light">
          Chưa cập nhật được
        </Badge>
      );
    case 'idle':
      return (
        <Badge color="gray" variant="light">
          Không có phiên bản mới
        </Badge>
      );
  }
}

export function UpdateCard({
  s,
  canManage,
  onChanged,
}: {
  readonly s: Status;
  readonly canManage: boolean;
  readonly onChanged: () => void;
}) {
  const action = useAction();
  const u = s.update;
  if (!u.available && u.phase === 'idle' && !canManage) return null;
  const check = () =>
    void action.run(async () => {
      await api.sync.checkUpdate({});
      onChanged();
    });
  const install = () =>
    void action.run(async () => {
      const r = await api.sync.installUpdate({});
      notifyDone(`Đang cài đặt ISO Xã ${r.version}; phần mềm sẽ tự mở lại sau khi cài xong.`);
      onChanged();
    });
  const fromUsb = () =>
    void action.run(async () => {
      const r = await api.sync.importUpdate({});
      if (r.version)
        notifyDone(`Đã kiểm tra bản cập nhật ${r.version} từ USB: chữ ký của tỉnh hợp lệ.`);
      onChanged();
    });
  return (
    <Card withBorder data-testid="app-update">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>Cập nhật phần mềm</Title>
          <Heading u={u} />
        </Group>
        <Text size="sm" c="dimmed">
          Phiên bản đang dùng: {s.appVersion}
          {u.checkedAt ? ` · kiểm tra lần cuối ${formatDate(u.checkedAt)}` : ''}
        </Text>
        {u.phase === 'downloading' ? (
          <Stack gap={4} data-testid="update-progress">
            <Progress value={u.percent ?? 0} animated />
            <Text size="sm">
              Đã tải {Math.round(u.percent ?? 0)}%
              {u.transferred !== null && u.total
                ? ` (${formatBytes(u.transferred)} / ${formatBytes(u.total)})`
                : ''}
              . Có thể tiếp tục làm việc trong khi tải.
            </Text>
          </Stack>
        ) : null}
        {u.phase === 'downloaded' ? (
          <Stack gap={4} data-testid="update-ready">
            <Progress value={100} color="green" />
            <Text size="sm">
              Phiên bản {u.version}
              {u.source === 'usb' ? ' (từ USB, đã kiểm tra chữ ký của tỉnh)' : ''} sẽ được cài khi
              tắt ISO Xã. Dữ liệu được sao lưu trước khi cài.
            </Text>
          </Stack>
        ) : null}
        {u.notes && (u.phase === 'downloading' || u.phase === 'downloaded') ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {u.notes}
          </Text>
        ) : null}
        {u.phase === 'failed' && u.error ? (
          <Alert color="red" title="Chưa cập nhật được">
            {u.error}
          </Alert>
        ) : null}
        <ErrorAlert error={action.error} />
        {canManage ? (
          <Group>
            {u.phase === 'downloaded' && u.canInstall ? (
              <Button onClick={install} loading={action.busy} color="green">
                Cài đặt và khởi động lại
              </Button>
            ) : null}
            {u.available && u.phase !== 'downloading' && u.phase !== 'installing' ? (
              <Button variant="light" onClick={check} loading={action.busy}>
                Kiểm tra bản cập nhật
              </Button>
            ) : null}
            <Button variant="subtle" onClick={fromUsb} loading={action.busy}>
              Cập nhật từ USB…
            </Button>
          </Group>
        ) : null}
        {u.previousInstaller ? (
          <Text size="xs" c="dimmed">
            Bộ cài phiên bản trước được giữ tại {u.previousInstaller}.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

// The office's PCs on the drill-down: status, last contact, version, the queue each last
// reported (waiting, refused), its reply file for the USB round trip, and revoking it.
import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { OfficeDetail } from '../../core/sync/admin';
import { errorText, provinceApi } from './api';
import { formatCount, formatDateTime } from './format';
import { ReplyFileButton } from './reply-button';
import { Empty, Section } from './section';

export function Devices({
  detail,
  onChanged,
}: {
  readonly detail: OfficeDetail;
  readonly onChanged: () => void;
}) {
  const [confirm, setConfirm] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    if (!confirm) return;
    setBusy(true);
    try {
      await provinceApi.revokeDevice(confirm.id);
      notifications.show({ color: 'green', message: `Đã thu hồi máy "${confirm.name}".` });
      setConfirm(null);
      onChanged();
    } catch (err) {
      notifications.show({ color: 'red', title: 'Không thu hồi được', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  const devices = detail.office.devices;
  return (
    <Section title="Máy đã đăng ký">
      {devices.length === 0 ? (
        <Empty>Chưa có máy nào đăng ký. Cấp mã đăng ký cho xã ở mục bên dưới.</Empty>
      ) : (
        <Table verticalSpacing={4} aria-label="Máy đã đăng ký">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tên máy</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
              <Table.Th>Đăng ký lúc</Table.Th>
              <Table.Th>Liên lạc lần cuối</Table.Th>
              <Table.Th>Phiên bản</Table.Th>
              <Table.Th ta="right">Chờ gửi</Table.Th>
              <Table.Th ta="right">Bị từ chối</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td miw={170}>
                  {d.revokedAt === null ? (
                    <Badge color="green" variant="light">
                      Đang hoạt động
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      Đã thu hồi {formatDateTime(d.revokedAt)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(d.enrolledAt)}</Table.Td>
                <Table.Td>
                  {d.lastSeenAt === null ? 'Chưa liên lạc' : formatDateTime(d.lastSeenAt)}
                </Table.Td>
                <Table.Td>
                  {d.appVersion} (dữ liệu phiên bản {d.schemaVersion})
                </Table.Td>
                <Table.Td ta="right" data-testid="device-pending">
                  {d.pendingOps === null ? '—' : formatCount(d.pendingOps)}
                  {d.pendingReportedAt !== null ? (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(d.pendingReportedAt)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" c={(d.rejectedOps ?? 0) > 0 ? 'red' : 'inherit'}>
                  {d.rejectedOps === null ? '—' : formatCount(d.rejectedOps)}
                </Table.Td>
                <Table.Td ta="right">
                  {d.revokedAt === null ? (
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <ReplyFileButton deviceId={d.id} size="xs" variant="light" />
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        onClick={() => setConfirm({ id: d.id, name: d.name })}
                      >
                        Thu hồi
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title="Thu hồi máy">
        <Stack>
          <Text>
            Máy "{confirm?.name}" sẽ không gửi và nhận dữ liệu được nữa từ lần kết nối tiếp theo.
            Muốn dùng lại, xã phải đăng ký lại bằng mã mới.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              Hủy
            </Button>
            <Button color="red" loading={busy} onClick={() => void revoke()}>
              Thu hồi máy
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

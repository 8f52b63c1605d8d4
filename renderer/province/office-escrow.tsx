// The office's data keys the province holds in escrow (issue #11 item 1) on the drill-down:
// each key by the name officials read in the backup's message (core/sync/key-id.ts), every
// release with who, when, why and whether the PC has fetched it, and releasing a key to an
// active PC of this office when the office has lost its recovery code.
import { Alert, Button, Group, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import type { OfficeDetail } from '../../core/sync/admin';
import { shortKeyId } from '../../core/sync/key-id';
import { useLoad } from '../src/components/use-load';
import { errorText, provinceApi } from './api';
import { formatDateTime } from './format';
import { Empty, Section } from './section';

const REASON_MIN = 10;

function ReleaseDialog({
  detail,
  keyId,
  onClose,
  onDone,
}: {
  readonly detail: OfficeDetail;
  readonly keyId: string | null;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const active = detail.office.devices.filter((d) => d.revokedAt === null);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const release = async () => {
    if (!keyId || !deviceId) return;
    setBusy(true);
    setError(null);
    try {
      await provinceApi.releaseEscrow(detail.office.id, { keyId, deviceId, reason: reason.trim() });
      notifications.show({ color: 'green', message: `Đã cấp khóa ${shortKeyId(keyId)}.` });
      setDeviceId(null);
      setReason('');
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={keyId !== null}
      onClose={onClose}
      title={keyId ? `Cấp khóa ${shortKeyId(keyId)} cho một máy của xã` : ''}
      size="lg"
    >
      <Stack>
        <Text size="sm">
          Máy được cấp mở được mọi bản sao lưu của xã làm bằng khóa này. Chỉ cấp khi xã đã mất mã
          khôi phục và đã xác minh người đề nghị; lần cấp được ghi lại với tên người cấp và lý do.
        </Text>
        {error ? <Alert color="red">{error}</Alert> : null}
        <Select
          label="Máy được cấp"
          placeholder="Chọn máy đang hoạt động của xã"
          data={active.map((d) => ({
            value: d.id,
            label: `${d.name} (đăng ký ${formatDateTime(d.enrolledAt)})`,
          }))}
          value={deviceId}
          onChange={setDeviceId}
          nothingFoundMessage="Xã chưa có máy nào đang hoạt động"
        />
        <Textarea
          label="Lý do"
          description={`Ít nhất ${REASON_MIN} ký tự, ví dụ: máy cũ hỏng ổ cứng, mất bản in mã khôi phục.`}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button
            color="orange"
            loading={busy}
            disabled={!deviceId || reason.trim().length < REASON_MIN}
            onClick={() => void release()}
          >
            Cấp khóa
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function Escrow({ detail }: { readonly detail: OfficeDetail }) {
  const officeId = detail.office.id;
  const loader = useCallback(() => provinceApi.escrow(officeId), [officeId]);
  const { data, error, reload } = useLoad(loader, errorText);
  const [releasing, setReleasing] = useState<string | null>(null);
  const deviceName = (id: string) => {
    const d = detail.office.devices.find((x) => x.id === id);
    return d
      ? `${d.name} (đăng ký ${formatDateTime(d.enrolledAt)})`
      : 'Máy không còn trong danh sách';
  };
  return (
    <Section title="Khóa dữ liệu tỉnh giữ">
      <Stack>
        {error ? <Alert color="red">{error}</Alert> : null}
        {!data ? null : data.keys.length === 0 ? (
          <Empty>Xã chưa gửi khóa dữ liệu lên tỉnh (khóa được gửi kèm lần đồng bộ đầu tiên).</Empty>
        ) : (
          <Table verticalSpacing={4} aria-label="Khóa dữ liệu tỉnh giữ">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Mã khóa</Table.Th>
                <Table.Th>Của máy</Table.Th>
                <Table.Th>Tỉnh nhận lúc</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.keys.map((k) => (
                <Table.Tr key={k.keyId}>
                  <Table.Td ff="monospace" title={k.keyId}>
                    {shortKeyId(k.keyId)}
                  </Table.Td>
                  <Table.Td>{deviceName(k.deviceId)}</Table.Td>
                  <Table.Td>{formatDateTime(k.receivedAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-sm" variant="light" onClick={() => setReleasing(k.keyId)}>
                      Cấp cho máy mới…
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {data && data.releases.length > 0 ? (
          <Table verticalSpacing={4} aria-label="Các lần cấp khóa">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Cấp lúc</Table.Th>
                <Table.Th>Mã khóa</Table.Th>
                <Table.Th>Máy được cấp</Table.Th>
                <Table.Th>Người cấp</Table.Th>
                <Table.Th>Lý do</Table.Th>
                <Table.Th>Máy đã nhận</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.releases.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(r.releasedAt)}
                  </Table.Td>
                  <Table.Td ff="monospace">{shortKeyId(r.keyId)}</Table.Td>
                  <Table.Td>{deviceName(r.deviceId)}</Table.Td>
                  <Table.Td>{r.releasedBy}</Table.Td>
                  <Table.Td>{r.reason}</Table.Td>
                  <Table.Td>{r.fetchedAt ? formatDateTime(r.fetchedAt) : 'Chưa nhận'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
      <ReleaseDialog
        detail={detail}
        keyId={releasing}
        onClose={() => setReleasing(null)}
        onDone={() => {
          setReleasing(null);
          reload();
        }}
      />
    </Section>
  );
}

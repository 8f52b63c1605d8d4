// What the province's upload of USB sync files did, per office PC: the ops recorded, already
// held, refused, and waiting for a scan; the scans received; and the reply file that acknowledges
// them all (its range starts at the earliest op and feed cursor of the files uploaded).
import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { OfficeSummary, SyncFileResult } from '../../core/sync/admin';
import { formatCount } from './format';
import { ReplyFileButton } from './reply-button';

export interface Uploaded {
  readonly file: string;
  readonly value: SyncFileResult;
}

function Count({
  label,
  value,
  color,
}: {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {formatCount(value)}
      </Text>
    </Paper>
  );
}

const lowest = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.min(...known) : null;
};

const sum = (items: readonly Uploaded[], key: 'applied' | 'duplicate' | 'rejected' | 'deferred') =>
  items.reduce((n, u) => n + u.value[key], 0);

/** The files uploaded for one PC; usually one, or the parts of one export. */
function DeviceResult({
  items,
  office,
}: {
  readonly items: readonly Uploaded[];
  readonly office: OfficeSummary | undefined;
}) {
  const first = items[0]?.value;
  if (!first) return null;
  const names = items
    .map((u) =>
      u.value.part ? `${u.file} (phần ${u.value.part.index}/${u.value.part.count})` : u.file,
    )
    .join(', ');
  const rejected = sum(items, 'rejected');
  const deferred = sum(items, 'deferred');
  const scans = items.reduce((n, u) => n + u.value.files, 0);
  return (
    <Stack gap="sm">
      <Text fw={600}>
        Đã xử lý {items.length > 1 ? `${items.length} tệp ` : 'tệp '}
        {names}
        {office ? ` của ${office.name} (${office.agencyCode})` : ''}.
      </Text>
      <SimpleGrid cols={4}>
        <Count label="Đã ghi nhận" value={sum(items, 'applied')} color="green.8" />
        <Count label="Đã có từ trước" value={sum(items, 'duplicate')} color="gray.7" />
        <Count label="Bị từ chối" value={rejected} color={rejected > 0 ? 'red' : 'gray.7'} />
        <Count
          label="Chờ tệp đính kèm"
          value={deferred}
          color={deferred > 0 ? 'orange' : 'gray.7'}
        />
      </SimpleGrid>
      {scans > 0 ? (
        <Text size="sm">
          Đã nhận {formatCount(scans)} tệp đính kèm (bản quét), đã kiểm tra đúng mã sha256.
        </Text>
      ) : null}
      {rejected > 0 ? (
        <Text size="sm">Lý do từ chối từng thao tác có trong trang chi tiết của xã.</Text>
      ) : null}
      {deferred > 0 ? (
        <Text size="sm" c="orange.9">
          {formatCount(deferred)} thay đổi chưa ghi nhận được vì tệp đính kèm của chúng không có
          trong tệp đồng bộ (bị mất hoặc hỏng trên máy của xã). Xã vẫn giữ các thay đổi này; cần
          đính kèm lại bản quét rồi xuất tệp mới.
        </Text>
      ) : null}
      <Group>
        <ReplyFileButton
          deviceId={first.deviceId}
          range={{
            feedCursor: lowest(items.map((u) => u.value.feedCursor)),
            fromClientSeq: lowest(items.map((u) => u.value.fromClientSeq)),
          }}
        />
        <Text size="sm" c="dimmed">
          Trả tệp phản hồi cho xã: xã nhập tệp để xóa các thay đổi tỉnh đã nhận khỏi hàng đợi và
          nhận danh mục, lịch, biểu mẫu, thông báo mới.
        </Text>
      </Group>
    </Stack>
  );
}

export function SyncFileResults({
  uploaded,
  offices,
}: {
  readonly uploaded: readonly Uploaded[];
  readonly offices: readonly OfficeSummary[];
}) {
  const byDevice = new Map<string, Uploaded[]>();
  for (const u of uploaded)
    byDevice.set(u.value.deviceId, [...(byDevice.get(u.value.deviceId) ?? []), u]);
  return (
    <Paper withBorder p="lg" data-testid="sync-file-result">
      <Stack gap="xl">
        {[...byDevice].map(([deviceId, items]) => (
          <DeviceResult
            key={deviceId}
            items={items}
            office={offices.find((o) => o.id === items[0]?.value.officeId)}
          />
        ))}
      </Stack>
    </Paper>
  );
}

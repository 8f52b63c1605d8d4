// The releases the province published: how far each rollout has gone (its share of PCs and
// how many it reaches today), what the PCs report (running it, downloaded, downloading,
// failed with their messages), the buttons to raise, pause, resume or withdraw it, the USB
// files, and the app versions still in use.
import { Badge, Button, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { ReleaseView, UpdatesResponse } from '../../core/sync/admin';
import { compareVersions } from '../../core/update/versions';
import { ErrorAlert } from '../src/components/error-alert';
import { errorText, provinceApi } from './api';
import { formatBytes, formatCount, formatDateTime } from './format';

const STEPS = [1, 5, 10, 25, 50, 75, 100] as const;

function State({ r }: { readonly r: ReleaseView }) {
  if (r.withdrawnAt !== null)
    return (
      <Badge color="red" variant="light">
        Đã thu hồi
      </Badge>
    );
  if (r.paused)
    return (
      <Badge color="orange" variant="light">
        Tạm dừng ở {r.stagingPercentage}%
      </Badge>
    );
  return (
    <Badge color={r.stagingPercentage >= 100 ? 'green' : 'blue'} variant="light">
      {r.stagingPercentage >= 100 ? 'Mọi máy' : `${r.stagingPercentage}% số máy`}
    </Badge>
  );
}

function Actions({ r, onChanged }: { readonly r: ReleaseView; readonly onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  if (r.withdrawnAt !== null) return <Text size="xs">{formatDateTime(r.withdrawnAt)}</Text>;
  const higher = STEPS.filter((p) => p > r.stagingPercentage);
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <Menu>
          <Menu.Target>
            <Button size="compact-xs" variant="light" loading={busy} disabled={higher.length === 0}>
              Tăng tỷ lệ
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {higher.map((p) => (
              <Menu.Item
                key={p}
                onClick={() =>
                  void act(() => provinceApi.rollout(r.version, { stagingPercentage: p }))
                }
              >
                {p}% số máy
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button
          size="compact-xs"
          variant="light"
          color={r.paused ? 'green' : 'orange'}
          loading={busy}
          onClick={() => void act(() => provinceApi.rollout(r.version, { paused: !r.paused }))}
        >
          {r.paused ? 'Tiếp tục' : 'Tạm dừng'}
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          loading={busy}
          onClick={() => {
            if (
              window.confirm(`Thu hồi phiên bản ${r.version}? Các máy chưa cài sẽ không nhận nữa.`)
            )
              void act(() => provinceApi.withdraw(r.version));
          }}
        >
          Thu hồi
        </Button>
      </Group>
      <Group gap={8}>
        <Text size="xs" component="a" href={provinceApi.usbManifestUrl(r.version)} c="blue">
          Tệp xác thực USB
        </Text>
        <Text size="xs" component="a" href={provinceApi.updateFileUrl(r.file)} c="blue">
          Bộ cài
        </Text>
      </Group>
      <ErrorAlert error={error} />
    </Stack>
  );
}

export function ReleaseList({
  data,
  onChanged,
}: {
  readonly data: UpdatesResponse;
  readonly onChanged: () => void;
}) {
  const newestLive = data.releases.find((r) => r.withdrawnAt === null && !r.paused)?.version;
  const old = data.versions.filter((v) => newestLive && compareVersions(v.version, newestLive) < 0);
  if (data.releases.length === 0) return <Text size="sm">Chưa công bố phiên bản nào.</Text>;
  return (
    <Stack gap="xs">
      <Table striped withTableBorder data-testid="releases">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Phiên bản</Table.Th>
            <Table.Th>Triển khai</Table.Th>
            <Table.Th ta="right">Đến được</Table.Th>
            <Table.Th ta="right">Đang chạy</Table.Th>
            <Table.Th ta="right">Đã tải</Table.Th>
            <Table.Th ta="right">Lỗi</Table.Th>
            <Table.Th>Thao tác</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.releases.map((r) => (
            <Table.Tr key={r.version} data-testid={`release-${r.version}`}>
              <Table.Td>
                <Text fw={600}>{r.version}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.releasedAt)} · {formatBytes(r.size)}
                  {r.blockMap ? ' · tải phần thay đổi' : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <State r={r} />
              </Table.Td>
              <Table.Td ta="right" data-testid="reached">
                {formatCount(r.reached)}/{formatCount(data.activeDevices)}
              </Table.Td>
              <Table.Td ta="right" data-testid="running">
                {formatCount(r.running)}
              </Table.Td>
              <Table.Td ta="right" data-testid="downloaded">
                {formatCount(r.downloaded)}
                {r.downloading > 0 ? ` (+${formatCount(r.downloading)} đang tải)` : ''}
              </Table.Td>
              <Table.Td ta="right" data-testid="failed">
                {r.errors.length > 0 ? (
                  <Tooltip
                    multiline
                    w={320}
                    label={r.errors.map((e) => `${e.office}: ${e.message}`).join('\n')}
                  >
                    <Text c="red" span>
                      {formatCount(r.failed)}
                    </Text>
                  </Tooltip>
                ) : (
                  formatCount(r.failed)
                )}
              </Table.Td>
              <Table.Td>
                <Actions r={r} onChanged={onChanged} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" data-testid="old-versions">
        {old.length === 0
          ? 'Không còn máy nào chạy phiên bản cũ.'
          : `Máy còn chạy phiên bản cũ: ${old.map((v) => `${v.version} (${formatCount(v.devices)} máy)`).join(', ')}.`}
      </Text>
    </Stack>
  );
}

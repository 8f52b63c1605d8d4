// Tổng quan các xã: every office with its last sync, devices, ops, the queue its PCs last
// reported (waiting, refused) and dossier figures; offices silent for 7 days are highlighted.
import {
  Alert,
  Anchor,
  Badge,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import type { OfficeSummary } from '../../core/sync/admin';
import { fold } from '../../core/text/fold';
import { errorText, provinceApi } from './api';
import {
  appVersions,
  formatCount,
  formatDateTime,
  formatPercent,
  isStale,
  onTimeRate,
  viCollator,
} from './format';
import { useLoad } from '../src/components/use-load';
import { AuditBadge } from './office-audit';

function Stat({
  label,
  value,
  color,
}: {
  readonly label: string;
  readonly value: string;
  readonly color?: string;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" {...(color ? { c: color } : {})}>
        {value}
      </Text>
    </Paper>
  );
}

function Totals({
  offices,
  now,
}: {
  readonly offices: readonly OfficeSummary[];
  readonly now: number;
}) {
  const sum = (f: (o: OfficeSummary) => number) => offices.reduce((n, o) => n + f(o), 0);
  const resolved = sum((o) => o.dossiers.resolvedThisYear);
  const stale = offices.filter((o) => isStale(o, now)).length;
  const overdue = sum((o) => o.dossiers.overdue);
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }}>
      <Stat label="Số xã, phường" value={formatCount(offices.length)} />
      <Stat
        label="Hồ sơ tiếp nhận tháng này"
        value={formatCount(sum((o) => o.dossiers.thisMonth))}
      />
      <Stat
        label="Tỷ lệ đúng hạn năm nay"
        value={formatPercent(
          resolved > 0 ? sum((o) => o.dossiers.onTimeThisYear) / resolved : null,
        )}
      />
      <Stat
        label="Hồ sơ đang quá hạn"
        value={formatCount(overdue)}
        {...(overdue > 0 ? { color: 'red' } : {})}
      />
      <Stat
        label="Quá 7 ngày chưa đồng bộ"
        value={formatCount(stale)}
        {...(stale > 0 ? { color: 'orange.8' } : {})}
      />
    </SimpleGrid>
  );
}

export function OfficesScreen() {
  const loader = useCallback(() => provinceApi.offices(), []);
  const { data, error } = useLoad(loader, errorText);
  const [query, setQuery] = useState('');
  const now = Date.now();
  const rows = useMemo(() => {
    const q = fold(query.trim());
    return [...(data?.offices ?? [])]
      .filter((o) => q === '' || fold(`${o.name} ${o.agencyCode}`).includes(q))
      .sort((a, b) => viCollator.compare(a.name, b.name));
  }, [data, query]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Tổng quan các xã</Title>
        <TextInput
          placeholder="Tìm theo tên hoặc mã định danh"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={320}
          aria-label="Tìm xã"
        />
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      {data ? <Totals offices={data.offices} now={now} /> : null}
      <Paper withBorder>
        <Table.ScrollContainer minWidth={1060}>
          <Table
            fz="sm"
            striped
            highlightOnHover
            verticalSpacing="xs"
            aria-label="Các xã"
            data-testid="offices-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tên xã, phường</Table.Th>
                <Table.Th>Mã định danh</Table.Th>
                <Table.Th>Đồng bộ lần cuối</Table.Th>
                <Table.Th ta="right">Máy</Table.Th>
                <Table.Th>Phiên bản</Table.Th>
                <Table.Th ta="right">Bản ghi đã nhận</Table.Th>
                <Table.Th ta="right">Chờ gửi</Table.Th>
                <Table.Th ta="right">Bị từ chối</Table.Th>
                <Table.Th ta="right">Hồ sơ tháng này</Table.Th>
                <Table.Th ta="right">Đúng hạn năm nay</Table.Th>
                <Table.Th ta="right">Quá hạn</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const stale = isStale(o, now);
                const active = o.devices.filter((d) => d.revokedAt === null).length;
                return (
                  <Table.Tr
                    key={o.id}
                    {...(stale ? { bg: 'orange.0' } : {})}
                    data-testid={`office-${o.agencyCode}`}
                  >
                    <Table.Td>
                      <Anchor href={`#/offices/${o.id}`} fw={600}>
                        {o.name}
                      </Anchor>{' '}
                      <AuditBadge chain={o.auditChain} />
                    </Table.Td>
                    <Table.Td ff="monospace">{o.agencyCode}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {o.lastSyncAt === null ? (
                        <Text c="dimmed" span>
                          Chưa đồng bộ
                        </Text>
                      ) : (
                        formatDateTime(o.lastSyncAt)
                      )}
                      {stale ? (
                        <Badge color="orange" variant="light" ml={6} size="sm">
                          Quá 7 ngày
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(active)}</Table.Td>
                    <Table.Td>{appVersions(o)}</Table.Td>
                    <Table.Td ta="right">{formatCount(o.opCount)}</Table.Td>
                    <Table.Td ta="right" data-testid="pending" style={{ whiteSpace: 'nowrap' }}>
                      {o.outbox.pending === null ? '—' : formatCount(o.outbox.pending)}
                      {o.outbox.reportedAt !== null ? (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(o.outbox.reportedAt)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td
                      ta="right"
                      c={(o.outbox.rejected ?? 0) > 0 ? 'red' : 'inherit'}
                      data-testid="rejected"
                    >
                      {o.outbox.rejected === null ? '—' : formatCount(o.outbox.rejected)}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="this-month">
                      {formatCount(o.dossiers.thisMonth)}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="on-time">
                      {formatPercent(onTimeRate(o.dossiers))}
                    </Table.Td>
                    <Table.Td
                      ta="right"
                      c={o.dossiers.overdue > 0 ? 'red' : 'inherit'}
                      data-testid="overdue"
                    >
                      {formatCount(o.dossiers.overdue)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && rows.length === 0 ? (
          <Text c="dimmed" p="md">
            Không có xã nào.
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}

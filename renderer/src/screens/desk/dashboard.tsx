// Dashboard of the one-stop desk: today's counts, on-time rates, dossiers by month and by
// procedure. Counts link to the list, filtered.
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Card,
  ColorSwatch,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useLocation } from 'wouter';
import { ROLE_LABELS } from '../../../../core/auth/roles';
import { viCollator } from '../../../../core/text/fold';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { useLoad } from '../../components/use-load';
import { formatCivilDate, formatCount, formatPercent } from '../../format';
import { PERMISSION_LABELS, type Permission } from '../../../../core/auth/roles';
import { ProvinceNotices } from '../home-notices';
import { SatisfactionFiguresRow } from '../qms/satisfaction/dashboard-figures';

function Stat({
  label,
  value,
  color,
  testId,
  onClick,
}: {
  readonly label: string;
  readonly value: number;
  readonly color?: string | undefined;
  readonly testId: string;
  readonly onClick?: () => void;
}) {
  const body = (
    <Card withBorder h="100%">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={32} fw={700} {...(color ? { c: color } : {})} data-testid={testId}>
        {formatCount(value)}
      </Text>
    </Card>
  );
  return onClick ? (
    <UnstyledButton onClick={onClick} aria-label={`${label}: ${value}`}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

function Rate({
  label,
  rate,
}: {
  readonly label: string;
  readonly rate: { resolved: number; onTime: number; rate: number | null };
}) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group align="baseline" gap="xs">
        <Text fz={28} fw={700} c="indigo.8">
          {formatPercent(rate.rate)}
        </Text>
        <Text size="sm" c="dimmed">
          {formatCount(rate.onTime)}/{formatCount(rate.resolved)} hồ sơ đã giải quyết đúng hạn
        </Text>
      </Group>
    </Card>
  );
}

const SERIES = [
  { name: 'received', label: 'Tiếp nhận', color: 'indigo.4', stackId: 'received' },
  { name: 'early', label: 'Trước hạn', color: 'teal.6', stackId: 'resolved' },
  { name: 'onTime', label: 'Đúng hạn', color: 'green.6', stackId: 'resolved' },
  { name: 'late', label: 'Quá hạn', color: 'red.6', stackId: 'resolved' },
];

export function DashboardScreen() {
  const { session } = useSession();
  const [, navigate] = useLocation();
  const load = useCallback(() => api.dashboard.get({}), []);
  const { data, error } = useLoad(load);
  const months = useMemo(
    () =>
      (data?.byMonth ?? []).map((m) => ({
        ...m,
        month: `${m.month.slice(5)}/${m.month.slice(0, 4)}`,
      })),
    [data],
  );
  const procedures = useMemo(
    () => [...(data?.byProcedure ?? [])].sort((a, b) => viCollator.compare(a.name, b.name)),
    [data],
  );
  if (!session) return null;
  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <Title order={2}>Tổng quan</Title>
        {data ? <Text c="dimmed">Hôm nay: {formatCivilDate(data.today)}</Text> : null}
      </Group>
      <Text size="sm" c="dimmed" data-testid="my-permissions">
        {session.user.fullName} · {session.user.roles.map((r) => ROLE_LABELS[r]).join(', ')} ·{' '}
        {session.permissions
          .map((p) => PERMISSION_LABELS[p as Permission] ?? 'Quyền khác')
          .join('; ')}
      </Text>
      <ProvinceNotices />
      {error ? <Alert color="red">{error}</Alert> : null}
      {data ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label="Tiếp nhận hôm nay" value={data.receivedToday} testId="stat-received" />
            <Stat label="Đến hạn hôm nay" value={data.dueToday} testId="stat-due" />
            <Stat
              label="Quá hạn"
              value={data.overdue}
              color={data.overdue > 0 ? 'red.7' : undefined}
              testId="stat-overdue"
              onClick={() => navigate('/dossiers?status=overdue')}
            />
            <Stat
              label="Đang giải quyết"
              value={data.open}
              testId="stat-open"
              onClick={() => navigate('/dossiers?status=open')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Rate label="Tỷ lệ đúng hạn tháng này" rate={data.month} />
            <Rate label="Tỷ lệ đúng hạn năm nay" rate={data.year} />
          </SimpleGrid>
          <SatisfactionFiguresRow />
          <Card withBorder>
            <Text fw={600} mb="sm">
              Hồ sơ theo tháng
            </Text>
            <BarChart
              h={260}
              data={months}
              dataKey="month"
              series={SERIES}
              valueFormatter={formatCount}
              yAxisProps={{ allowDecimals: false }}
              aria-label="Biểu đồ hồ sơ theo tháng"
            />
            {/* The chart's own legend reorders the stacks and cuts the last one at the edge. */}
            <Group gap="lg" justify="center" mt="xs" aria-label="Chú giải">
              {SERIES.map((s) => (
                <Group key={s.name} gap={6} wrap="nowrap">
                  <ColorSwatch
                    size={10}
                    color={`var(--mantine-color-${s.color.replace('.', '-')})`}
                    withShadow={false}
                  />
                  <Text size="sm">{s.label}</Text>
                </Group>
              ))}
            </Group>
          </Card>
          <Card withBorder>
            <Text fw={600} mb="sm">
              Theo thủ tục
            </Text>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Thủ tục</Table.Th>
                  <Table.Th ta="right">Tiếp nhận</Table.Th>
                  <Table.Th ta="right">Đã giải quyết</Table.Th>
                  <Table.Th ta="right">Đúng hạn</Table.Th>
                  <Table.Th ta="right">Quá hạn</Table.Th>
                  <Table.Th ta="right">Đang giải quyết</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {procedures.map((p) => (
                  <Table.Tr key={p.procedureId}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td ta="right">{formatCount(p.received)}</Table.Td>
                    <Table.Td ta="right">{formatCount(p.resolved)}</Table.Td>
                    <Table.Td ta="right">{formatCount(p.onTime)}</Table.Td>
                    <Table.Td ta="right" c={p.late > 0 ? 'red.7' : 'inherit'}>
                      {formatCount(p.late)}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(p.open)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {procedures.length === 0 ? (
              <Text c="dimmed" size="sm" mt="sm">
                Chưa có hồ sơ nào.
              </Text>
            ) : null}
          </Card>
        </>
      ) : null}
    </Stack>
  );
}

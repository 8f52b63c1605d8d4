// Drill-down of one office: devices (queue, reply file, revoke), enrollment codes (issue a new
// one), figures by procedure and by month, recent rejected ops with their reasons.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import type { EnrollmentCodeResponse, OfficeDetail } from '../../core/sync/admin';
import { CodeCard } from './code-card';
import { errorText, provinceApi } from './api';
import { Devices } from './office-devices';
import { Escrow } from './office-escrow';
import { AuditTrail } from './office-audit';
import { Empty, Section } from './section';
import {
  appVersions,
  formatCount,
  formatDateTime,
  formatMonth,
  formatPercent,
  isStale,
  onTimeRate,
} from './format';
import { useLoad } from '../src/components/use-load';

const ENTITY_LABELS: Readonly<Record<string, string>> = {
  dossier: 'Hồ sơ',
  dossier_step: 'Bước xử lý',
  dossier_event: 'Sự kiện hồ sơ',
};

function Figure({
  label,
  value,
  note,
  testId,
}: {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
  readonly testId?: string;
}) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {note ? (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      ) : null}
    </Paper>
  );
}

function Codes({
  detail,
  onChanged,
}: {
  readonly detail: OfficeDetail;
  readonly onChanged: () => void;
}) {
  const [issued, setIssued] = useState<EnrollmentCodeResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      setIssued(await provinceApi.newCode(detail.office.id));
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section
      title="Mã đăng ký"
      action={
        <Button size="xs" onClick={() => void issue()} loading={busy}>
          Cấp mã mới
        </Button>
      }
    >
      <Stack>
        {error ? <Alert color="red">{error}</Alert> : null}
        {issued ? <CodeCard issued={issued} officeName={detail.office.name} /> : null}
        {detail.enrollmentCodes.length === 0 ? (
          <Empty>Chưa cấp mã nào.</Empty>
        ) : (
          <Table verticalSpacing={4} aria-label="Mã đăng ký đã cấp">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Cấp lúc</Table.Th>
                <Table.Th>Người cấp</Table.Th>
                <Table.Th>Hết hạn</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.enrollmentCodes.map((c) => (
                <Table.Tr key={c.createdAt}>
                  <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                  <Table.Td>{c.createdBy ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(c.expiresAt)}</Table.Td>
                  <Table.Td>
                    {c.usedAt !== null
                      ? `Đã dùng lúc ${formatDateTime(c.usedAt)}`
                      : c.expiresAt < now
                        ? 'Đã hết hạn'
                        : 'Còn hiệu lực, chưa dùng'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Section>
  );
}

function ByProcedure({ detail }: { readonly detail: OfficeDetail }) {
  return (
    <Section title="Hồ sơ theo thủ tục">
      {detail.byProcedure.length === 0 ? (
        <Empty>Xã chưa gửi hồ sơ nào lên tỉnh.</Empty>
      ) : (
        <Table verticalSpacing={4} aria-label="Hồ sơ theo thủ tục">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Thủ tục</Table.Th>
              <Table.Th ta="right">Tổng số</Table.Th>
              <Table.Th ta="right">Tháng này</Table.Th>
              <Table.Th ta="right">Đã giải quyết (năm nay)</Table.Th>
              <Table.Th ta="right">Đúng hạn</Table.Th>
              <Table.Th ta="right">Đang quá hạn</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.byProcedure.map((p) => (
              <Table.Tr key={p.procedureCode}>
                <Table.Td>
                  <Text size="sm">{p.procedureName || 'Chưa rõ tên thủ tục'}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {p.procedureCode || '(không rõ mã)'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatCount(p.total)}</Table.Td>
                <Table.Td ta="right">{formatCount(p.thisMonth)}</Table.Td>
                <Table.Td ta="right">{formatCount(p.resolvedThisYear)}</Table.Td>
                <Table.Td ta="right">
                  {formatPercent(
                    p.resolvedThisYear > 0 ? p.onTimeThisYear / p.resolvedThisYear : null,
                  )}
                </Table.Td>
                <Table.Td ta="right" c={p.overdue > 0 ? 'red' : 'inherit'}>
                  {formatCount(p.overdue)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function ByMonth({ detail }: { readonly detail: OfficeDetail }) {
  return (
    <Section title="Theo tháng (12 tháng gần nhất)">
      <Table verticalSpacing={2} aria-label="Theo tháng">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tháng</Table.Th>
            <Table.Th ta="right">Tiếp nhận</Table.Th>
            <Table.Th ta="right">Đã giải quyết</Table.Th>
            <Table.Th ta="right">Đúng hạn</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...detail.byMonth].reverse().map((m) => (
            <Table.Tr key={m.month}>
              <Table.Td>{formatMonth(m.month)}</Table.Td>
              <Table.Td ta="right">{formatCount(m.received)}</Table.Td>
              <Table.Td ta="right">{formatCount(m.resolved)}</Table.Td>
              <Table.Td ta="right">
                {formatPercent(m.resolved > 0 ? m.onTime / m.resolved : null)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Rejected({ detail }: { readonly detail: OfficeDetail }) {
  return (
    <Section title={`Thao tác bị từ chối (${formatCount(detail.rejectedCount)})`}>
      {detail.recentRejected.length === 0 ? (
        <Empty>Không có thao tác nào bị từ chối.</Empty>
      ) : (
        <Table verticalSpacing={4} aria-label="Thao tác bị từ chối">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Nhận lúc</Table.Th>
              <Table.Th>Loại dữ liệu</Table.Th>
              <Table.Th>Mã bản ghi</Table.Th>
              <Table.Th>Lý do</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.recentRejected.map((r) => (
              <Table.Tr key={r.opId}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.receivedAt)}</Table.Td>
                <Table.Td>{ENTITY_LABELS[r.entity] ?? r.entity}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {r.entityId}
                </Table.Td>
                <Table.Td>{r.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function OfficeDetailScreen({ id }: { readonly id: string }) {
  const loader = useCallback(() => provinceApi.office(id), [id]);
  const { data, error, reload } = useLoad(loader, errorText);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return <Text c="dimmed">Đang tải…</Text>;
  const o = data.office;
  const stale = isStale(o, Date.now());
  return (
    <Stack>
      <Anchor href="#/" size="sm">
        ← Tổng quan các xã
      </Anchor>
      <Group gap="sm" align="baseline">
        <Title order={2}>{o.name}</Title>
        <Text ff="monospace" c="dimmed">
          {o.agencyCode}
        </Text>
        {stale ? <Badge color="orange">Quá 7 ngày chưa đồng bộ</Badge> : null}
        {o.auditChain.breaks > 0 ? <Badge color="red">Nhật ký bị sửa</Badge> : null}
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure
          label="Đồng bộ lần cuối"
          value={o.lastSyncAt === null ? 'Chưa đồng bộ' : formatDateTime(o.lastSyncAt)}
        />
        <Figure label="Phiên bản" value={appVersions(o)} />
        <Figure label="Hồ sơ tháng này" value={formatCount(o.dossiers.thisMonth)} />
        <Figure label="Đúng hạn (năm nay)" value={formatPercent(onTimeRate(o.dossiers))} />
        <Figure label="Đang quá hạn" value={formatCount(o.dossiers.overdue)} />
        <Figure label="Thao tác đã nhận" value={formatCount(o.opCount)} />
        <Figure
          label="Chờ gửi (máy xã báo)"
          value={o.outbox.pending === null ? '—' : formatCount(o.outbox.pending)}
          testId="office-pending"
          {...(o.outbox.reportedAt !== null
            ? { note: `báo lúc ${formatDateTime(o.outbox.reportedAt)}` }
            : {})}
        />
        <Figure
          label="Bị từ chối (máy xã báo)"
          value={o.outbox.rejected === null ? '—' : formatCount(o.outbox.rejected)}
          testId="office-rejected"
        />
      </SimpleGrid>
      <AuditTrail detail={data} />
      <Devices detail={data} onChanged={reload} />
      <Codes detail={data} onChanged={reload} />
      <Escrow detail={data} />
      <ByProcedure detail={data} />
      <ByMonth detail={data} />
      <Rejected detail={data} />
    </Stack>
  );
}

// Drill-down of one office: devices (revoke), enrollment codes (issue a new one), figures by
// procedure and by month, recent rejected ops with their reasons.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState, type ReactNode } from 'react';
import type { EnrollmentCodeResponse, OfficeDetail } from '../../core/sync/admin';
import { CodeCard } from './code-card';
import { errorText, provinceApi } from './api';
import {
  appVersions,
  formatCount,
  formatDateTime,
  formatMonth,
  formatPercent,
  isStale,
  onTimeRate,
} from './format';
import { useLoad } from './use-load';

const ENTITY_LABELS: Readonly<Record<string, string>> = {
  dossier: 'Hồ sơ',
  dossier_step: 'Bước xử lý',
  dossier_event: 'Sự kiện hồ sơ',
};

function Section({
  title,
  children,
  action,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly action?: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

function Empty({ children }: { readonly children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm">
      {children}
    </Text>
  );
}

function Figure({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

function Devices({
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
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>
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
                  {d.appVersion} (lược đồ {d.schemaVersion})
                </Table.Td>
                <Table.Td ta="right">
                  {d.revokedAt === null ? (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => setConfirm({ id: d.id, name: d.name })}
                    >
                      Thu hồi
                    </Button>
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
              <Table.Th>Mã thủ tục</Table.Th>
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
                <Table.Td ff="monospace">{p.procedureCode || '(không rõ)'}</Table.Td>
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
  const { data, error, reload } = useLoad(loader);
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
      </Group>
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        <Figure
          label="Đồng bộ lần cuối"
          value={o.lastSyncAt === null ? 'Chưa đồng bộ' : formatDateTime(o.lastSyncAt)}
        />
        <Figure label="Phiên bản" value={appVersions(o)} />
        <Figure label="Hồ sơ tháng này" value={formatCount(o.dossiers.thisMonth)} />
        <Figure label="Đúng hạn (năm nay)" value={formatPercent(onTimeRate(o.dossiers))} />
        <Figure label="Đang quá hạn" value={formatCount(o.dossiers.overdue)} />
        <Figure label="Thao tác đã nhận" value={formatCount(o.opCount)} />
      </SimpleGrid>
      <Devices detail={data} onChanged={reload} />
      <Codes detail={data} onChanged={reload} />
      <ByProcedure detail={data} />
      <ByMonth detail={data} />
      <Rejected detail={data} />
    </Stack>
  );
}

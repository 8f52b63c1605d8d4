// Mục tiêu chất lượng of a year: the met / not met list, then each objective with its
// measurements as a small chart against the target, the table of what was measured (value and
// window), "Đo lường", the year-end conclusion, and for a missed objective "Tạo sự không phù
// hợp" in one click.
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useSearch } from 'wouter';
import type { ObjectiveRow } from '../../../../../core/contract/objectives';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { CreateNonconformityDialog } from '../nonconformity/create-dialog';
import { TransitionDialog, type TransitionOption } from '../transition-dialog';
import { CreateObjectiveDialog } from './create-dialog';
import { MeasureDialog } from './measure-dialog';
import { objectiveUnit, valueAxis, withUnit } from './unit';

const MANAGERS = ['leader', 'iso_coordinator'];

const valueText = (value: number, row: ObjectiveRow) => withUnit(value, objectiveUnit(row));
const targetText = (row: ObjectiveRow) =>
  `${row.record.data['atMost'] ? '≤' : '≥'} ${valueText(Number(row.record.data['target']), row)}`;

export function VerdictBadge({ row }: { readonly row: ObjectiveRow }) {
  const s = row.record.state;
  if (s === 'met') return <Badge color="green">Đạt</Badge>;
  if (s === 'missed') return <Badge color="red">Không đạt</Badge>;
  if (row.met === null)
    return (
      <Badge color="gray" variant="light">
        Chưa đo lường
      </Badge>
    );
  return (
    <Badge color={row.met ? 'green' : 'orange'} variant="light">
      {row.met ? 'Đang đạt' : 'Đang chưa đạt'}
    </Badge>
  );
}

function ObjectiveCard({
  row,
  mayManage,
  onChange,
}: {
  readonly row: ObjectiveRow;
  readonly mayManage: boolean;
  readonly onChange: () => void;
}) {
  const [measuring, setMeasuring] = useState(false);
  const [moving, setMoving] = useState<TransitionOption | null>(null);
  const [opening, setOpening] = useState(false);
  const target = Number(row.record.data['target']);
  const points = row.measurements
    .filter((m) => m.value !== null)
    .map((m) => ({ kỳ: m.label, 'Kết quả': m.value }));
  return (
    <Card withBorder data-testid="objective">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={700}>{row.record.code}</Text>
            <VerdictBadge row={row} />
          </Group>
          <Text fw={600}>{row.record.title}</Text>
          <Text size="sm" c="dimmed">
            {row.indicatorLabel}
            {row.scopeLabel ? ` — ${row.scopeLabel}` : ''} · chỉ tiêu {targetText(row)} ·{' '}
            {row.frequencyLabel.toLowerCase()}
          </Text>
        </Stack>
        {mayManage ? (
          <Group gap="xs" wrap="nowrap">
            {row.record.state === 'active' ? (
              <Button size="xs" onClick={() => setMeasuring(true)}>
                Đo lường
              </Button>
            ) : null}
            {row.record.transitions
              .filter((t) => t.name.startsWith('conclude') || t.name === 'reopen')
              .map((t) => (
                <Button
                  key={t.name}
                  size="xs"
                  variant="light"
                  color={
                    t.name === 'conclude_missed' ? 'red' : t.name === 'reopen' ? 'gray' : 'green'
                  }
                  onClick={() => setMoving(t)}
                >
                  {t.name === 'conclude_met'
                    ? 'Kết luận đạt'
                    : t.name === 'conclude_missed'
                      ? 'Kết luận không đạt'
                      : 'Mở lại'}
                </Button>
              ))}
            {row.record.state === 'missed' ? (
              <Button size="xs" color="red" onClick={() => setOpening(true)}>
                Tạo sự không phù hợp
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      {row.measurements.length > 0 ? (
        <Group align="flex-start" mt="sm" wrap="nowrap" gap="lg">
          <LineChart
            h={140}
            w={380}
            data={points}
            dataKey="kỳ"
            series={[{ name: 'Kết quả', color: 'indigo.6' }]}
            referenceLines={[{ y: target, label: `Chỉ tiêu ${target}`, color: 'red.6' }]}
            yAxisProps={{
              domain: [
                ...valueAxis(
                  objectiveUnit(row),
                  points.map((p) => Number(p['Kết quả'])),
                  target,
                ),
              ],
            }}
            curveType="linear"
            withDots
          />
          <Table verticalSpacing={2} fz="sm" aria-label={`Kết quả đo lường ${row.record.code}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kỳ</Table.Th>
                <Table.Th>Dữ liệu từ — đến</Table.Th>
                <Table.Th>Kết quả</Table.Th>
                <Table.Th>Ngày đo</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {row.measurements.map((m) => (
                <Table.Tr key={m.id} data-testid="measurement">
                  <Table.Td>{m.label}</Table.Td>
                  <Table.Td>
                    {formatCivilDate(m.from)} — {formatCivilDate(m.to)}
                  </Table.Td>
                  <Table.Td {...(m.met === false ? { c: 'red.7' } : {})} fw={600}>
                    {m.value === null ? 'chưa có dữ liệu' : valueText(m.value, row)}
                    {m.denominator ? ` (${m.numerator}/${m.denominator})` : ''}
                  </Table.Td>
                  <Table.Td>{formatCivilDate(m.measuredOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Group>
      ) : (
        <Text size="sm" c="dimmed" mt="xs">
          Chưa có kết quả đo lường.
        </Text>
      )}
      {measuring ? (
        <MeasureDialog
          row={row}
          onClose={() => setMeasuring(false)}
          onDone={() => {
            setMeasuring(false);
            onChange();
          }}
        />
      ) : null}
      {moving ? (
        <TransitionDialog
          record={row.record}
          transition={moving}
          words={{ comment: 'Nhận xét, đánh giá' }}
          onClose={() => setMoving(null)}
          onDone={() => {
            setMoving(null);
            onChange();
          }}
        />
      ) : null}
      {opening ? (
        <CreateNonconformityDialog
          from={{ sourceKind: 'objective', sourceId: row.record.id }}
          onClose={() => setOpening(false)}
        />
      ) : null}
    </Card>
  );
}

export function ObjectivesScreen() {
  const params = new URLSearchParams(useSearch());
  const { session } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(Number(params.get('year')) || thisYear);
  const [creating, setCreating] = useState(false);
  const { data, error, reload } = useLoad(useCallback(() => api.objectives.list({ year }), [year]));
  const mayManage = session?.user.roles.some((r) => MANAGERS.includes(r)) ?? false;
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear + 1 - i));
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>Mục tiêu chất lượng năm</Title>
          <Select
            aria-label="Năm"
            data={years}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            w={100}
            allowDeselect={false}
          />
        </Group>
        {mayManage ? <Button onClick={() => setCreating(true)}>Thêm mục tiêu</Button> : null}
      </Group>
      <ErrorAlert error={error} />
      {data ? (
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>Kết quả thực hiện mục tiêu năm {year}</Text>
            <Group gap="xs" data-testid="objective-summary">
              <Badge color="green">Đạt: {data.met}</Badge>
              <Badge color="red">Không đạt: {data.missed}</Badge>
              <Badge color="gray">Chưa kết luận: {data.pending}</Badge>
            </Group>
          </Group>
          <Table verticalSpacing={4} aria-label="Danh sách mục tiêu đạt, không đạt">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Mục tiêu</Table.Th>
                <Table.Th>Chỉ tiêu</Table.Th>
                <Table.Th>Kết quả gần nhất</Table.Th>
                <Table.Th>Đánh giá</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => {
                const last = r.measurements.at(-1);
                return (
                  <Table.Tr key={r.record.id}>
                    <Table.Td>
                      {r.record.code} — {r.record.title}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{targetText(r)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {last?.value != null ? `${valueText(last.value, r)} — ${last.label}` : '—'}
                    </Table.Td>
                    <Table.Td>
                      <VerdictBadge row={r} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {data.rows.length === 0 ? (
            <Text c="dimmed" size="sm">
              Chưa có mục tiêu chất lượng nào cho năm {year}.
            </Text>
          ) : null}
        </Card>
      ) : null}
      {(data?.rows ?? []).map((r) => (
        <ObjectiveCard key={r.record.id} row={r} mayManage={mayManage} onChange={reload} />
      ))}
      {creating ? (
        <CreateObjectiveDialog
          year={year}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            reload();
          }}
        />
      ) : null}
    </Stack>
  );
}

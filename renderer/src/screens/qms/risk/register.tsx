// Sổ đăng ký rủi ro và cơ hội: the 5×5 heat map of the live risks (now, or before treatment;
// a cell filters the list), search, filters by type, state and level, the register with each
// score's level, the residual score after treatment, the actions, the review date (red when
// due), Excel, and "Nhận diện rủi ro, cơ hội" for a new one.
import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { OpInput } from '../../../../../core/contract';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { AppLink } from '../../../components/app-link';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64, XLSX_MIME } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate, formatCount } from '../../../format';
import { overdueStyle } from '../nonconformity/register';
import { CreateRiskDialog } from './create-dialog';
import { HeatMap, type Cell, type HeatView } from './heat-map';
import { LevelBadge } from './scale';

type ListInput = OpInput<'risks.list'>;
type StateFilter = NonNullable<ListInput['state']>;
type TypeFilter = NonNullable<ListInput['type']>;
type LevelFilter = NonNullable<ListInput['level']>;

const STATES: { value: StateFilter; label: string }[] = [
  { value: 'live', label: 'Đang theo dõi' },
  { value: 'due', label: 'Đến hạn xem xét' },
  { value: 'closed', label: 'Đã đóng' },
  { value: 'all', label: 'Tất cả' },
];
const TYPES: { value: TypeFilter; label: string }[] = [
  { value: 'all', label: 'Rủi ro và cơ hội' },
  { value: 'risk', label: 'Rủi ro' },
  { value: 'opportunity', label: 'Cơ hội' },
];
const LEVELS: { value: LevelFilter; label: string }[] = [
  { value: 'all', label: 'Mọi mức' },
  { value: 'high', label: 'Mức cao' },
  { value: 'medium', label: 'Mức trung bình' },
  { value: 'low', label: 'Mức thấp' },
];
const PAGE = 50;

/** Roles that identify risks (core/qms/risk.ts createRoles). */
export const RISK_CREATORS = ['leader', 'iso_coordinator', 'internal_auditor'];

export function RiskRegisterScreen() {
  const [, navigate] = useLocation();
  const { session } = useSession();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<StateFilter>('live');
  const [type, setType] = useState<TypeFilter>('all');
  const [level, setLevel] = useState<LevelFilter>('all');
  const [cell, setCell] = useState<Cell | null>(null);
  const [view, setView] = useState<HeatView>('current');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const filters: ListInput = {
    query,
    state,
    type,
    level,
    likelihood: cell?.likelihood ?? null,
    impact: cell?.impact ?? null,
  };
  const key = JSON.stringify(filters);
  const { data, error } = useLoad(
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the filters' value
    useCallback(() => api.risks.list({ ...filters, page, pageSize: PAGE }), [key, page]),
  );
  const refilter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const exporting = useAction();
  const exportExcel = () =>
    void exporting.run(async () => {
      const file = await api.risks.exportExcel(filters);
      downloadBase64(file.fileName, file.base64, XLSX_MIME);
    });
  const mayCreate = session?.user.roles.some((r) => RISK_CREATORS.includes(r)) ?? false;
  const open = (id: string) => navigate(`/qms/risks/${id}`);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Rủi ro và cơ hội</Title>
        <Group gap="xs">
          <Button variant="default" onClick={exportExcel} loading={exporting.busy}>
            Xuất Excel
          </Button>
          {mayCreate ? (
            <Button onClick={() => setCreating(true)}>Nhận diện rủi ro, cơ hội</Button>
          ) : null}
        </Group>
      </Group>
      <ErrorAlert error={error ?? exporting.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            {data ? (
              <HeatMap
                scale={data.scale}
                heat={view === 'current' ? data.heatCurrent : data.heatInherent}
                view={view}
                onView={setView}
                selected={cell}
                onSelect={refilter(setCell)}
              />
            ) : null}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder h="100%">
            <Stack gap="sm">
              <TextInput
                label="Tìm theo mã hoặc tên"
                placeholder="VD: RR-2026, chứng thực, mất điện"
                value={query}
                onChange={(e) => refilter(setQuery)(e.currentTarget.value)}
              />
              <SegmentedControl data={STATES} value={state} onChange={refilter(setState)} />
              <Group grow>
                <SegmentedControl data={TYPES} value={type} onChange={refilter(setType)} />
                <Select
                  aria-label="Mức rủi ro"
                  data={LEVELS}
                  value={level}
                  onChange={(v) => refilter(setLevel)(v ?? 'all')}
                  allowDeselect={false}
                />
              </Group>
              {cell ? (
                <Group gap="xs">
                  <Badge variant="outline">
                    Ô khả năng {cell.likelihood} × ảnh hưởng {cell.impact}
                  </Badge>
                  <Button size="compact-xs" variant="subtle" onClick={() => setCell(null)}>
                    Bỏ lọc ô
                  </Button>
                </Group>
              ) : null}
              {data ? (
                <Text size="sm" c="dimmed">
                  {formatCount(data.total)} rủi ro, cơ hội theo bộ lọc
                </Text>
              ) : null}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <Card withBorder p={0}>
        <Table.ScrollContainer minWidth={960} type="native">
          <Table striped highlightOnHover aria-label="Sổ đăng ký rủi ro và cơ hội">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Mã</Table.Th>
                <Table.Th>Rủi ro, cơ hội</Table.Th>
                <Table.Th>Quá trình</Table.Th>
                <Table.Th>Điểm (K × Ả)</Table.Th>
                <Table.Th>Xử lý</Table.Th>
                <Table.Th>Phụ trách</Table.Th>
                <Table.Th>Xem xét lại</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.rows ?? []).map((r) => (
                <Table.Tr key={r.id} data-testid="risk-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <AppLink to={`/qms/risks/${r.id}`}>{r.code}</AppLink>
                    {r.type === 'opportunity' ? (
                      <div>
                        <Badge size="xs" color="teal" variant="light">
                          Cơ hội
                        </Badge>
                      </div>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ minWidth: 240 }}>
                    <Text size="sm" lineClamp={2}>
                      {r.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.stateLabel}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 120, maxWidth: 200 }}>
                    <Text size="xs" lineClamp={2}>
                      {r.processName}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 150 }}>
                    <Group gap={4}>
                      <LevelBadge score={r.score} />
                      {r.residualScore !== null ? (
                        <>
                          <Text size="xs" c="dimmed" aria-label="sau xử lý">
                            →
                          </Text>
                          <LevelBadge score={r.residualScore} />
                        </>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {r.likelihood} × {r.impact}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 110 }}>
                    <Text size="sm">{r.treatmentLabel || '—'}</Text>
                    {r.actionsTotal ? (
                      <Text size="xs" c="dimmed">
                        {r.actionsOpen} đang làm / {r.actionsTotal} hành động
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {r.ownerName ?? (
                      <Text size="sm" c="dimmed">
                        Chưa giao
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td {...overdueStyle(r.reviewDue)} style={{ whiteSpace: 'nowrap' }}>
                    {formatCivilDate(r.reviewOn)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && data.rows.length === 0 ? (
          <Text c="dimmed" p="md">
            Không có rủi ro, cơ hội nào theo bộ lọc.
          </Text>
        ) : null}
      </Card>
      {data && data.total > PAGE ? (
        <Pagination
          total={Math.ceil(data.total / PAGE)}
          value={page}
          onChange={setPage}
          aria-label="Trang"
        />
      ) : null}
      {creating ? (
        <CreateRiskDialog onClose={() => setCreating(false)} onCreated={(id) => open(id)} />
      ) : null}
    </Stack>
  );
}

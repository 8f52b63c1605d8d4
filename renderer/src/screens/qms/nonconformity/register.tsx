// Sổ theo dõi sự không phù hợp: search by number or title (diacritics optional), filter by
// state, overdue in red, export to Excel, create a new one.
import {
  Button,
  Card,
  Group,
  Pagination,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import type { OpInput } from '../../../../../core/contract';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { AppLink } from '../../../components/app-link';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64, XLSX_MIME } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate, formatCount } from '../../../format';
import { CreateNonconformityDialog } from './create-dialog';

type StateFilter = NonNullable<OpInput<'nonconformities.list'>['state']>;

const FILTERS: { value: StateFilter; label: string }[] = [
  { value: 'open', label: 'Đang xử lý' },
  { value: 'overdue', label: 'Quá hạn' },
  { value: 'closed', label: 'Đã đóng' },
  { value: 'cancelled', label: 'Đã hủy' },
  { value: 'all', label: 'Tất cả' },
];

/** Roles that open nonconformities (core/qms/nonconformity.ts createRoles). */
/** Red and bold for what is past its deadline. */
export const overdueStyle = (overdue: boolean) =>
  overdue ? ({ c: 'red.7', fw: 700 } as const) : {};

export const NC_CREATORS = ['leader', 'iso_coordinator', 'internal_auditor'];

/** Rows per page of the register. */
const PAGE = 50;

export function NonconformityRegisterScreen() {
  const { session } = useSession();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<StateFilter>('open');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const input = { query, state };
  const { data, error } = useLoad(
    useCallback(
      () => api.nonconformities.list({ query, state, page, pageSize: PAGE }),
      [query, state, page],
    ),
  );
  const exporting = useAction();
  const exportExcel = () =>
    void exporting.run(async () => {
      const file = await api.nonconformities.exportExcel(input);
      downloadBase64(file.fileName, file.base64, XLSX_MIME);
    });
  const mayCreate = session?.user.roles.some((r) => NC_CREATORS.includes(r)) ?? false;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Sự không phù hợp và hành động khắc phục</Title>
        <Group gap="xs">
          <Button variant="default" onClick={exportExcel} loading={exporting.busy}>
            Xuất Excel
          </Button>
          {mayCreate ? (
            <Button color="red" onClick={() => setCreating(true)}>
              Tạo sự không phù hợp
            </Button>
          ) : null}
        </Group>
      </Group>
      <Card withBorder>
        <Group align="flex-end">
          <TextInput
            label="Tìm theo số hoặc nội dung"
            placeholder="VD: SKPH-2026, quá hạn"
            value={query}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setPage(1);
            }}
            w={320}
          />
          <SegmentedControl
            data={FILTERS}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
          />
        </Group>
      </Card>
      <ErrorAlert error={error ?? exporting.error} />
      <Card withBorder p={0}>
        <Table striped highlightOnHover aria-label="Sổ theo dõi sự không phù hợp">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Số</Table.Th>
              <Table.Th>Sự không phù hợp</Table.Th>
              <Table.Th>Nguồn</Table.Th>
              <Table.Th>Ngày phát hiện</Table.Th>
              <Table.Th>Hạn khắc phục</Table.Th>
              <Table.Th>Phụ trách</Table.Th>
              <Table.Th>Hành động</Table.Th>
              <Table.Th>Tình trạng</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.rows ?? []).map((r) => (
              <Table.Tr key={r.id} data-testid="nc-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <AppLink to={`/qms/nonconformities/${r.id}`}>{r.code}</AppLink>
                </Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.sourceLabel}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatCivilDate(r.detectedOn)}
                </Table.Td>
                <Table.Td {...overdueStyle(r.overdue)}>
                  {formatCivilDate(r.deadline)}
                  {r.overdue ? ' (quá hạn)' : ''}
                </Table.Td>
                <Table.Td>{r.ownerName ?? '—'}</Table.Td>
                <Table.Td>
                  {r.actionsTotal === 0
                    ? '—'
                    : `${r.actionsTotal - r.actionsOpen}/${r.actionsTotal} xong`}
                </Table.Td>
                <Table.Td>
                  {/* Text, not a badge: "Đã thực hiện hành động" wraps instead of being cut. */}
                  <Text
                    size="sm"
                    fw={600}
                    c={
                      r.state === 'closed'
                        ? 'green.8'
                        : r.state === 'cancelled'
                          ? 'dimmed'
                          : 'orange.8'
                    }
                    style={{ minWidth: 110 }}
                  >
                    {r.stateLabel}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.rows.length === 0 ? (
          <Text c="dimmed" p="md">
            Không có sự không phù hợp nào.
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
      {data ? (
        <Text size="sm" c="dimmed">
          {formatCount(data.total)} sự không phù hợp
        </Text>
      ) : null}
      {creating ? (
        <CreateNonconformityDialog from={null} onClose={() => setCreating(false)} />
      ) : null}
    </Stack>
  );
}

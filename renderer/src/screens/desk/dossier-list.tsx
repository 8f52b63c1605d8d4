// Danh sách hồ sơ: search (diacritics optional: the server folds), filters, pages of 20.
import { Alert, Anchor, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { viCollator } from '../../../../core/text/fold';
import { api } from '../../api/client';
import { StatusBadge } from '../../components/badges';
import { useLoad } from '../../components/use-load';
import { formatCount, formatDateTime } from '../../format';
import { DossierFilters, filtersToQuery, parseFilters, type ListFilters } from './dossier-filters';

const PAGE_SIZE = 20;

export function DossierListScreen() {
  const [, navigate] = useLocation();
  const search = useSearch();
  const filters = useMemo(() => parseFilters(new URLSearchParams(search)), [search]);
  const catalog = useLoad(useCallback(() => api.catalog.list({}), []));
  const procedures = useMemo(
    () =>
      [...(catalog.data ?? [])]
        .sort((a, b) => viCollator.compare(a.name, b.name))
        .map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` })),
    [catalog.data],
  );
  const load = useCallback(
    () =>
      api.dossiers.list({
        query: filters.query,
        status: filters.status,
        ...(filters.procedureId ? { procedureId: filters.procedureId } : {}),
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
        mine: filters.mine,
        sort: filters.sort,
        page: filters.page,
        pageSize: PAGE_SIZE,
      }),
    [filters],
  );
  const { data, error } = useLoad(load);
  const change = (patch: Partial<ListFilters>) =>
    navigate(`/dossiers?${filtersToQuery({ ...filters, ...patch })}`, { replace: true });
  const open = (id: string) => navigate(`/dossiers/${id}?`);

  return (
    <Stack>
      <Title order={2}>Danh sách hồ sơ</Title>
      <DossierFilters filters={filters} procedures={procedures} onChange={change} />
      {error ? <Alert color="red">{error}</Alert> : null}
      <Table striped highlightOnHover withTableBorder aria-label="Danh sách hồ sơ">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mã hồ sơ</Table.Th>
            <Table.Th>Thủ tục</Table.Th>
            <Table.Th>Người nộp</Table.Th>
            <Table.Th>Tiếp nhận</Table.Th>
            <Table.Th>Hẹn trả</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            <Table.Th>Đang ở bước</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.rows.map((r) => (
            <Table.Tr
              key={r.id}
              data-code={r.code}
              onClick={() => open(r.id)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td>
                <Anchor
                  href={`#/dossiers/${r.id}`}
                  fw={600}
                  size="sm"
                  onClick={(e) => {
                    e.preventDefault();
                    e.stopPropagation();
                    open(r.id);
                  }}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {r.code}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {r.procedureName}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.procedureCode}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.applicantName}</Text>
                <Text size="xs" c="dimmed">
                  {r.applicantIdNumber}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.receivedAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} c={r.overdue ? 'red.7' : 'inherit'}>
                {formatDateTime(r.dueAt)}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} overdue={r.overdue} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {r.currentStepName || '—'}
                </Text>
                {r.assigneeName ? (
                  <Text size="xs" c="dimmed">
                    {r.assigneeName}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.rows.length === 0 ? <Text c="dimmed">Không có hồ sơ phù hợp.</Text> : null}
      {data ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="dossier-total">
            {data.capped
              ? `Hơn ${formatCount(data.total - 1)} hồ sơ khớp; đang hiện những hồ sơ mới nhất. Hãy gõ thêm tên đệm, tên hoặc số giấy tờ để thu hẹp.`
              : `Tổng số: ${formatCount(data.total)} hồ sơ`}
          </Text>
          {data.total > PAGE_SIZE ? (
            <Pagination
              total={Math.ceil(data.total / PAGE_SIZE)}
              value={filters.page}
              onChange={(page) => change({ page })}
            />
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

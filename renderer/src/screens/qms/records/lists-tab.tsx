// The record lists of a year: one line per procedure or internal process with its state; a
// year without lists starts from the previous year's (or the shipped template) in one click.
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import type { RecordView } from '../../../../../core/contract/qms';
import { recordListData } from '../../../../../core/qms/record-list';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';

const EDITORS = ['leader', 'iso_coordinator', 'records_clerk'];

export function ListsTab() {
  const { session } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { data, error, reload } = useLoad(useCallback(() => api.records.lists({ year }), [year]));
  const start = useAction();
  const mayEdit = session?.user.roles.some((r) => EDITORS.includes(r)) ?? false;
  const years = [...new Set([thisYear + 1, thisYear, ...(data?.years ?? [])])].sort(
    (a, b) => b - a,
  );
  const nameOf = (l: RecordView) => {
    const d = recordListData.safeParse(l.data);
    return d.success ? d.data.processName : l.title;
  };
  const lists = [...(data?.lists ?? [])].sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'vi'));
  const startYear = () =>
    void start.run(async () => {
      const r = await api.records.startYear({ year });
      notifyDone(
        `Đã lập ${r.created} danh mục hồ sơ năm ${year} ${r.from === 'previous' ? `từ danh mục năm ${year - 1}` : 'từ danh mục mẫu'}.`,
      );
      reload();
    });
  return (
    <Stack>
      <Group justify="space-between">
        <Select
          aria-label="Năm"
          w={120}
          data={years.map(String)}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
        />
        {mayEdit && data && data.lists.length === 0 ? (
          <Button onClick={startYear} loading={start.busy}>
            Lập danh mục hồ sơ năm {year}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={error ?? start.error} />
      {data && data.lists.length === 0 ? (
        <Alert color="gray">
          Chưa có danh mục hồ sơ năm {year}.
          {mayEdit
            ? ` "Lập danh mục hồ sơ năm ${year}" chép danh mục năm trước (hoặc danh mục mẫu) thành dự thảo để sửa và trình lãnh đạo phê duyệt.`
            : ''}
        </Alert>
      ) : null}
      {lists.length > 0 ? (
        <Table striped highlightOnHover aria-label={`Danh mục hồ sơ năm ${year}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mã</Table.Th>
              <Table.Th>Quy trình, thủ tục</Table.Th>
              <Table.Th>Số loại hồ sơ</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.map((l) => {
              const d = recordListData.safeParse(l.data);
              return (
                <Table.Tr key={l.id} data-testid="record-list-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} href={`/qms/records/${l.id}`}>
                      {l.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {nameOf(l)}
                    {d.success && d.data.procedureCode ? (
                      <Text size="xs" c="dimmed">
                        Thủ tục {d.data.procedureCode}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{d.success ? d.data.items.length : '—'}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      style={{ minWidth: 'max-content' }}
                      color={
                        l.state === 'approved'
                          ? 'green'
                          : l.state === 'in_review'
                            ? 'orange'
                            : 'gray'
                      }
                    >
                      {l.stateLabel}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
      {lists.length > 0 ? (
        <Text size="sm" c="dimmed">
          {lists.length} danh mục · {lists.filter((l) => l.state === 'approved').length} đã ban hành
        </Text>
      ) : null}
    </Stack>
  );
}

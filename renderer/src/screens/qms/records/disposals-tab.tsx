// The disposal decisions, newest first: proposals waiting for a leader and decisions taken.
import { Alert, Anchor, Badge, Table } from '@mantine/core';
import { useCallback } from 'react';
import { Link } from 'wouter';
import { disposalData } from '../../../../../core/qms/disposal';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { useLoad } from '../../../components/use-load';
import { formatDate } from '../../../format';

export function DisposalsTab() {
  const { data, error } = useLoad(useCallback(() => api.disposals.list({}), []));
  const rows = [...(data ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <>
      <ErrorAlert error={error} />
      {data && rows.length === 0 ? (
        <Alert color="gray">Chưa có đề nghị hay quyết định hủy hồ sơ nào.</Alert>
      ) : null}
      {rows.length > 0 ? (
        <Table striped highlightOnHover aria-label="Quyết định hủy hồ sơ">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Ngày đề nghị</Table.Th>
              <Table.Th>Số quyết định</Table.Th>
              <Table.Th>Số hồ sơ</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const d = disposalData.safeParse(r.data);
              return (
                <Table.Tr key={r.id} data-testid="disposal-row">
                  <Table.Td>
                    <Anchor component={Link} href={`/qms/disposals/${r.id}`}>
                      {formatDate(r.createdAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.success ? d.data.number || '—' : '—'}</Table.Td>
                  <Table.Td>{d.success ? d.data.total.toLocaleString('vi-VN') : '—'}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      style={{ minWidth: 'max-content' }}
                      color={
                        r.state === 'decided' ? 'red' : r.state === 'draft' ? 'orange' : 'gray'
                      }
                    >
                      {r.stateLabel}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}

// The audit log: who changed what, when; newest first, paged.
import { Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { notifyError } from '../components/errors';
import { formatDateTime } from '../format';

const PAGE_SIZE = 50;

export function AuditScreen() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<OpOutput<'audit.list'> | null>(null);
  useEffect(() => {
    api.audit.list({ page, pageSize: PAGE_SIZE }).then(setData, notifyError);
  }, [page]);
  return (
    <Stack>
      <Title order={2}>Nhật ký hệ thống</Title>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>Thời gian</Table.Th>
            <Table.Th w={200}>Người thực hiện</Table.Th>
            <Table.Th>Nội dung</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{formatDateTime(r.at)}</Table.Td>
              <Table.Td>{r.actorName ?? 'Hệ thống'}</Table.Td>
              <Table.Td>{r.summary}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data ? (
        <Text size="sm" c="dimmed">
          Tổng số: {data.total.toLocaleString('vi-VN')} dòng
        </Text>
      ) : null}
      {data && data.total > PAGE_SIZE ? (
        <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} />
      ) : null}
    </Stack>
  );
}

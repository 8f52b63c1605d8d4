// The audit log: who changed what, when; newest first, paged. Above it, the integrity check of
// the log's hash chain (the start-up result, and "Kiểm tra toàn vẹn nhật ký" to run it again).
import { Alert, Button, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { notifyError } from '../components/errors';
import { formatDateTime } from '../format';

const PAGE_SIZE = 50;

export function AuditScreen() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<OpOutput<'audit.list'> | null>(null);
  const [check, setCheck] = useState<OpOutput<'audit.verify'> | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    api.audit.list({ page, pageSize: PAGE_SIZE }).then(setData, notifyError);
  }, [page]);
  useEffect(() => {
    api.audit.verify({ fresh: false }).then(setCheck, notifyError);
  }, []);
  const verify = () => {
    setChecking(true);
    api.audit
      .verify({ fresh: true })
      .then(setCheck, notifyError)
      .finally(() => setChecking(false));
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Nhật ký hệ thống</Title>
        <Button variant="default" loading={checking} onClick={verify}>
          Kiểm tra toàn vẹn nhật ký
        </Button>
      </Group>
      {check ? <IntegrityResult check={check} /> : null}
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

function IntegrityResult({ check }: { readonly check: OpOutput<'audit.verify'> }) {
  const when = `Kiểm tra lúc ${formatDateTime(check.checkedAt)}.`;
  if (check.ok)
    return (
      <Alert color="green" title="Nhật ký toàn vẹn" data-testid="audit-integrity">
        {check.message} {when}
      </Alert>
    );
  const row = check.broken;
  return (
    <Alert color="red" title="Nhật ký đã bị can thiệp" data-testid="audit-integrity">
      <Text size="sm">{check.message}</Text>
      {row?.summary ? (
        <Text size="sm">
          Dòng bị ảnh hưởng{row.at ? ` (${formatDateTime(row.at)})` : ''}: “{row.summary}”
        </Text>
      ) : null}
      <Text size="sm">{when} Hãy báo ngay cho quản trị viên và lãnh đạo UBND.</Text>
    </Alert>
  );
}

// On a dossier's detail, for those who read the audit log (the chairman): who viewed this
// citizen's dossier, printed its forms or opened its scans, and when (Luật 91/2025/QH15).
import { Badge, Card, Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import { ACCESS_KIND_LABELS, type AccessKind } from '../../../../core/desk/access';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { useLoad } from '../../components/use-load';
import { formatDateTime } from '../../format';

const KIND_COLORS: Readonly<Record<AccessKind, string>> = {
  view: 'gray',
  print: 'blue',
  file: 'grape',
};

export function DossierAccessLog({ dossierId }: { readonly dossierId: string }) {
  const { can } = useSession();
  if (!can('audit.read')) return null;
  return <AccessLog dossierId={dossierId} />;
}

function AccessLog({ dossierId }: { readonly dossierId: string }) {
  const { data, error } = useLoad(
    useCallback(() => api.dossiers.accessLog({ dossierId }), [dossierId]),
  );
  return (
    <Card withBorder>
      <Text fw={600}>Ai đã xem hồ sơ này</Text>
      <Text size="sm" c="dimmed" mb="xs">
        Nhật ký truy cập dữ liệu cá nhân của công dân: mỗi lần xem hồ sơ, in biểu mẫu hoặc mở tệp
        đính kèm.
      </Text>
      {error ? (
        <Text c="red" size="sm">
          {error}
        </Text>
      ) : null}
      {data ? (
        <Table striped withTableBorder verticalSpacing={4} aria-label="Ai đã xem hồ sơ này">
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>Thời gian</Table.Th>
              <Table.Th>Người xem</Table.Th>
              <Table.Th>Việc</Table.Th>
              <Table.Th>Chi tiết</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r, i) => (
              <Table.Tr key={`${r.at}-${i}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.at)}</Table.Td>
                <Table.Td>{r.actorName ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={KIND_COLORS[r.kind]}>
                    {ACCESS_KIND_LABELS[r.kind]}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.summary}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {data && data.total > data.rows.length ? (
        <Text size="xs" c="dimmed" mt="xs">
          Hiện {data.rows.length} lần gần nhất trong tổng số {data.total} lần.
        </Text>
      ) : null}
    </Card>
  );
}

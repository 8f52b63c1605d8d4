// "Toàn vẹn nhật ký": the office's audit trail as the province holds it — the last row
// received, and every break of continuity found (a log rewritten, rows missing), each with the
// first row that does not hold, in the office's own words.
import { Alert, Badge, Table, Text } from '@mantine/core';
import type { AuditChainView, OfficeDetail } from '../../core/sync/admin';
import { formatCount, formatDateTime } from './format';
import { Empty, Section } from './section';

/** The list's badge: shown only when the office's trail has a break. */
export function AuditBadge({ chain }: { readonly chain: AuditChainView }) {
  if (chain.breaks === 0) return null;
  return (
    <Badge color="red" variant="filled" size="sm" data-testid="audit-broken">
      Nhật ký bị sửa
    </Badge>
  );
}

export function AuditTrail({ detail }: { readonly detail: OfficeDetail }) {
  const chain = detail.office.auditChain;
  const first = chain.firstBreak;
  return (
    <Section title="Toàn vẹn nhật ký hệ thống">
      {chain.lastSeq === null ? (
        <Empty>Tỉnh chưa nhận dòng nhật ký nào của đơn vị này.</Empty>
      ) : (
        <Text size="sm" mb="sm">
          Tỉnh đang giữ nhật ký đến dòng số {formatCount(chain.lastSeq)}
          {chain.lastAt !== null ? ` (ghi lúc ${formatDateTime(chain.lastAt)} trên máy xã)` : ''}.
        </Text>
      )}
      {first === null ? (
        chain.lastSeq === null ? null : (
          <Alert color="green" data-testid="audit-ok">
            Nhật ký liền mạch: mọi dòng nhận được đều nối tiếp đúng các dòng tỉnh đã giữ.
          </Alert>
        )
      ) : (
        <>
          <Alert
            color="red"
            title="Nhật ký của đơn vị không còn nguyên vẹn"
            data-testid="audit-break"
            mb="sm"
          >
            {first.message} Dòng đầu tiên bị phá vỡ: dòng số {formatCount(first.seq)}
            {first.rowAt !== null ? `, ghi lúc ${formatDateTime(first.rowAt)}` : ''}
            {first.summary ? ` — “${first.summary}”` : ''}. Phát hiện lúc{' '}
            {formatDateTime(first.foundAt)}. Bản tỉnh đã nhận trước đó được giữ nguyên làm đối
            chiếu.
          </Alert>
          <Table verticalSpacing={4} aria-label="Các lần phát hiện nhật ký bị phá vỡ">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Phát hiện lúc</Table.Th>
                <Table.Th>Dòng số</Table.Th>
                <Table.Th>Nội dung dòng</Table.Th>
                <Table.Th>Nhận định</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.auditBreaks.map((b) => (
                <Table.Tr key={`${b.foundAt}-${b.seq}-${b.rowId}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(b.foundAt)}</Table.Td>
                  <Table.Td ta="right">{formatCount(b.seq)}</Table.Td>
                  <Table.Td>{b.summary ?? ''}</Table.Td>
                  <Table.Td>{b.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {chain.breaks > detail.auditBreaks.length ? (
            <Text size="xs" c="dimmed" mt={4}>
              Tổng cộng {formatCount(chain.breaks)} lần phát hiện; hiện các lần gần nhất.
            </Text>
          ) : null}
        </>
      )}
    </Section>
  );
}

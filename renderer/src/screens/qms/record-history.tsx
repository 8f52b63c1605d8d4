// A record's history, for any kind: who moved it, when, from which state to which, and why.
import { Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useLoad } from '../../components/use-load';
import { formatDateTime } from '../../format';

export function RecordHistory({ id, version }: { readonly id: string; readonly version: number }) {
  // `version` (the record's rev) reloads the history after each change.
  const { data, error } = useLoad(
    useCallback(() => api.qms.history({ id }), [id, version]), // eslint-disable-line react-hooks/exhaustive-deps
  );
  return (
    <>
      <ErrorAlert error={error} />
      <Table withTableBorder striped aria-label="Lịch sử">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>Thời gian</Table.Th>
            <Table.Th w={180}>Người thực hiện</Table.Th>
            <Table.Th>Thao tác</Table.Th>
            <Table.Th>Ý kiến</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data ?? []).map((h) => (
            <Table.Tr key={`${h.at}-${h.transition}-${h.toState}`}>
              <Table.Td>{formatDateTime(h.at)}</Table.Td>
              <Table.Td>{h.userName}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {h.label.charAt(0).toUpperCase() + h.label.slice(1)}
                  {h.fromLabel && h.fromLabel !== h.toLabel
                    ? ` (${h.fromLabel} → ${h.toLabel})`
                    : ''}
                </Text>
              </Table.Td>
              <Table.Td>{h.comment}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

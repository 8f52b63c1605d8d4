// Printable blocks (core/qms/printable.ts) on screen: the yearly report's figures shown as
// they print, from the same description (core/qms/yearly-report-print.ts figureBlocks).
import { Table, Text } from '@mantine/core';
import type { Block } from '../../../../../core/qms/printable';

export function Blocks({ blocks }: { readonly blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading':
            return (
              <Text key={i} fw={700} size="sm">
                {b.text}
              </Text>
            );
          case 'center':
            return (
              <Text key={i} ta="center" fw={b.bold ? 700 : 400} size="sm">
                {b.text}
              </Text>
            );
          case 'para':
            return (
              <Text key={i} size="sm" fs={b.italic ? 'italic' : undefined}>
                {b.label ? <b>{b.label}: </b> : null}
                {b.text}
              </Text>
            );
          case 'table':
            return b.rows.length === 0 ? (
              <Text key={i} size="sm" c="dimmed" fs="italic">
                {b.empty ?? 'Không có.'}
              </Text>
            ) : (
              <Table key={i} striped withTableBorder verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    {b.head.map((h) => (
                      <Table.Th key={h}>{h}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {b.rows.map((r, j) => (
                    <Table.Tr key={j}>
                      {r.map((c, k) => (
                        <Table.Td key={k}>{c}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            );
        }
      })}
    </>
  );
}

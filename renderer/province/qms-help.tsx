// "Cách tính điểm xếp hạng": the ranking score's criteria, weights and rules, written from the
// same data the server scores with (core/qms/office-score.ts).
import { Accordion, Table, Text } from '@mantine/core';
import { SCORE_CRITERIA, SCORE_MAX } from '../../core/qms/office-score';

export function ScoreHelp() {
  return (
    <Accordion variant="contained" bg="white">
      <Accordion.Item value="score">
        <Accordion.Control>Cách tính điểm xếp hạng (tối đa {SCORE_MAX} điểm)</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" mb="xs">
            Điểm của mỗi xã là tổng điểm các tiêu chí dưới đây, tính từ dữ liệu xã đã đồng bộ về
            tỉnh cho năm hiện tại. Xã có điểm cao hơn xếp trên; cùng điểm thì cùng hạng và xếp theo
            tên.
          </Text>
          <Table fz="sm" data-testid="score-help">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tiêu chí</Table.Th>
                <Table.Th ta="right">Điểm tối đa</Table.Th>
                <Table.Th>Cách tính</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {SCORE_CRITERIA.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td fw={600}>{c.label}</Table.Td>
                  <Table.Td ta="right">{c.weight}</Table.Td>
                  <Table.Td>{c.rule}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

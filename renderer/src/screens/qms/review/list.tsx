// Xem xét của lãnh đạo: the year's management reviews (meeting date, period reviewed, chair,
// actions decided and still open, state) and a new meeting planned from here.
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { YearFilterCard } from '../../../components/year-filter';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { PlanReviewDialog } from './plan-dialog';

export const REVIEW_STATE_COLORS: Readonly<Record<string, string>> = {
  planned: 'orange',
  held: 'green',
  cancelled: 'gray',
};

const PLANNERS = ['leader', 'iso_coordinator'];

export function ReviewListScreen() {
  const [, navigate] = useLocation();
  const { session } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [planning, setPlanning] = useState(false);
  const { data, error } = useLoad(useCallback(() => api.reviews.list({ year }), [year]));
  const mayPlan = session?.user.roles.some((r) => PLANNERS.includes(r)) ?? false;
  const open = (id: string) => navigate(`/qms/reviews/${id}`);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Xem xét của lãnh đạo</Title>
        {mayPlan ? (
          <Button onClick={() => setPlanning(true)}>Lập kế hoạch họp xem xét</Button>
        ) : null}
      </Group>
      <YearFilterCard
        label="Năm"
        year={year}
        thisYear={thisYear}
        onChange={setYear}
        hint="Mỗi cuộc họp xem xét các đầu vào theo TCVN ISO 9001:2015 (điều 9.3.2), tổng hợp tự động từ dữ liệu của xã cho kỳ từ sau lần xem xét trước đến ngày họp."
      />
      <ErrorAlert error={error} />
      <Card withBorder p={0}>
        <Table striped highlightOnHover aria-label="Các cuộc họp xem xét của lãnh đạo">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Số</Table.Th>
              <Table.Th>Ngày họp</Table.Th>
              <Table.Th>Kỳ xem xét</Table.Th>
              <Table.Th>Chủ trì</Table.Th>
              <Table.Th>Hành động đề ra</Table.Th>
              <Table.Th>Tình trạng</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data ?? []).map((r) => (
              <Table.Tr key={r.id} data-testid="review-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor
                    href={`#/qms/reviews/${r.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      open(r.id);
                    }}
                  >
                    {r.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatCivilDate(r.date)}</Table.Td>
                <Table.Td>
                  {formatCivilDate(r.periodFrom)} – {formatCivilDate(r.periodTo)}
                </Table.Td>
                <Table.Td>{r.chairName}</Table.Td>
                <Table.Td>
                  {r.actions === 0
                    ? '—'
                    : `${r.actions}${r.actionsOpen ? ` (${r.actionsOpen} chưa xong)` : ''}`}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={REVIEW_STATE_COLORS[r.state] ?? 'gray'}>
                    {r.stateLabel}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.length === 0 ? (
          <Text c="dimmed" p="md">
            Chưa có cuộc họp xem xét của lãnh đạo nào trong năm {year}.
          </Text>
        ) : null}
      </Card>
      {planning ? (
        <PlanReviewDialog review={null} onClose={() => setPlanning(false)} onDone={open} />
      ) : null}
    </Stack>
  );
}

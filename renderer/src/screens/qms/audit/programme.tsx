// Chương trình đánh giá nội bộ: the year's audits by month (area, date, lead auditor, state,
// how far the checklist is filled, findings), a new plan, the programme printed and as .docx.
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { YearFilterCard } from '../../../components/year-filter';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { AuditOutputs } from './outputs';
import { PlanDialog } from './plan-dialog';
import { VisitsCard } from './visits';

export const AUDIT_STATE_COLORS: Readonly<Record<string, string>> = {
  planned: 'gray',
  approved: 'blue',
  in_progress: 'orange',
  reported: 'green',
  cancelled: 'gray',
};

const PLANNERS = ['leader', 'iso_coordinator'];

export function AuditProgrammeScreen() {
  const [, navigate] = useLocation();
  const { session } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [creating, setCreating] = useState(false);
  const { data, error } = useLoad(useCallback(() => api.audits.list({ year }), [year]));
  const mayPlan = session?.user.roles.some((r) => PLANNERS.includes(r)) ?? false;
  const mayVisit =
    session?.user.roles.some((r) => [...PLANNERS, 'internal_auditor'].includes(r)) ?? false;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Đánh giá nội bộ</Title>
        <Group gap="xs">
          <AuditOutputs which="programme" year={year} label="In chương trình" />
          {mayPlan && year >= thisYear ? (
            <Button onClick={() => setCreating(true)}>Lập kế hoạch đánh giá</Button>
          ) : null}
        </Group>
      </Group>
      <YearFilterCard
        label="Chương trình năm"
        year={year}
        thisYear={thisYear}
        onChange={setYear}
        hint="Mỗi dòng là một cuộc đánh giá trong chương trình năm: lĩnh vực, tháng, đoàn đánh giá."
      />
      <ErrorAlert error={error} />
      <Card withBorder p={0}>
        <Table striped highlightOnHover aria-label="Chương trình đánh giá nội bộ">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Số</Table.Th>
              <Table.Th>Tháng</Table.Th>
              <Table.Th>Lĩnh vực được đánh giá</Table.Th>
              <Table.Th>Ngày đánh giá</Table.Th>
              <Table.Th>Trưởng đoàn</Table.Th>
              <Table.Th>Danh mục kiểm tra</Table.Th>
              <Table.Th>Phát hiện</Table.Th>
              <Table.Th>Tình trạng</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data ?? []).map((r) => (
              <Table.Tr key={r.id} data-testid="audit-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor
                    href={`#/qms/audits/${r.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/qms/audits/${r.id}`);
                    }}
                  >
                    {r.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{String(r.month).padStart(2, '0')}</Table.Td>
                <Table.Td>{r.area}</Table.Td>
                <Table.Td>{r.date ? formatCivilDate(r.date) : '—'}</Table.Td>
                <Table.Td>{r.leadAuditorName ?? '—'}</Table.Td>
                <Table.Td>
                  {r.answered}/{r.questions} câu hỏi
                </Table.Td>
                <Table.Td>
                  {r.findings === 0
                    ? '—'
                    : `${r.findings}${r.nonconformities ? ` (${r.nonconformities} không phù hợp)` : ''}`}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={AUDIT_STATE_COLORS[r.state] ?? 'gray'}>
                    {r.stateLabel}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.length === 0 ? (
          <Text c="dimmed" p="md">
            Chưa có cuộc đánh giá nào trong chương trình năm {year}.
          </Text>
        ) : null}
      </Card>
      <VisitsCard mayImport={mayVisit} />
      {creating ? (
        <PlanDialog
          year={year}
          audit={null}
          onClose={() => setCreating(false)}
          onDone={(id) => navigate(`/qms/audits/${id}`)}
        />
      ) : null}
    </Stack>
  );
}

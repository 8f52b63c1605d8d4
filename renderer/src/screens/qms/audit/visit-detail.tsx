// One audit done for another office from its pack: the plan and the dossier sample read-only,
// the checklist answered (each answer saved at once) and the findings written by the auditor
// who imported it, and "Xuất kết quả": the signed, sealed results file to send back.
import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback } from 'react';
import type { VisitDetail } from '../../../../../core/contract/audit-pack';
import { OUTCOME_LABELS } from '../../../../../core/desk/types';
import {
  CHECK_RESULT_LABELS,
  CHECK_RESULTS,
  type CheckResult,
} from '../../../../../core/qms/audit-checklist';
import { api } from '../../../api/client';
import { DocOutputs } from '../../../components/doc-outputs';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { downloadBase64 } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatDate, formatDateTime } from '../../../format';
import { PlanFields } from './plan-fields';
import { VisitFindings } from './visit-findings';

const RESULT_OPTIONS = CHECK_RESULTS.map((r) => ({ value: r, label: CHECK_RESULT_LABELS[r] }));

function Checklist({
  v,
  onAnswered,
}: {
  readonly v: VisitDetail;
  readonly onAnswered: () => void;
}) {
  const action = useAction();
  const answers = new Map(v.work.answers.map((a) => [a.itemId, a]));
  const save = (itemId: string, result: CheckResult | null, note: string) =>
    void action.run(async () => {
      await api.visits.answer({ id: v.row.id, itemId, result, note });
      onAnswered();
    });
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        Danh mục kiểm tra: {v.row.answered}/{v.row.questions} câu hỏi
      </Text>
      <ErrorAlert error={action.error} />
      <Table verticalSpacing={4} aria-label="Danh mục kiểm tra">
        <Table.Tbody>
          {v.pack.checklist.map((item) => {
            const a = answers.get(item.id);
            const result = a ? a.result : item.result;
            const note = a ? a.note : item.note;
            return (
              <Table.Tr key={item.id} data-testid="visit-item">
                <Table.Td w={60}>
                  <Text size="sm" fw={600}>
                    {item.clause}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.question}</Text>
                  {v.mayEdit ? (
                    <TextInput
                      size="xs"
                      mt={4}
                      placeholder="Ghi chú, bằng chứng đã xem"
                      aria-label={`Ghi chú điều ${item.clause}`}
                      defaultValue={note}
                      onBlur={(e) => {
                        if (e.currentTarget.value !== note)
                          save(item.id, result, e.currentTarget.value);
                      }}
                    />
                  ) : note ? (
                    <Text size="xs" c="dimmed">
                      {note}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td w={180}>
                  <Select
                    size="xs"
                    aria-label={`Kết quả điều ${item.clause}`}
                    data={RESULT_OPTIONS}
                    value={result}
                    placeholder="Chưa đánh giá"
                    disabled={!v.mayEdit}
                    onChange={(value) => save(item.id, value, note)}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Sample({ v }: { readonly v: VisitDetail }) {
  return (
    <Card withBorder>
      <Text fw={600}>Hồ sơ mẫu ({v.pack.sample.length})</Text>
      <Text size="xs" c="dimmed" mb="xs">
        Chỉ có mã hồ sơ, thủ tục, thời hạn và kết quả xử lý; không có thông tin của người dân.
      </Text>
      <Table aria-label="Hồ sơ mẫu">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mã hồ sơ</Table.Th>
            <Table.Th>Thủ tục</Table.Th>
            <Table.Th>Tiếp nhận</Table.Th>
            <Table.Th>Hẹn trả</Table.Th>
            <Table.Th>Trả kết quả</Table.Th>
            <Table.Th>Bước trễ</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {v.pack.sample.map((s) => (
            <Table.Tr key={s.dossierId}>
              <Table.Td>{s.code}</Table.Td>
              <Table.Td>{s.procedureName}</Table.Td>
              <Table.Td>{formatDateTime(s.receivedAt)}</Table.Td>
              <Table.Td>{formatDateTime(s.dueAt)}</Table.Td>
              <Table.Td>
                {s.returnedAt ? formatDateTime(s.returnedAt) : '—'}
                {s.outcome
                  ? ` (${OUTCOME_LABELS[s.outcome as keyof typeof OUTCOME_LABELS] ?? s.outcome})`
                  : ''}
              </Table.Td>
              <Table.Td>
                {s.lateSteps}/{s.steps}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.pack.sample.length === 0 ? (
        <Text size="sm" c="dimmed">
          Xã được đánh giá chưa lấy mẫu hồ sơ trước khi xuất gói.
        </Text>
      ) : null}
    </Card>
  );
}

export function VisitDetailScreen({ id }: { readonly id: string }) {
  const {
    data: v,
    error,
    setData,
    reload,
  } = useLoad(useCallback(() => api.visits.get({ id }), [id]));
  const action = useAction();
  if (error) return <ErrorAlert error={error} />;
  if (!v) return null;
  const a = v.pack.audit;
  const exportResults = () =>
    void action.run(async () => {
      const r = await api.visits.exportResults({ id });
      downloadBase64(r.fileName, r.base64, 'application/octet-stream');
      notifyDone(
        `Đã xuất kết quả số ${r.seq} (${r.fileName}). Gửi tệp này cho ${v.row.officeName} để nhập vào cuộc đánh giá.`,
      );
      reload();
    });
  const person = (p: { name: string; roles: string } | null) => (p ? `${p.name} (${p.roles})` : '');
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2}>{a.code}</Title>
              <Badge size="lg" variant="light" color="grape">
                Đánh giá cho đơn vị khác
              </Badge>
            </Group>
            <Text fw={600}>
              {v.row.officeName}: {a.area}
            </Text>
            <Text size="sm" c="dimmed">
              Gói nhập ngày {formatDate(v.row.importedAt)} bởi {v.row.importedByName}
              {v.row.exported ? ` · đã xuất kết quả ${v.row.exported} lần` : ''}
            </Text>
          </Stack>
          <Group gap="xs">
            <DocOutputs
              label="In phiếu đánh giá"
              print={() => api.visits.print({ id })}
              word={() => api.visits.exportDocx({ id })}
            />
            {v.mayEdit ? (
              <Button onClick={exportResults} loading={action.busy}>
                Xuất kết quả
              </Button>
            ) : null}
          </Group>
        </Group>
        <ErrorAlert error={action.error} />
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Kế hoạch đánh giá (chỉ xem)
              </Text>
              <Stack gap="xs">
                <PlanFields
                  date={a.date}
                  lead={person(a.lead)}
                  auditors={a.auditors.map(person)}
                  auditees={a.auditees.map(person)}
                  scope={a.scope}
                  documents={a.documents}
                  criteria={a.criteria}
                />
              </Stack>
            </Card>
            <VisitFindings v={v} onChange={setData} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Checklist v={v} onAnswered={reload} />
        </Grid.Col>
      </Grid>
      <Sample v={v} />
    </Stack>
  );
}

// Drafting a revision: the change summary ("theo dõi sửa đổi"), the procedure sections of the
// framework model and, for an administrative procedure's document, its ISO step table (the
// one the desk will use once the revision takes effect), checked again by the services.
// Leaving with unsaved changes (another screen, closing or reloading) asks first.
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Table, Tabs } from '@mantine/core';
import { Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  STEP_ROLE_LABELS,
  STEP_ROLES,
  type ProcedureStep,
} from '../../../../../core/catalog/schema';
import type { RecordView } from '../../../../../core/contract/qms';
import type { DocumentDetail } from '../../../../../core/contract/qms-documents';
import { hoursText } from '../../../../../core/qms/procedure-print';
import { SECTION_KEYS, SECTION_LABELS, type Sections } from '../../../../../core/qms/revision';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { useLeaveGuard } from '../../../shell/leave-guard';
import { revisionData } from './revision-panel';

/** Steps as saved: numbered in order (a deleted row renumbers the ones after it). */
const numbered = (steps: readonly ProcedureStep[] | null) =>
  steps?.map((s, i) => ({ ...s, no: i + 1 })) ?? null;

const ROLE_OPTIONS = STEP_ROLES.map((r) => ({ value: r, label: STEP_ROLE_LABELS[r] }));

function StepEditor({
  steps,
  limitHours,
  onChange,
}: {
  readonly steps: readonly ProcedureStep[];
  readonly limitHours: number | null;
  readonly onChange: (steps: ProcedureStep[]) => void;
}) {
  const set = (i: number, patch: Partial<ProcedureStep>) =>
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const total = steps.reduce((sum, s) => sum + (Number.isFinite(s.hours) ? s.hours : 0), 0);
  const over = limitHours !== null && total > limitHours + 1e-9;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={5}>Các bước thực hiện (bảng quy trình ISO)</Title>
        <Text size="sm" c={over ? 'red' : 'dimmed'} data-testid="steps-total">
          Tổng thời gian: {hoursText(total)}
          {limitHours !== null ? ` / thời hạn giải quyết ${hoursText(limitHours)}` : ''}
        </Text>
      </Group>
      <Table withTableBorder aria-label="Sửa các bước của quy trình">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>Bước</Table.Th>
            <Table.Th>Nội dung công việc</Table.Th>
            <Table.Th w={230}>Trách nhiệm</Table.Th>
            <Table.Th w={110}>Số giờ</Table.Th>
            <Table.Th w={220}>Biểu mẫu/Kết quả</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((s, i) => (
            <Table.Tr key={i}>
              <Table.Td>B{i + 1}</Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`Nội dung bước ${i + 1}`}
                  value={s.name}
                  onChange={(e) => set(i, { name: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Trách nhiệm bước ${i + 1}`}
                  data={ROLE_OPTIONS}
                  value={s.role}
                  allowDeselect={false}
                  onChange={(v) => v && set(i, { role: v })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Số giờ bước ${i + 1}`}
                  value={s.hours}
                  min={0}
                  step={0.5}
                  decimalSeparator=","
                  onChange={(v) => set(i, { hours: typeof v === 'number' ? v : Number(v) })}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`Kết quả bước ${i + 1}`}
                  value={s.output}
                  onChange={(e) => set(i, { output: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Xóa bước ${i + 1}`}
                  onClick={() => onChange(steps.filter((_, j) => j !== i))}
                >
                  ✕
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() =>
            onChange([
              ...steps,
              { no: steps.length + 1, name: '', role: 'specialist', hours: 1, output: '' },
            ])
          }
        >
          Thêm bước
        </Button>
      </Group>
    </Stack>
  );
}

export function DraftEditor({
  detail,
  revision,
  onSaved,
}: {
  readonly detail: DocumentDetail;
  readonly revision: RecordView;
  readonly onSaved: (next: DocumentDetail) => void;
}) {
  // What is saved now (after a save, the revision the services gave back).
  const saved = revisionData(revision);
  const savedSteps = saved.steps ?? (detail.row.procedureCode ? [] : null);
  const [summary, setSummary] = useState(saved.changeSummary);
  const [sections, setSections] = useState<Sections>(saved.sections);
  const [steps, setSteps] = useState<ProcedureStep[] | null>(savedSteps);
  const dirty =
    summary !== saved.changeSummary ||
    JSON.stringify(sections) !== JSON.stringify(saved.sections) ||
    JSON.stringify(numbered(steps)) !== JSON.stringify(numbered(savedSteps));
  useLeaveGuard(
    dirty,
    `Bản dự thảo lần ban hành ${String(saved.issueNo).padStart(2, '0')} của ${revision.code} có thay đổi chưa lưu.`,
  );
  const action = useAction();
  const save = () =>
    void action.run(async () => {
      const next = await api.documents.saveDraft({
        revisionId: revision.id,
        rev: revision.rev,
        changeSummary: summary,
        sections,
        steps: numbered(steps),
      });
      notifyDone('Đã lưu bản dự thảo.');
      onSaved(next);
    });
  return (
    <Stack gap="sm" data-testid="draft-editor">
      <Title order={4}>Soạn thảo</Title>
      <Textarea
        label="Nội dung sửa đổi (ghi vào bảng theo dõi sửa đổi)"
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Tabs defaultValue="purpose" keepMounted={false}>
        <Tabs.List>
          {SECTION_KEYS.map((k, i) => (
            <Tabs.Tab key={k} value={k}>
              {i + 1}. {SECTION_LABELS[k]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECTION_KEYS.map((k) => (
          <Tabs.Panel key={k} value={k} pt="xs">
            <Textarea
              label={SECTION_LABELS[k]}
              value={sections[k]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setSections((s) => ({ ...s, [k]: value }));
              }}
              autosize
              minRows={5}
              maxRows={16}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
      {steps ? (
        <StepEditor steps={steps} limitHours={detail.timeLimitHours} onChange={setSteps} />
      ) : null}
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button loading={action.busy} onClick={save}>
          Lưu dự thảo
        </Button>
      </Group>
    </Stack>
  );
}

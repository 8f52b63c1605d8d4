// Every paper form of a survey, voided ones struck through with the reason, who and when. The
// ISO secretary and the chairman void a form typed in by mistake: by its number (type it,
// Enter) or from its row, giving the reason in the shared transition dialog; the services
// check the role again, and a voided form leaves the results.
import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SurveyForm } from '../../../../../core/contract/surveys';
import type { SurveyQuestion } from '../../../../../core/qms/survey';
import { ErrorAlert } from '../../../components/error-alert';
import { formatCivilDate, formatCount } from '../../../format';
import { TransitionDialog, type TransitionOption } from '../transition-dialog';

const VOID: TransitionOption = {
  name: 'void',
  label: 'hủy phiếu khảo sát nhập nhầm',
  requires: ['comment'],
};

/** The options chosen, one digit per question ('–' for a blank one), as typed in. */
export function answerDigits(questions: readonly SurveyQuestion[], f: SurveyForm): string {
  return questions
    .map((q) => {
      const i = q.options.findIndex((o) => o.key === f.answers[q.key]);
      return i < 0 ? '–' : String(i + 1);
    })
    .join(' ');
}

function VoidByNumber({
  forms,
  onPick,
}: {
  readonly forms: readonly SurveyForm[];
  readonly onPick: (f: SurveyForm) => void;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wanted = typed.trim();
    const form = forms.find((f) => f.number === wanted);
    if (!wanted) return setError('Nhập số phiếu cần hủy.');
    if (!form) return setError(`Không có phiếu số ${wanted} trong cuộc khảo sát này.`);
    if (form.state !== 'recorded') return setError(`Phiếu số ${wanted} đã bị hủy trước đó.`);
    setError(null);
    setTyped('');
    onPick(form);
  };
  return (
    <form onSubmit={submit} aria-label="Hủy phiếu theo số">
      <Stack gap={4}>
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Số phiếu cần hủy"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            w={180}
          />
          <Button type="submit" color="red" variant="light">
            Hủy phiếu
          </Button>
        </Group>
        <ErrorAlert error={error} />
      </Stack>
    </form>
  );
}

export function SurveyForms({
  forms,
  questions,
  mayVoid,
  onVoided,
}: {
  readonly forms: readonly SurveyForm[];
  readonly questions: readonly SurveyQuestion[];
  readonly mayVoid: boolean;
  readonly onVoided: () => void;
}) {
  const [voiding, setVoiding] = useState<SurveyForm | null>(null);
  const valid = forms.filter((f) => f.state === 'recorded').length;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Text fw={600} data-testid="survey-forms-count">
          {formatCount(forms.length)} phiếu đã nhập, {formatCount(valid)} phiếu hợp lệ
        </Text>
        {mayVoid ? <VoidByNumber forms={forms} onPick={setVoiding} /> : null}
      </Group>
      <Table striped aria-label="Các phiếu khảo sát" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Phiếu số</Table.Th>
            <Table.Th>Đáp án từng câu (– là để trống)</Table.Th>
            <Table.Th>Tình trạng</Table.Th>
            {mayVoid ? <Table.Th /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forms.map((f) => {
            const voided = f.state !== 'recorded';
            const struck = voided ? { textDecoration: 'line-through', opacity: 0.6 } : undefined;
            return (
              <Table.Tr
                key={f.id}
                data-testid="survey-form-row"
                data-form={f.number}
                data-state={f.state}
              >
                <Table.Td style={struck}>{f.number}</Table.Td>
                <Table.Td ff="monospace" style={struck}>
                  {answerDigits(questions, f)}
                </Table.Td>
                <Table.Td>
                  {voided ? (
                    <Stack gap={2}>
                      <Badge color="red" variant="light" tt="none">
                        Đã hủy
                      </Badge>
                      <Text size="xs" data-testid="survey-form-void">
                        {f.voided
                          ? `${f.voided.name}, ${formatCivilDate(f.voided.on)}: ${f.voidReason}`
                          : f.voidReason}
                      </Text>
                    </Stack>
                  ) : (
                    <Badge color="teal" variant="light" tt="none">
                      Hợp lệ
                    </Badge>
                  )}
                </Table.Td>
                {mayVoid ? (
                  <Table.Td>
                    {voided ? null : (
                      <Button
                        size="compact-sm"
                        color="red"
                        variant="subtle"
                        aria-label={`Hủy phiếu số ${f.number}`}
                        onClick={() => setVoiding(f)}
                      >
                        Hủy phiếu
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {forms.length === 0 ? <Text c="dimmed">Chưa có phiếu nào.</Text> : null}
      {voiding ? (
        <TransitionDialog
          record={voiding}
          transition={VOID}
          words={{
            title: `Hủy phiếu số ${voiding.number}`,
            comment: 'Lý do hủy phiếu',
            color: 'red',
          }}
          onClose={() => setVoiding(null)}
          onDone={() => {
            setVoiding(null);
            onVoided();
          }}
        />
      ) : null}
    </Stack>
  );
}

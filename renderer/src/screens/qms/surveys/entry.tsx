// Typing in paper survey forms without the mouse: the frame takes the keys as soon as it shows.
// A digit picks that option of the current question and moves to the next one, 0 leaves it
// blank, ↑/↓ move between questions, Enter saves the form and starts the next, PageUp/PageDown
// bring back an entered form to correct it, Esc abandons the correction. The counter says how
// many forms are in; the last ones are listed, each correctable (also with the mouse).
import { Alert, Badge, Card, Group, Kbd, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SurveyForm } from '../../../../../core/contract/surveys';
import { formNumber, type SurveyQuestion } from '../../../../../core/qms/survey';
import { api } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { formatCount } from '../../../format';
import { answerDigits } from './forms';

type Answers = Readonly<Record<string, string>>;

function Shortcuts() {
  return (
    <Text size="sm" c="dimmed" data-testid="survey-shortcuts">
      <Kbd>1</Kbd>–<Kbd>9</Kbd> chọn đáp án · <Kbd>0</Kbd> để trống · <Kbd>↑</Kbd>/<Kbd>↓</Kbd> câu
      trước/sau · <Kbd>Enter</Kbd> lưu phiếu, sang phiếu mới · <Kbd>PageUp</Kbd>/<Kbd>PageDown</Kbd>{' '}
      mở phiếu đã nhập để sửa · <Kbd>Esc</Kbd> bỏ sửa
    </Text>
  );
}

function Question({
  q,
  no,
  chosen,
  current,
}: {
  readonly q: SurveyQuestion;
  readonly no: number;
  readonly chosen: string | undefined;
  readonly current: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (current) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);
  return (
    <div
      ref={ref}
      data-testid="survey-question"
      data-current={current ? 'true' : undefined}
      style={{
        padding: '6px 10px',
        borderRadius: 6,
        background: current ? 'var(--mantine-color-indigo-0)' : undefined,
        outline: current ? '2px solid var(--mantine-color-indigo-5)' : undefined,
      }}
    >
      <Text size="sm" fw={current ? 700 : 500}>
        Câu {no}. {q.text}
      </Text>
      <Group gap={6} mt={2}>
        {q.options.map((o, i) => (
          <Badge
            key={o.key}
            variant={chosen === o.key ? 'filled' : 'outline'}
            color={chosen === o.key ? 'indigo' : 'gray'}
            tt="none"
            size="lg"
            aria-pressed={chosen === o.key}
          >
            {i + 1}. {o.label}
          </Badge>
        ))}
      </Group>
    </div>
  );
}

export function SurveyEntry({
  surveyId,
  questions,
  forms,
  series,
  onSaved,
}: {
  readonly surveyId: string;
  readonly questions: readonly SurveyQuestion[];
  readonly forms: readonly SurveyForm[];
  /** This PC's series (core/qms/survey.ts formSeries): the next new form's number. */
  readonly series: number;
  readonly onSaved: (form: SurveyForm) => void;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [cursor, setCursor] = useState(0);
  const [editing, setEditing] = useState<SurveyForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entered = forms.filter((f) => f.state === 'recorded');
  const mine = forms.filter((f) => f.series === series);
  const next = formNumber({
    formNo: mine.reduce((n, f) => Math.max(n, f.formNo), 0) + 1,
    deviceNo: series,
  });
  useEffect(() => frame.current?.focus(), []);

  const start = (form: SurveyForm | null) => {
    setEditing(form);
    setAnswers(form ? form.answers : {});
    setCursor(0);
    setError(null);
  };
  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const form = editing
        ? await api.surveys.correct({ id: editing.id, rev: editing.rev, answers })
        : await api.surveys.answer({ surveyId, answers });
      setSaved(editing ? `Đã sửa phiếu số ${form.number}.` : `Đã lưu phiếu số ${form.number}.`);
      onSaved(form);
      start(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      frame.current?.focus();
    }
  };
  /** The entered form before/after the one shown (new form: the last entered). */
  const step = (delta: -1 | 1) => {
    const at = editing ? entered.findIndex((f) => f.id === editing.id) : entered.length;
    const next = entered[at + delta];
    if (next) start(next);
    else if (delta === 1) start(null);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const q = questions[cursor];
    let handled = true;
    if (/^[0-9]$/.test(e.key) && q) {
      const n = Number(e.key);
      const option = q.options[n - 1];
      if (n === 0) {
        setAnswers(Object.fromEntries(Object.entries(answers).filter(([k]) => k !== q.key)));
      } else if (option) setAnswers({ ...answers, [q.key]: option.key });
      else {
        setError(`Câu ${cursor + 1} chỉ có ${q.options.length} lựa chọn.`);
        e.preventDefault();
        return;
      }
      setError(null);
      setCursor(Math.min(cursor + 1, questions.length - 1));
    } else if (e.key === 'ArrowDown') setCursor(Math.min(cursor + 1, questions.length - 1));
    else if (e.key === 'ArrowUp' || e.key === 'Backspace') setCursor(Math.max(cursor - 1, 0));
    else if (e.key === 'Enter') void save();
    else if (e.key === 'PageUp') step(-1);
    else if (e.key === 'PageDown') step(1);
    else if (e.key === 'Escape') start(null);
    else handled = false;
    if (handled) e.preventDefault();
  };
  const answered = Object.keys(answers).length;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="sm">
          <Text fw={700} data-testid="survey-form-title">
            {editing ? `Đang sửa phiếu số ${editing.number}` : `Phiếu mới, số ${next}`}
          </Text>
          <Text size="sm" c="dimmed">
            đã trả lời {answered}/{questions.length} câu
          </Text>
        </Group>
        <Badge size="xl" variant="light" color="teal" data-testid="survey-count">
          Đã nhập {formatCount(entered.length)} phiếu
        </Badge>
      </Group>
      <Shortcuts />
      {error ? (
        <Alert color="red" data-testid="survey-entry-error">
          {error}
        </Alert>
      ) : saved ? (
        <Text size="sm" c="teal.8" role="status">
          {saved}
        </Text>
      ) : null}
      <Card
        withBorder
        ref={frame}
        tabIndex={0}
        onKeyDown={onKey}
        onClick={() => frame.current?.focus()}
        aria-label="Khung nhập phiếu khảo sát bằng bàn phím"
        data-testid="survey-entry"
        style={{ outlineOffset: 2 }}
      >
        <Stack gap={4}>
          {questions.map((q, i) => (
            <Question key={q.key} q={q} no={i + 1} chosen={answers[q.key]} current={i === cursor} />
          ))}
        </Stack>
      </Card>
      <EnteredForms
        forms={entered.slice(-8).reverse()}
        questions={questions}
        onCorrect={(f) => {
          start(f);
          frame.current?.focus();
        }}
      />
    </Stack>
  );
}

function EnteredForms({
  forms,
  questions,
  onCorrect,
}: {
  readonly forms: readonly SurveyForm[];
  readonly questions: readonly SurveyQuestion[];
  readonly onCorrect: (f: SurveyForm) => void;
}) {
  if (forms.length === 0) return null;
  return (
    <Table striped aria-label="Phiếu vừa nhập" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Phiếu số</Table.Th>
          <Table.Th>Đáp án từng câu (– là để trống)</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {forms.map((f) => (
          <Table.Tr key={f.id} data-testid="survey-entered" data-form={f.number}>
            <Table.Td>{f.number}</Table.Td>
            <Table.Td ff="monospace">{answerDigits(questions, f)}</Table.Td>
            <Table.Td>
              <Text
                component="button"
                type="button"
                size="sm"
                c="indigo"
                style={{ background: 'none', border: 0, cursor: 'pointer' }}
                onClick={() => onCorrect(f)}
              >
                Sửa
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

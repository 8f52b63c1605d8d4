// "Đo lường": pick a period of the objective's frequency (or type a window), see the value the
// desk's data gives now (computed indicators) or type it (hand-entered ones), and record it.
// What is recorded keeps its value and window for good.
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { ObjectiveRow } from '../../../../../core/contract/objectives';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { errorText, notifyDone } from '../../../components/errors';
import { GuardedForm } from '../../../components/guarded-form';
import { VnDateInput, VnNumberInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { civilDateOf, formatCivilDate } from '../../../format';
import { objectiveUnit, withUnit } from './unit';

const CUSTOM = 'custom';

export function MeasureDialog({
  row,
  onClose,
  onDone,
}: {
  readonly row: ObjectiveRow;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const today = civilDateOf(Date.now());
  const manual = row.record.data['indicator'] === 'manual';
  const unit = objectiveUnit(row);
  const started = row.periods.filter((p) => p.from <= today);
  const current = started.at(-1);
  const [period, setPeriod] = useState<string>(current?.from ?? CUSTOM);
  const chosen = row.periods.find((p) => p.from === period);
  const [from, setFrom] = useState<string | null>(chosen?.from ?? null);
  const [to, setTo] = useState<string | null>(null);
  const [value, setValue] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const action = useAction();
  const { setError } = action;
  useEffect(() => {
    const p = row.periods.find((x) => x.from === period);
    if (!p) return;
    setFrom(p.from);
    setTo(p.to < today ? p.to : today);
  }, [period, row.periods, today]);
  useEffect(() => {
    if (manual || !from || !to) return setPreview(null);
    api.objectives.compute({ objectiveId: row.record.id, from, to }).then(
      (m) =>
        setPreview(
          m.value === null
            ? 'Chưa có dữ liệu trong kỳ này.'
            : `${withUnit(m.value, '%')} (${m.numerator}/${m.denominator})`,
        ),
      (err: unknown) => setError(errorText(err)),
    );
  }, [manual, from, to, row.record.id, setError]);
  const label =
    chosen && to === (chosen.to < today ? chosen.to : today)
      ? chosen.to <= today
        ? chosen.label
        : `${chosen.label} (đến ${formatCivilDate(today)})`
      : from && to
        ? `Từ ${formatCivilDate(from)} đến ${formatCivilDate(to)}`
        : '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!from || !to) return setError('Hãy chọn kỳ đo lường.');
    void action.run(async () => {
      await api.objectives.measure({
        objectiveId: row.record.id,
        from,
        to,
        label,
        value: manual ? value : null,
        note,
      });
      notifyDone(`Đã ghi kết quả đo lường ${label}.`);
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} title="Đo lường mục tiêu" size="lg">
      <GuardedForm onSubmit={submit} aria-label="Đo lường mục tiêu">
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {row.record.code} — {row.record.title}
          </Text>
          <ErrorAlert error={action.error} />
          <Select
            label="Kỳ đo lường"
            data={[
              ...started.map((p) => ({ value: p.from, label: p.label })),
              { value: CUSTOM, label: 'Khoảng thời gian khác' },
            ]}
            value={period}
            onChange={(v) => v && setPeriod(v)}
            allowDeselect={false}
          />
          <Group grow>
            <VnDateInput
              label="Từ ngày"
              value={from}
              onChange={(v) => {
                setPeriod(CUSTOM);
                setFrom(v);
              }}
              required
            />
            <VnDateInput
              label="Đến ngày"
              value={to}
              onChange={(v) => {
                setPeriod(CUSTOM);
                setTo(v);
              }}
              required
            />
          </Group>
          {manual ? (
            <VnNumberInput
              label={`Kết quả (${unit})`}
              value={value}
              onChange={setValue}
              integer={false}
              min={0}
              {...(unit === '%' ? { max: 100 } : {})}
              required
              data-autofocus
            />
          ) : (
            <Text size="sm" data-testid="measure-preview">
              Kết quả theo dữ liệu hiện có: <b>{preview ?? '…'}</b>
            </Text>
          )}
          <Textarea
            label="Ghi chú"
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Ghi kết quả
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

// "Thêm mục tiêu": the statement, the indicator (computed from the desk's data, narrowed to a
// field or a procedure for the on-time rate, or typed by hand with its unit), the target, how
// often it is measured, and the plan to reach it (what, resources, who, when, how evaluated).
import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import {
  INDICATOR_KEYS,
  INDICATOR_LABELS,
  type IndicatorKey,
} from '../../../../../core/qms/indicators';
import { FREQUENCIES, FREQUENCY_LABELS, type Frequency } from '../../../../../core/qms/objective';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { TextareaField, TextField } from '../../../components/fields';
import { GuardedForm } from '../../../components/guarded-form';
import { foldFilter, VnNumberInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';

const PLAN_FIELDS = [
  ['what', 'Nội dung công việc thực hiện'],
  ['resources', 'Nguồn lực'],
  ['who', 'Người / bộ phận thực hiện'],
  ['when', 'Thời gian thực hiện'],
  ['evaluation', 'Cách đánh giá kết quả'],
] as const;
type PlanKey = (typeof PLAN_FIELDS)[number][0];

export function CreateObjectiveDialog({
  year,
  onClose,
  onDone,
}: {
  readonly year: number;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const [statement, setStatement] = useState('');
  const [indicator, setIndicator] = useState<IndicatorKey>('on_time_rate');
  const [scope, setScope] = useState<string | null>(null);
  const [unit, setUnit] = useState('%');
  const [target, setTarget] = useState<number | null>(null);
  const [atMost, setAtMost] = useState(false);
  const [frequency, setFrequency] = useState<Frequency>('quarterly');
  const [plan, setPlan] = useState<Record<PlanKey, string>>({
    what: '',
    resources: '',
    who: '',
    when: '',
    evaluation: '',
  });
  const catalog = useLoad(useCallback(() => api.catalog.list({}), []));
  const action = useAction();
  const percent = indicator !== 'manual' || unit.trim() === '%';
  const fields = [...new Set((catalog.data ?? []).map((p) => p.field))].sort((a, b) =>
    a.localeCompare(b, 'vi'),
  );
  const scopes = [
    { value: '', label: 'Toàn bộ hồ sơ' },
    ...fields.map((f) => ({ value: `field:${f}`, label: `Lĩnh vực: ${f}` })),
    ...(catalog.data ?? [])
      .filter((p) => p.active)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      .map((p) => ({ value: `procedure:${p.id}`, label: `Thủ tục: ${p.name}` })),
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (target === null) return action.setError('Hãy nhập chỉ tiêu.');
    const [kind, ref] = (scope ?? '').split(/:(.*)/s) as [string, string | undefined];
    void action.run(async () => {
      const created = await api.objectives.create({
        year,
        statement,
        indicator,
        field: indicator === 'on_time_rate' && kind === 'field' ? (ref ?? '') : '',
        procedureId: indicator === 'on_time_rate' && kind === 'procedure' ? (ref ?? null) : null,
        unit: indicator === 'manual' ? unit : '%',
        target,
        atMost,
        plan,
        frequency,
      });
      notifyDone(`Đã thêm mục tiêu ${created.code}.`);
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} title={`Thêm mục tiêu chất lượng năm ${year}`} size="xl">
      <GuardedForm onSubmit={submit} aria-label="Thêm mục tiêu chất lượng">
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          <TextareaField
            label="Mục tiêu"
            placeholder="VD: 100 % hồ sơ hộ tịch được giải quyết đúng hạn"
            autosize
            minRows={2}
            value={statement}
            onChange={(e) => setStatement(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Group grow align="flex-start">
            <Select
              label="Chỉ số đo lường"
              data={INDICATOR_KEYS.map((k) => ({ value: k, label: INDICATOR_LABELS[k] }))}
              value={indicator}
              onChange={(v) => v && setIndicator(v)}
              allowDeselect={false}
            />
            {indicator === 'on_time_rate' ? (
              <Select
                label="Phạm vi"
                data={scopes}
                value={scope ?? ''}
                onChange={setScope}
                searchable
                filter={foldFilter}
                allowDeselect={false}
              />
            ) : indicator === 'manual' ? (
              <TextField
                label="Đơn vị tính"
                value={unit}
                onChange={(e) => setUnit(e.currentTarget.value)}
                required
              />
            ) : null}
          </Group>
          <Group grow align="flex-end">
            <VnNumberInput
              label={`Chỉ tiêu${percent ? ' (%)' : ` (${unit})`}`}
              value={target}
              onChange={setTarget}
              integer={false}
              min={0}
              {...(percent ? { max: 100 } : {})}
              required
            />
            <Select
              label="Tần suất theo dõi"
              data={FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
              value={frequency}
              onChange={(v) => v && setFrequency(v)}
              allowDeselect={false}
            />
            <Checkbox
              label="Chỉ tiêu là mức tối đa (không vượt quá)"
              checked={atMost}
              onChange={(e) => setAtMost(e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          <SimpleGrid cols={2}>
            {PLAN_FIELDS.map(([key, label]) => (
              <TextareaField
                key={key}
                label={label}
                autosize
                minRows={1}
                value={plan[key]}
                onChange={(e) => setPlan({ ...plan, [key]: e.currentTarget.value })}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Thêm mục tiêu
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

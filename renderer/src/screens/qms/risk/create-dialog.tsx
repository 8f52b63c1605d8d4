// "Nhận diện rủi ro, cơ hội": a risk or an opportunity of one process (a catalog procedure or
// an internal process), what it is, its cause and consequence (or benefit), likelihood and
// impact on the 5×5 scale with the score they make, the day it was identified, the next review
// and who follows it. On success the new record opens.
import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { addCivilDays } from '../../../../../core/calendar/civil-time';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { foldFilter, VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { civilDateOf } from '../../../format';
import { ScorePicker } from './scale';

/** Every active user, to put in charge of a record (searchable without diacritics). */
export function PersonSelect({
  label,
  placeholder,
  value,
  onChange,
}: {
  readonly label: string;
  readonly placeholder?: string;
  readonly value: string | null;
  readonly onChange: (id: string | null) => void;
}) {
  const people = useLoad(useCallback(() => api.qms.people({}), []));
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={(people.data ?? []).map((p) => ({
        value: p.id,
        label: p.title ? `${p.fullName} — ${p.title}` : p.fullName,
      }))}
      value={value}
      onChange={onChange}
      clearable
      searchable
      filter={foldFilter}
    />
  );
}

export function CreateRiskDialog({
  onClose,
  onCreated,
}: {
  readonly onClose: () => void;
  readonly onCreated: (id: string) => void;
}) {
  const today = civilDateOf(Date.now());
  const processes = useLoad(useCallback(() => api.risks.processes({}), []));
  const [type, setType] = useState<'risk' | 'opportunity'>('risk');
  const [process, setProcess] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [cause, setCause] = useState('');
  const [effect, setEffect] = useState('');
  const [score, setScore] = useState({ likelihood: 3, impact: 3 });
  const [identifiedOn, setIdentifiedOn] = useState<string | null>(today);
  const [reviewOn, setReviewOn] = useState<string | null>(addCivilDays(today, 90));
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const action = useAction();
  const list = processes.data ?? [];
  const groups = [
    {
      group: 'Thủ tục hành chính',
      items: list
        .filter((p) => p.type === 'procedure')
        .map((p) => ({ value: `procedure:${p.code}`, label: `${p.name} (${p.code})` })),
    },
    {
      group: 'Quá trình nội bộ',
      items: list
        .filter((p) => p.type === 'internal')
        .map((p) => ({ value: `internal:${p.name}`, label: p.name })),
    },
  ];
  const risk = type === 'risk';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!process) return action.setError('Hãy chọn quá trình.');
    if (!identifiedOn || !reviewOn)
      return action.setError('Hãy nhập ngày nhận diện và ngày xem xét lại.');
    const [processType, rest] = [
      process.slice(0, process.indexOf(':')),
      process.slice(process.indexOf(':') + 1),
    ];
    void action.run(async () => {
      const created = await api.risks.create({
        type,
        processType: processType === 'procedure' ? 'procedure' : 'internal',
        processCode: processType === 'procedure' ? rest : '',
        processName: processType === 'internal' ? rest : '',
        title,
        description,
        cause,
        consequence: risk ? effect : '',
        benefit: risk ? '' : effect,
        ...score,
        identifiedOn,
        reviewOn,
        ownerId,
      });
      notifyDone(`Đã nhận diện ${risk ? 'rủi ro' : 'cơ hội'} ${created.code}.`);
      onCreated(created.id);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Nhận diện rủi ro, cơ hội" size="xl">
      <form onSubmit={submit} aria-label="Nhận diện rủi ro, cơ hội">
        <Stack gap="sm">
          <ErrorAlert error={action.error ?? processes.error} />
          <SegmentedControl
            data={[
              { value: 'risk', label: 'Rủi ro' },
              { value: 'opportunity', label: 'Cơ hội' },
            ]}
            value={type}
            onChange={(v) => setType(v === 'opportunity' ? 'opportunity' : 'risk')}
          />
          <Select
            label="Quá trình"
            placeholder="Chọn thủ tục hoặc quá trình nội bộ"
            data={groups}
            value={process}
            onChange={setProcess}
            searchable
            filter={foldFilter}
            required
            data-autofocus
          />
          <TextInput
            label={risk ? 'Rủi ro' : 'Cơ hội'}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
          />
          <Textarea
            label="Mô tả"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            required
          />
          <Group grow align="flex-start">
            <Textarea
              label="Nguyên nhân"
              autosize
              minRows={2}
              value={cause}
              onChange={(e) => setCause(e.currentTarget.value)}
            />
            <Textarea
              label={risk ? 'Hậu quả' : 'Lợi ích'}
              autosize
              minRows={2}
              value={effect}
              onChange={(e) => setEffect(e.currentTarget.value)}
            />
          </Group>
          <ScorePicker
            likelihood={score.likelihood}
            impact={score.impact}
            onChange={setScore}
            words={{
              likelihood: 'Khả năng xảy ra',
              impact: risk ? 'Mức độ ảnh hưởng' : 'Mức độ lợi ích',
            }}
          />
          <Group grow>
            <VnDateInput
              label="Ngày nhận diện"
              value={identifiedOn}
              onChange={setIdentifiedOn}
              required
            />
            <VnDateInput
              label="Ngày xem xét lại"
              value={reviewOn}
              onChange={setReviewOn}
              required
            />
            <PersonSelect
              label="Người phụ trách"
              placeholder="Tôi (người nhận diện)"
              value={ownerId}
              onChange={setOwnerId}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Ghi vào sổ
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// Phân tích nguyên nhân: the correction made, up to five "Tại sao?" answers, the root cause and
// its category, sent as the 'analyse' transition's fields (checked again in core/services).
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import {
  NC_CATEGORIES,
  NC_CATEGORY_LABELS,
  type NonconformityData,
} from '../../../../../core/qms/nonconformity';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';

export function AnalysisDialog({
  record,
  data,
  onClose,
  onDone,
}: {
  readonly record: RecordView;
  readonly data: NonconformityData;
  readonly onClose: () => void;
  readonly onDone: (next: RecordView) => void;
}) {
  const [correction, setCorrection] = useState(data.correction);
  const [whys, setWhys] = useState(() => [...data.whys, '', '', '', '', ''].slice(0, 5));
  const [rootCause, setRootCause] = useState(data.rootCause);
  const [category, setCategory] = useState<string | null>(data.category);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const next = await api.qms.transition({
        id: record.id,
        transition: 'analyse',
        rev: record.rev,
        fields: { correction, whys, rootCause, category },
      });
      notifyDone('Đã lưu phân tích nguyên nhân.');
      onDone(next);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Phân tích nguyên nhân" size="xl">
      <form onSubmit={submit} aria-label="Phân tích nguyên nhân">
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          <Textarea
            label="Khắc phục tức thời (sửa chữa đã làm)"
            autosize
            minRows={2}
            value={correction}
            onChange={(e) => setCorrection(e.currentTarget.value)}
            data-autofocus
          />
          {whys.map((w, i) => (
            <TextInput
              key={i}
              label={`Tại sao ${i + 1}?`}
              value={w}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setWhys((all) => all.map((x, j) => (j === i ? value : x)));
              }}
              required={i === 0}
            />
          ))}
          <Textarea
            label="Nguyên nhân gốc rễ"
            autosize
            minRows={2}
            value={rootCause}
            onChange={(e) => setRootCause(e.currentTarget.value)}
            required
          />
          <Select
            label="Nhóm nguyên nhân"
            data={NC_CATEGORIES.map((c) => ({ value: c, label: NC_CATEGORY_LABELS[c] }))}
            value={category}
            onChange={setCategory}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Lưu phân tích
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

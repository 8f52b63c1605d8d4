// The chairman signs the conformity announcement: the decision's number and its signing date
// (not after today), through qms.transition 'approve'.
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { TextField } from '../../../components/fields';
import { VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';

export function ApproveDialog({
  record,
  today,
  onClose,
  onDone,
}: {
  readonly record: RecordView;
  readonly today: string;
  readonly onClose: () => void;
  readonly onDone: (next: RecordView) => void;
}) {
  const [decisionNo, setDecisionNo] = useState('');
  const [date, setDate] = useState<string | null>(today);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!date) return action.setError('Hãy chọn ngày ký.');
    void action.run(async () => {
      const next = await api.qms.transition({
        id: record.id,
        transition: 'approve',
        rev: record.rev,
        date,
        fields: { decisionNo: decisionNo.trim() },
      });
      notifyDone(`Đã ký ban hành Quyết định số ${decisionNo.trim()}.`);
      onDone(next);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Ký ban hành quyết định công bố" size="md">
      <form onSubmit={submit} aria-label="Ký ban hành quyết định công bố">
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          <TextField
            label="Số quyết định"
            placeholder="VD: 125/QĐ-UBND"
            value={decisionNo}
            onChange={(e) => setDecisionNo(e.currentTarget.value)}
            required
            data-autofocus
          />
          <VnDateInput label="Ngày ký" value={date} onChange={setDate} maxDate={today} required />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Ký ban hành
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

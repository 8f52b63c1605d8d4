// "Tiếp nhận phản ánh, kiến nghị": what came in, when and how, from whom, about which dossier,
// who handles it and in how many working days (the deadline is counted on the office calendar).
import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import {
  DEFAULT_FEEDBACK_DAYS,
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CHANNELS,
  FEEDBACK_TYPE_LABELS,
  FEEDBACK_TYPES,
  type FeedbackChannel,
  type FeedbackType,
} from '../../../../../core/qms/feedback';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { TextareaField, TextField } from '../../../components/fields';
import { SelectField } from '../../../components/select-field';
import { GuardedForm } from '../../../components/guarded-form';
import { notifyDone } from '../../../components/errors';
import { VnDateInput, VnNumberInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { civilDateOf, formatCivilDate } from '../../../format';

export function CreateFeedbackDialog({ onClose }: { readonly onClose: () => void }) {
  const [, navigate] = useLocation();
  const [type, setType] = useState<FeedbackType>('feedback');
  const [channel, setChannel] = useState<FeedbackChannel>('direct');
  const [receivedOn, setReceivedOn] = useState<string | null>(civilDateOf(Date.now()));
  const [senderName, setSenderName] = useState('');
  const [senderContact, setSenderContact] = useState('');
  const [content, setContent] = useState('');
  const [dossierCode, setDossierCode] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [days, setDays] = useState<number | null>(DEFAULT_FEEDBACK_DAYS);
  const people = useLoad(useCallback(() => api.qms.people({}), []));
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!receivedOn) return action.setError('Hãy nhập ngày tiếp nhận.');
    if (!ownerId) return action.setError('Hãy chọn người được giao xử lý.');
    void action.run(async () => {
      const created = await api.feedback.create({
        type,
        channel,
        receivedOn,
        senderName,
        senderContact,
        content,
        dossierCode,
        ownerId,
        handlingDays: days ?? DEFAULT_FEEDBACK_DAYS,
      });
      notifyDone(`Đã tiếp nhận ${created.code}, hạn xử lý ${formatCivilDate(created.deadline)}.`);
      navigate(`/qms/feedback/${created.id}`);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Tiếp nhận phản ánh, kiến nghị" size="lg">
      <GuardedForm onSubmit={submit} aria-label="Tiếp nhận phản ánh, kiến nghị">
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          <Group grow>
            <Select
              label="Loại"
              data={FEEDBACK_TYPES.map((t) => ({ value: t, label: FEEDBACK_TYPE_LABELS[t] }))}
              value={type}
              onChange={(v) => v && setType(v)}
              allowDeselect={false}
            />
            <Select
              label="Hình thức tiếp nhận"
              data={FEEDBACK_CHANNELS.map((c) => ({ value: c, label: FEEDBACK_CHANNEL_LABELS[c] }))}
              value={channel}
              onChange={(v) => v && setChannel(v)}
              allowDeselect={false}
            />
            <VnDateInput
              label="Ngày tiếp nhận"
              value={receivedOn}
              onChange={setReceivedOn}
              required
            />
          </Group>
          <Group grow>
            <TextField
              label="Người phản ánh, kiến nghị"
              value={senderName}
              onChange={(e) => setSenderName(e.currentTarget.value)}
              data-autofocus
            />
            <TextField
              label="Địa chỉ liên hệ, điện thoại"
              value={senderContact}
              onChange={(e) => setSenderContact(e.currentTarget.value)}
            />
          </Group>
          <TextareaField
            label="Nội dung"
            autosize
            minRows={3}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            required
          />
          <TextField
            label="Mã hồ sơ liên quan (nếu có)"
            value={dossierCode}
            onChange={(e) => setDossierCode(e.currentTarget.value)}
          />
          <Group grow>
            <SelectField
              label="Người được giao xử lý"
              data={(people.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.fullName} — ${p.title}`,
              }))}
              value={ownerId}
              onChange={setOwnerId}
              searchable
              required
            />
            <VnNumberInput
              label="Thời hạn xử lý (ngày làm việc)"
              value={days}
              onChange={setDays}
              min={1}
              max={90}
              required
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Tiếp nhận
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

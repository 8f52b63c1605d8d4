// The meeting of a management review: its date, a leader in the chair, the secretary keeping
// the minutes, the participants and guests. New, or changed while still being prepared. The
// period reviewed follows from the date (services); a refusal shows in Vietnamese at the top.
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import type { ReviewDetail } from '../../../../../core/contract/reviews';
import type { ReviewData } from '../../../../../core/qms/review';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { foldFilter, VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';

interface Meeting {
  date: string | null;
  chairId: string | null;
  secretaryId: string | null;
  participantIds: string[];
  guests: string;
}

function initial(d: ReviewData | null): Meeting {
  return {
    date: d?.date ?? null,
    chairId: d?.chairId ?? null,
    secretaryId: d?.secretaryId ?? null,
    participantIds: d?.participantIds ?? [],
    guests: d?.guests ?? '',
  };
}

export function PlanReviewDialog({
  review,
  onClose,
  onDone,
}: {
  /** The review whose meeting is changed; null for a new one. */
  readonly review: ReviewDetail | null;
  readonly onClose: () => void;
  readonly onDone: (id: string) => void;
}) {
  const [m, setM] = useState<Meeting>(() =>
    initial(review ? (review.record.data as ReviewData) : null),
  );
  const options = useLoad(useCallback(() => api.reviews.options({}), []));
  const action = useAction();
  const set = (patch: Partial<Meeting>) => setM((x) => ({ ...x, ...patch }));
  const people = (options.data?.people ?? []).map((p) => ({
    value: p.id,
    label: `${p.fullName} — ${p.title}`,
  }));
  const leaders = people.filter((p) =>
    options.data?.people.some((x) => x.id === p.value && x.leader),
  );
  const last = options.data?.lastHeld ?? null;
  const title = review ? `Sửa cuộc họp ${review.record.code}` : 'Lập kế hoạch họp xem xét';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!m.date) return action.setError('Hãy chọn ngày họp.');
    const date = m.date;
    void action.run(async () => {
      const meeting = { ...m, date };
      if (review) {
        await api.reviews.savePlan({ id: review.record.id, rev: review.record.rev, ...meeting });
        notifyDone('Đã lưu thời gian, thành phần cuộc họp.');
        onDone(review.record.id);
      } else {
        const created = await api.reviews.plan(meeting);
        notifyDone(`Đã lập kế hoạch họp xem xét ${created.code}.`);
        onDone(created.id);
      }
    });
  };
  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="sm">
          <ErrorAlert error={action.error ?? options.error} />
          <Text size="sm" c="dimmed">
            {last
              ? `Kỳ xem xét bắt đầu từ sau cuộc họp ${last.code} ngày ${formatCivilDate(last.date)} đến ngày họp.`
              : 'Chưa có cuộc họp nào đã họp: kỳ xem xét bắt đầu từ ngày 01/01 của năm họp đến ngày họp.'}
          </Text>
          <SimpleGrid cols={3}>
            <VnDateInput
              label="Ngày họp"
              value={m.date}
              onChange={(v) => set({ date: v })}
              required
              data-autofocus
            />
            <Select
              label="Chủ trì (lãnh đạo)"
              data={leaders}
              value={m.chairId}
              onChange={(v) => set({ chairId: v })}
              searchable
              filter={foldFilter}
              clearable
            />
            <Select
              label="Thư ký cuộc họp"
              data={people}
              value={m.secretaryId}
              onChange={(v) => set({ secretaryId: v })}
              searchable
              filter={foldFilter}
              clearable
            />
          </SimpleGrid>
          <MultiSelect
            label="Thành phần tham dự"
            data={people.filter((p) => p.value !== m.chairId && p.value !== m.secretaryId)}
            value={m.participantIds}
            onChange={(v) => set({ participantIds: v })}
            searchable
            filter={foldFilter}
            maxDropdownHeight={240}
          />
          <TextInput
            label="Khách mời"
            placeholder="Đại diện Đảng ủy, Mặt trận Tổ quốc xã..."
            value={m.guests}
            onChange={(e) => set({ guests: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              {review ? 'Lưu' : 'Lập kế hoạch'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

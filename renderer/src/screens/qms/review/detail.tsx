// One management review: the meeting (date, period, chair, secretary, participants), the moves
// the user may make now (hold, cancel), every 9.3.2 input with its note, the conclusions and
// decisions, the actions decided (owner, due date, followed to closure), the minutes printed
// and as .docx. While planned the inputs are live; once held they are what was discussed.
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { ReviewData } from '../../../../../core/qms/review';
import { api } from '../../../api/client';
import { DocOutputs } from '../../../components/doc-outputs';
import { ErrorAlert } from '../../../components/error-alert';
import { Field } from '../../../components/field';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { ActionsCard, type ActionWords } from '../actions-card';
import { RecordHeader, RecordSubtitle } from '../record-header';
import { TransitionButtons } from '../transition-buttons';
import type { TransitionWords } from '../transition-dialog';
import { ReviewInputs, ReviewText } from './inputs';
import { PlanReviewDialog } from './plan-dialog';

const WORDS: Readonly<Record<string, TransitionWords>> = {
  hold: { title: 'Ghi nhận đã họp', comment: 'Ghi chú', color: 'green' },
  cancel: { title: 'Hủy cuộc họp', comment: 'Lý do hủy', color: 'red' },
};

const DECIDED: ActionWords = {
  title: 'Hành động được đề ra',
  add: 'Thêm hành động được đề ra',
  empty: 'Chưa có hành động nào được đề ra.',
  done: 'Đã giao hành động.',
  rowId: 'review-action',
};

export function ReviewDetailScreen({ id }: { readonly id: string }) {
  const [, navigate] = useLocation();
  const load = useCallback(() => api.reviews.get({ id }), [id]);
  const { data: review, error, setData, reload } = useLoad(load);
  const [editing, setEditing] = useState(false);
  if (error) return <ErrorAlert error={error} />;
  if (!review) return null;
  const record = review.record;
  const d = record.data as ReviewData;
  const name = (uid: string | null) => (uid ? (review.people[uid] ?? '') : '');
  // A saved note bumps the record's rev: keep it, so the next move is not a false conflict.
  const saved = (rev: number) => setData({ ...review, record: { ...record, rev } });
  return (
    <Stack>
      <RecordHeader
        title={<span data-testid="review-code">{record.code}</span>}
        state={record.stateLabel}
        stateTestId="review-state"
        actions={
          <Group gap="xs">
            {review.mayEdit ? (
              <Button variant="light" onClick={() => setEditing(true)}>
                Sửa cuộc họp
              </Button>
            ) : null}
            <TransitionButtons record={record} words={WORDS} onDone={reload} />
          </Group>
        }
      >
        <Text fw={600}>{record.title}</Text>
        <RecordSubtitle>
          Kỳ xem xét: từ {formatCivilDate(d.periodFrom)} đến {formatCivilDate(d.periodTo)}
        </RecordSubtitle>
        <Group mt="xs">
          <DocOutputs
            label="In biên bản"
            print={() => api.reviews.print({ id })}
            word={() => api.reviews.exportDocx({ id })}
          />
        </Group>
      </RecordHeader>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Field label="Chủ trì">{name(d.chairId)}</Field>
          <Field label="Thư ký cuộc họp">{name(d.secretaryId)}</Field>
          <Field label="Lần xem xét trước">
            {review.previous
              ? `${review.previous.code}, ngày ${formatCivilDate(review.previous.date)}`
              : 'Chưa có (lần xem xét đầu tiên)'}
          </Field>
          <Field label="Thành phần tham dự">{d.participantIds.map(name).join(', ')}</Field>
          <Field label="Khách mời">{d.guests}</Field>
          {d.held ? (
            <Field label="Ghi nhận đã họp">
              {d.held.name}, {formatCivilDate(d.held.on)}
            </Field>
          ) : null}
          {d.cancelReason ? <Field label="Lý do hủy">{d.cancelReason}</Field> : null}
        </SimpleGrid>
      </Card>
      <Alert color={review.live ? 'blue' : 'green'} data-testid="review-inputs-note">
        {review.live
          ? 'Các đầu vào được tổng hợp từ dữ liệu của xã đến hôm nay. Khi ghi nhận đã họp, số liệu được chốt lại để biên bản không thay đổi.'
          : 'Các đầu vào đã được chốt khi ghi nhận đã họp: đây là số liệu cuộc họp đã xem xét.'}
      </Alert>
      <ReviewInputs
        reviewId={record.id}
        inputs={review.inputs}
        notes={d.notes}
        resources={d.resources}
        editable={review.mayEdit}
        onSaved={saved}
      />
      <Card withBorder>
        <Text fw={600} mb="xs">
          Kết luận, quyết định của cuộc họp (9.3.3)
        </Text>
        <ReviewText
          reviewId={record.id}
          textKey="decisions"
          label="Kết luận về cơ hội cải tiến, nhu cầu thay đổi hệ thống, nhu cầu nguồn lực"
          value={d.decisions}
          editable={review.mayEdit}
          minRows={3}
          onSaved={saved}
        />
      </Card>
      <ActionsCard
        key={record.state}
        sourceKind="review"
        sourceId={record.id}
        words={DECIDED}
        canAdd={review.mayEdit}
        onChange={() => undefined}
      />
      {editing ? (
        <PlanReviewDialog
          review={review}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
      <Button variant="subtle" onClick={() => navigate('/qms/reviews')} w="fit-content">
        ← Danh sách các cuộc họp
      </Button>
    </Stack>
  );
}

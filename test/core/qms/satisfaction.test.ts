// Ratings and feedback as record kinds: the rating checked against its scale, voiding a rating
// typed wrongly; feedback answered by its handler or a manager, on time or late by the date
// given, never dated in the future or before it came in; cancelling with a reason.
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import { feedbackData, feedbackKind, type FeedbackData } from '../../../core/qms/feedback';
import {
  checkRating,
  DEFAULT_RATING_SCALE,
  isSatisfied,
  ratingData,
  ratingKind,
  type RatingScale,
} from '../../../core/qms/rating';
import { actor, record, TODAY } from './support';

const handler = actor('u-handler', 'specialist');
const iso = actor('u-iso', 'iso_coordinator');
const desk = actor('u-desk', 'desk_officer');

const THREE_LEVELS: RatingScale = {
  id: 'tinh-3',
  name: 'Ba mức',
  levels: [
    { key: 'very', label: 'Rất hài lòng', satisfied: true },
    { key: 'ok', label: 'Hài lòng', satisfied: true },
    { key: 'no', label: 'Không hài lòng', satisfied: false },
  ],
  criteria: [{ key: 'attitude', label: 'Thái độ' }],
};

describe('rating against its scale', () => {
  it('accepts the levels and criteria of the scale and says which count as satisfied', () => {
    expect(checkRating(DEFAULT_RATING_SCALE, { level: 'satisfied' })).toBeNull();
    expect(
      checkRating(DEFAULT_RATING_SCALE, {
        level: 'unsatisfied',
        criteria: { attitude: 'unsatisfied' },
      }),
    ).toBeNull();
    expect(isSatisfied(DEFAULT_RATING_SCALE, 'satisfied')).toBe(true);
    expect(isSatisfied(DEFAULT_RATING_SCALE, 'unsatisfied')).toBe(false);
    expect(isSatisfied(THREE_LEVELS, 'ok')).toBe(true);
    expect(isSatisfied(THREE_LEVELS, 'no')).toBe(false);
  });

  it('refuses a level, a criterion or a criterion level not on the scale, in Vietnamese', () => {
    expect(checkRating(DEFAULT_RATING_SCALE, { level: 'very' })).toBe(
      'Mức đánh giá không có trong thang đánh giá.',
    );
    expect(checkRating(THREE_LEVELS, { level: 'ok', criteria: { speed: 'ok' } })).toBe(
      'Tiêu chí đánh giá không hợp lệ.',
    );
    expect(checkRating(THREE_LEVELS, { level: 'ok', criteria: { attitude: 'satisfied' } })).toBe(
      'Mức đánh giá của tiêu chí không có trong thang đánh giá.',
    );
  });

  it('a rating is voided only by the ISO secretary or a leader, with a reason', () => {
    const rating = record(
      'rating',
      'recorded',
      ratingData.parse({
        dossierCode: 'H56-1',
        scaleId: 'default',
        level: 'satisfied',
        satisfied: true,
        channel: 'desk',
        ratedOn: TODAY,
        returnedOn: TODAY,
      }),
    );
    const ctx = (who: typeof iso, comment?: string) => ({
      record: rating,
      actor: who,
      input: comment === undefined ? {} : { comment },
      today: TODAY,
    });
    expect(checkTransition(ratingKind, 'void', ctx(iso, 'Nhập nhầm hồ sơ'))).toMatchObject({
      ok: true,
      to: 'void',
      patch: { data: { voidReason: 'Nhập nhầm hồ sơ' } },
    });
    const noReason = checkTransition(ratingKind, 'void', ctx(iso));
    expect(!noReason.ok && noReason.failure.code).toBe('INVALID_INPUT');
    const byDesk = checkTransition(ratingKind, 'void', ctx(desk, 'x'));
    expect(!byDesk.ok && byDesk.failure.code).toBe('FORBIDDEN');
  });
});

const fb = (over: Partial<FeedbackData> = {}) =>
  feedbackData.parse({
    type: 'feedback',
    channel: 'phone',
    receivedOn: '2026-03-02',
    content: 'Công chức hẹn trả kết quả nhưng không trả đúng hẹn',
    deadline: '2026-03-16',
    ...over,
  });
const received = record('feedback', 'received', fb(), {
  ownerId: handler.id,
  dueDate: '2026-03-16',
});
const answer = (who: typeof iso, input: { comment?: string; date?: string }, rec = received) =>
  checkTransition(feedbackKind, 'answer', { record: rec, actor: who, input, today: TODAY });

describe('feedback transitions', () => {
  it('its handler answers on a date up to today: on time by the deadline, due date cleared', () => {
    const r = answer(handler, { comment: 'Đã xin lỗi và trả kết quả', date: '2026-03-09' });
    expect(r).toMatchObject({
      ok: true,
      to: 'answered',
      patch: {
        dueDate: null,
        data: { answer: 'Đã xin lỗi và trả kết quả', answeredOn: '2026-03-09', onTime: true },
      },
    });
    const late = answer(
      iso,
      { comment: 'Đã trả lời', date: '2026-03-09' },
      record('feedback', 'received', fb({ deadline: '2026-03-06' }), { ownerId: handler.id }),
    );
    expect(late.ok && late.patch.data?.onTime).toBe(false);
  });

  it('refuses an answer by someone else, without text, dated in the future or before receipt', () => {
    const stranger = answer(desk, { comment: 'x', date: TODAY });
    expect(!stranger.ok && stranger.failure.code).toBe('FORBIDDEN');
    const empty = answer(handler, { date: TODAY });
    expect(!empty.ok && empty.failure.code).toBe('INVALID_INPUT');
    const future = answer(handler, { comment: 'x', date: '2026-03-11' });
    expect(!future.ok && future.failure.message).toBe('Ngày trả lời không được sau ngày hôm nay.');
    const before = answer(handler, { comment: 'x', date: '2026-03-01' });
    expect(!before.ok && before.failure.message).toBe(
      'Ngày trả lời không được trước ngày tiếp nhận.',
    );
  });

  it('a manager cancels with a reason; nothing moves an answered entry', () => {
    const cancel = (who: typeof iso, comment?: string) =>
      checkTransition(feedbackKind, 'cancel', {
        record: received,
        actor: who,
        input: comment === undefined ? {} : { comment },
        today: TODAY,
      });
    expect(cancel(iso, 'Trùng với PAKN-2026-001')).toMatchObject({ ok: true, to: 'cancelled' });
    expect(cancel(handler, 'x').ok).toBe(false);
    expect(cancel(iso).ok).toBe(false);
    const answered = record('feedback', 'answered', fb(), { ownerId: handler.id });
    const again = answer(handler, { comment: 'x', date: TODAY }, answered);
    expect(!again.ok && again.failure.code).toBe('CONFLICT');
  });

  it('refuses a deadline before the day it came in', () => {
    const bad = feedbackData.safeParse({ ...fb(), deadline: '2026-03-01' });
    expect(!bad.success && bad.error.issues[0]?.message).toBe(
      'Hạn xử lý không được trước ngày tiếp nhận.',
    );
  });
});

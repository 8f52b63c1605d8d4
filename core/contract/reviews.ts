// Operations of the management review (core/qms/review.ts): plan a meeting, the year's list,
// one review with its 9.3.2 inputs (assembled live while planned, frozen once held), the notes
// on each input, the resources and the decisions, the minutes printed and as .docx. Hold and
// cancel go through qms.transition; decided actions through actions.create (sourceKind 'review').
import { z } from 'zod';
import { REVIEW_INPUT_KEYS } from '../qms/review-inputs';
import { op } from './define';
import { civilDate, recordView } from './qms';
import { id } from './schemas';

const meetingFields = {
  date: civilDate,
  /** Null is refused in services with a clear message (a review with no chair). */
  chairId: id.nullable(),
  secretaryId: id.nullable().default(null),
  participantIds: z.array(id).max(30, 'Tối đa 30 người tham dự').default([]),
  guests: z.string().trim().max(1000, 'Khách mời quá dài (tối đa 1000 ký tự)').default(''),
};

export const reviewRow = z.object({
  id: z.string(),
  code: z.string(),
  date: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  chairName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  actions: z.number(),
  actionsOpen: z.number(),
});
export type ReviewRow = z.infer<typeof reviewRow>;

export const reviewInputView = z.object({
  key: z.enum(REVIEW_INPUT_KEYS),
  clause: z.string(),
  title: z.string(),
  lines: z.array(z.string()),
  figures: z.record(z.string(), z.number()),
  hasData: z.boolean(),
});
export type ReviewInputView = z.infer<typeof reviewInputView>;

export const reviewDetail = z.object({
  record: recordView,
  /** User id → full name for the chair, secretary and participants. */
  people: z.record(z.string(), z.string()),
  inputs: z.array(reviewInputView),
  /** True while the inputs are assembled from today's data (not yet held). */
  live: z.boolean(),
  previous: z.object({ id: z.string(), code: z.string(), date: z.string() }).nullable(),
  /** Whether the caller may change the meeting, the notes and the decisions now. */
  mayEdit: z.boolean(),
});
export type ReviewDetail = z.infer<typeof reviewDetail>;

/** Which text of the review: a 9.3.2 input's note ('resources' is the input itself), or the
 * decisions. */
export const REVIEW_TEXT_KEYS = [...REVIEW_INPUT_KEYS, 'decisions'] as const;

export const reviewOps = {
  /** Who may sit (leaders chair), and the last review held (where the next period starts). */
  'reviews.options': op({
    input: z.object({}).strict(),
    output: z.object({
      people: z.array(
        z.object({ id: z.string(), fullName: z.string(), title: z.string(), leader: z.boolean() }),
      ),
      lastHeld: z.object({ id: z.string(), code: z.string(), date: z.string() }).nullable(),
    }),
    access: 'user',
  }),
  'reviews.list': op({
    input: z.object({ year: z.int().min(2000).max(2100) }).strict(),
    output: z.array(reviewRow),
    access: 'user',
  }),
  'reviews.plan': op({
    input: z.object(meetingFields).strict(),
    output: z.object({ id: z.string(), code: z.string() }),
    access: 'user',
  }),
  'reviews.get': op({ input: z.object({ id }).strict(), output: reviewDetail, access: 'user' }),
  'reviews.savePlan': op({
    input: z.object({ id, rev: z.int().min(1), ...meetingFields }).strict(),
    output: reviewDetail,
    access: 'user',
  }),
  /** One text saved at once (the secretary moves from input to input). */
  'reviews.note': op({
    input: z
      .object({
        id,
        key: z.enum(REVIEW_TEXT_KEYS, 'Mục không hợp lệ'),
        text: z.string().max(8000, 'Nội dung quá dài (tối đa 8000 ký tự)'),
      })
      .strict(),
    output: z.object({ rev: z.number() }),
    access: 'user',
  }),
  'reviews.print': op({
    input: z.object({ id }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
  'reviews.exportDocx': op({
    input: z.object({ id }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
};

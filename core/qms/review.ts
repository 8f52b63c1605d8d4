// Management review (xem xét của lãnh đạo, ISO 9.3; QMS.md record 8): a meeting (date, chair,
// participants) over a period whose inputs (9.3.2) are assembled from the office's own data
// (review-inputs.ts), each annotatable; the resources typed in; the decisions; the actions
// decided (the shared action kind, sourceKind 'review') followed to closure and listed in the
// next review. Holding it freezes the inputs as they were discussed.
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import { invalid, type RecordKind } from './kind';
import { REVIEW_INPUT_KEYS } from './review-inputs';
import { signature } from './rules';

export const REVIEW_STATES = ['planned', 'held', 'cancelled'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);
const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

const frozenInput = z.object({
  key: z.enum(REVIEW_INPUT_KEYS),
  clause: z.string(),
  title: z.string(),
  lines: z.array(z.string()),
  figures: z.record(z.string(), z.number()),
  hasData: z.boolean(),
});

const frozenAction = z.object({
  title: z.string(),
  description: z.string(),
  ownerName: z.string(),
  dueDate: z.string().nullable(),
});

export const reviewData = z.object({
  year: z.int().min(2000).max(2100),
  /** The period reviewed: from the day after the last review (or 1 January) to the meeting. */
  periodFrom: civil('Ngày bắt đầu kỳ xem xét'),
  periodTo: civil('Ngày kết thúc kỳ xem xét'),
  date: civil('Ngày họp'),
  chairId: z.string().min(1, 'Phải chọn người chủ trì'),
  /** Who keeps the minutes (thư ký cuộc họp): signs them with the chair. */
  secretaryId: z.string().nullable().default(null),
  participantIds: z.array(z.string()).max(30).default([]),
  /** Guests and others present, typed in. */
  guests: z.string().max(1000).default(''),
  /** The secretary's and the meeting's notes on each input. */
  notes: z
    .partialRecord(
      z.enum(REVIEW_INPUT_KEYS),
      z.string().max(4000, 'Ý kiến quá dài (tối đa 4000 ký tự)'),
    )
    .default({}),
  /** 9.3.2 d: the adequacy of resources, typed in. */
  resources: z.string().max(4000, 'Nội dung nguồn lực quá dài (tối đa 4000 ký tự)').default(''),
  /** 9.3.3: conclusions and decisions on improvement, changes, resources. */
  decisions: z.string().max(8000, 'Kết luận quá dài (tối đa 8000 ký tự)').default(''),
  /** The inputs as discussed, frozen when the review is held. */
  inputs: z.array(frozenInput).nullable().default(null),
  /** The actions decided, as the minutes list them, frozen when the review is held. */
  decidedActions: z.array(frozenAction).nullable().default(null),
  held: signatureSchema.nullable().default(null),
  cancelReason: z.string().max(4000).default(''),
});
export type ReviewData = z.infer<typeof reviewData>;

const MANAGERS = ['leader', 'iso_coordinator'] as const;

export const reviewKind: RecordKind<ReviewState, ReviewData> = {
  kind: 'review',
  label: 'Cuộc họp xem xét của lãnh đạo',
  states: REVIEW_STATES,
  stateLabels: { planned: 'Đang chuẩn bị', held: 'Đã họp', cancelled: 'Đã hủy' },
  initial: 'planned',
  createRoles: [...MANAGERS],
  data: reviewData,
  transitions: {
    /** Recording the meeting held: the services freeze the inputs (effect). */
    hold: {
      label: 'ghi nhận đã họp xem xét',
      from: ['planned'],
      to: 'held',
      roles: [...MANAGERS],
      rules: [
        (c) =>
          c.record.data.decisions.trim() === ''
            ? invalid('Phải ghi kết luận, quyết định của cuộc họp trước khi ghi nhận đã họp.')
            : null,
        (c) =>
          c.record.data.date > c.today
            ? invalid('Chưa đến ngày họp: không ghi nhận cuộc họp trước ngày họp.')
            : null,
      ],
      apply: (c) => ({ data: { held: signature(c) }, dueDate: null }),
    },
    cancel: {
      label: 'hủy cuộc họp',
      from: ['planned'],
      to: 'cancelled',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { cancelReason: c.input.comment ?? '' }, dueDate: null }),
    },
  },
  // Actions are decided at the meeting: the held minutes list them, frozen.
  acceptsActions: ['planned'],
  inbox: [
    {
      state: 'planned',
      task: 'Chuẩn bị họp xem xét của lãnh đạo',
      who: ['iso_coordinator'],
      horizonDays: 14,
    },
  ],
  link: (r) => `/qms/reviews/${r.id}`,
};

// Citizens' satisfaction with a dossier (ISO 9.1.2; QMS.md record 7): one rating per returned
// dossier, taken on the return dialog or copied later from a paper slip. The scale and its
// criteria are data (the province may publish its own); each level says whether it counts as
// satisfied, which is what the satisfaction rate and the QĐ 766 ratio read.
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import type { RecordKind } from './kind';

export const ratingLevel = z.object({
  key: z.string().regex(/^[a-z_]{1,40}$/),
  label: z.string().min(1).max(100),
  satisfied: z.boolean(),
});

export const ratingScale = z.object({
  id: z.string().min(1).max(60),
  name: z.string().min(1).max(200),
  levels: z.array(ratingLevel).min(2).max(10),
  /** Optional criteria the citizen may rate with the same levels. */
  criteria: z
    .array(z.object({ key: z.string().regex(/^[a-z_]{1,40}$/), label: z.string().min(1) }))
    .max(20),
});
export type RatingScale = z.infer<typeof ratingScale>;

const distinct = (keys: readonly string[]) => new Set(keys).size === keys.length;

/**
 * A scale as the province publishes it ('rating_scale' feed entry keyed by its id; a new
 * version replaces it, `withdrawn` takes it out). Checked whole: distinct keys, at least one
 * level counting as satisfied and one not (else no rate means anything).
 */
export const ratingScaleBody = ratingScale
  .extend({
    id: z.string().regex(/^[a-z0-9_-]{1,60}$/, 'Mã thang đánh giá gồm chữ thường, số, - và _'),
    levels: z
      .array(ratingLevel)
      .min(2, 'Thang đánh giá cần ít nhất 2 mức')
      .max(9, 'Thang đánh giá có tối đa 9 mức (chọn bằng phím số 1-9)'),
    criteria: ratingScale.shape.criteria.default([]),
    /** What the province says about this version. */
    note: z.string().max(2000).default(''),
    withdrawn: z.boolean().default(false),
  })
  .superRefine((s, c) => {
    if (!distinct(s.levels.map((l) => l.key)))
      c.addIssue({ code: 'custom', message: 'Trùng mã mức đánh giá', path: ['levels'] });
    if (!distinct(s.criteria.map((l) => l.key)))
      c.addIssue({ code: 'custom', message: 'Trùng mã tiêu chí', path: ['criteria'] });
    if (!s.levels.some((l) => l.satisfied) || s.levels.every((l) => l.satisfied))
      c.addIssue({
        code: 'custom',
        message: 'Thang đánh giá phải có mức hài lòng và mức không hài lòng',
        path: ['levels'],
      });
  });
export type RatingScaleBody = z.infer<typeof ratingScaleBody>;

/** The scale ratings are taken on, with the feed version it came with (0: the default). */
export interface ScaleInForce extends RatingScale {
  readonly version: number;
}

/** The dashboard's request: scales to publish, each at the next version of its id. */
export const publishRatingScalesRequest = z
  .object({ scales: z.array(ratingScaleBody).min(1, 'Chọn ít nhất một thang đánh giá').max(20) })
  .strict();

/** The default until the province publishes one: satisfied / not satisfied, three criteria. */
export const DEFAULT_RATING_SCALE: RatingScale = {
  id: 'default',
  name: 'Hài lòng / Không hài lòng',
  levels: [
    { key: 'satisfied', label: 'Hài lòng', satisfied: true },
    { key: 'unsatisfied', label: 'Không hài lòng', satisfied: false },
  ],
  criteria: [
    { key: 'guidance', label: 'Hướng dẫn, tiếp nhận hồ sơ' },
    { key: 'attitude', label: 'Thái độ phục vụ của công chức' },
    { key: 'timeliness', label: 'Thời gian giải quyết' },
  ],
};

export const RATING_CHANNELS = ['desk', 'paper'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const RATING_CHANNEL_LABELS: Readonly<Record<RatingChannel, string>> = {
  desk: 'Tại quầy khi trả kết quả',
  paper: 'Phiếu đánh giá giấy',
};

const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);

export const ratingData = z.object({
  dossierCode: z.string().min(1),
  scaleId: z.string().min(1),
  /** The feed version of the scale it was taken on (0: the built-in default). */
  scaleVersion: z.number().int().min(0).default(0),
  level: z.string().min(1),
  /** Whether the level counts as satisfied on its scale (kept: scales may change later). */
  satisfied: z.boolean(),
  criteria: z.record(z.string(), z.string()).default({}),
  comment: z.string().max(2000).default(''),
  channel: z.enum(RATING_CHANNELS),
  ratedOn: civil('Ngày đánh giá'),
  /** The day the result was returned: the period a rating counts in. */
  returnedOn: civil('Ngày trả kết quả'),
  voidReason: z.string().max(4000).default(''),
});
export type RatingData = z.infer<typeof ratingData>;

export interface RatingChoice {
  readonly level: string;
  readonly criteria?: Readonly<Record<string, string>> | undefined;
}

/** The level and criteria checked against the scale: the first problem in Vietnamese, or null. */
export function checkRating(scale: RatingScale, choice: RatingChoice): string | null {
  if (!scale.levels.some((l) => l.key === choice.level))
    return 'Mức đánh giá không có trong thang đánh giá.';
  for (const [key, level] of Object.entries(choice.criteria ?? {})) {
    if (!scale.criteria.some((c) => c.key === key)) return 'Tiêu chí đánh giá không hợp lệ.';
    if (!scale.levels.some((l) => l.key === level))
      return 'Mức đánh giá của tiêu chí không có trong thang đánh giá.';
  }
  return null;
}

export const isSatisfied = (scale: RatingScale, level: string): boolean =>
  scale.levels.find((l) => l.key === level)?.satisfied ?? false;

export const RATING_STATES = ['recorded', 'void'] as const;
export type RatingState = (typeof RATING_STATES)[number];

export const ratingKind: RecordKind<RatingState, RatingData> = {
  kind: 'rating',
  label: 'Đánh giá sự hài lòng',
  states: RATING_STATES,
  stateLabels: { recorded: 'Đã ghi nhận', void: 'Đã hủy (nhập nhầm)' },
  initial: 'recorded',
  // The desk officer records it at return; anyone who may return results may copy a slip.
  createRoles: ['desk_officer', 'iso_coordinator', 'leader'],
  data: ratingData,
  transitions: {
    void: {
      label: 'hủy phiếu đánh giá nhập nhầm',
      from: ['recorded'],
      to: 'void',
      roles: ['iso_coordinator', 'leader'],
      requires: ['comment'],
      apply: (c) => ({ data: { voidReason: c.input.comment ?? '' } }),
    },
  },
  link: (r) => `/dossiers/${r.sourceId ?? ''}`,
};

// Operations of citizens' satisfaction and feedback (core/qms/rating.ts, feedback.ts): the
// rating scale, a rating copied from a paper slip (a rating taken at return rides on
// dossiers.return), a dossier's rating, and the feedback register. Moves of both kinds
// (answer, cancel, void) go through qms.transition like every kind.
import { z } from 'zod';
import { FEEDBACK_CHANNELS, FEEDBACK_TYPES } from '../qms/feedback';
import { ratingScale } from '../qms/rating';
import { op } from './define';
import { civilDate, recordView } from './qms';
import { id } from './schemas';

/** The citizen's choice: a level of the scale and, optionally, a level per criterion. */
export const ratingChoice = z
  .object({
    level: z.string().trim().min(1, 'Phải chọn mức đánh giá').max(40),
    criteria: z.record(z.string().max(40), z.string().max(40)).default({}),
    comment: z.string().trim().max(2000, 'Ý kiến quá dài (tối đa 2000 ký tự)').default(''),
  })
  .strict();

export const feedbackRow = z.object({
  id: z.string(),
  code: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  channelLabel: z.string(),
  receivedOn: z.string(),
  senderName: z.string(),
  content: z.string(),
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  deadline: z.string(),
  answeredOn: z.string().nullable(),
  onTime: z.boolean().nullable(),
  ownerName: z.string().nullable(),
  overdue: z.boolean(),
});
export type FeedbackRow = z.infer<typeof feedbackRow>;

export const feedbackListInput = z
  .object({
    query: z.string().trim().max(200).default(''),
    state: z.enum(['all', 'open', 'overdue', 'answered', 'cancelled']).default('all'),
    year: z.number().int().min(2000).max(2100).nullable().default(null),
  })
  .strict();

const measureView = z.object({
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
});
/** The desk dashboard's satisfaction figures over a period (core/qms/indicators.ts). */
export const satisfactionFigures = z.object({
  from: z.string(),
  to: z.string(),
  /** Satisfied / rated dossiers returned in the period, %. */
  satisfaction: measureView,
  /** QĐ 766/QĐ-TTg ratio over the dossiers resolved in the period, %. */
  qd766: measureView,
});
export type SatisfactionFigures = z.infer<typeof satisfactionFigures>;

export const satisfactionOps = {
  'ratings.figures': op({
    input: z.object({}).strict(),
    output: z.object({ month: satisfactionFigures, year: satisfactionFigures }),
    access: 'user',
  }),
  'ratings.scale': op({
    input: z.object({}).strict(),
    output: ratingScale.extend({ version: z.number() }),
    access: 'user',
  }),
  'ratings.record': op({
    input: ratingChoice.extend({ dossierId: id, ratedOn: civilDate }).strict(),
    output: recordView,
    access: 'user',
  }),
  'ratings.ofDossier': op({
    input: z.object({ dossierId: id }).strict(),
    output: recordView.nullable(),
    access: 'user',
  }),
  'feedback.create': op({
    input: z
      .object({
        type: z.enum(FEEDBACK_TYPES, 'Loại phản ánh, kiến nghị không hợp lệ'),
        channel: z.enum(FEEDBACK_CHANNELS, 'Hình thức tiếp nhận không hợp lệ'),
        receivedOn: civilDate,
        senderName: z.string().trim().max(200).default(''),
        senderContact: z.string().trim().max(200).default(''),
        content: z.string().trim().min(1, 'Phải nhập nội dung phản ánh, kiến nghị').max(4000),
        /** The dossier it is about, by its code ('' = none). */
        dossierCode: z.string().trim().max(80).default(''),
        ownerId: id,
        handlingDays: z
          .number()
          .int('Số ngày xử lý phải là số nguyên')
          .min(1, 'Số ngày xử lý ít nhất là 1')
          .max(90, 'Số ngày xử lý tối đa 90')
          .default(10),
      })
      .strict(),
    output: z.object({ id: z.string(), code: z.string(), deadline: z.string() }),
    access: 'user',
  }),
  'feedback.list': op({
    input: feedbackListInput,
    output: z.object({ rows: z.array(feedbackRow), total: z.number() }),
    access: 'user',
  }),
  'feedback.exportExcel': op({
    input: feedbackListInput,
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
};

// Nonconformity and corrective action (sự không phù hợp, ISO 8.7 / 10.2; QMS.md record 6):
// where it came from (a late dossier, a complaint, an audit finding...), the correction and the
// root cause by 5 whys, the corrective actions (shared action kind, sourceKind 'nonconformity'),
// the check of their effectiveness and the closing. Rules that look at the actions themselves
// (every action closed, the verifier owns none) are enforced in services, in the same
// transaction (services/qms/nonconformity.ts).
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import { invalid, type RecordKind, type Rule } from './kind';
import { dateNotPast, signature } from './rules';

export const NC_SOURCES = [
  'internal_audit',
  'late_dossier',
  'complaint',
  'unsatisfied_citizen',
  'missed_objective',
  'risk',
  'external_inspection',
  'other',
] as const;
export type NcSource = (typeof NC_SOURCES)[number];

export const NC_SOURCE_LABELS: Readonly<Record<NcSource, string>> = {
  internal_audit: 'Đánh giá nội bộ',
  late_dossier: 'Hồ sơ trễ hạn',
  complaint: 'Phản ánh, kiến nghị',
  unsatisfied_citizen: 'Người dân không hài lòng',
  missed_objective: 'Mục tiêu chất lượng không đạt',
  risk: 'Rủi ro',
  external_inspection: 'Kiểm tra, đánh giá bên ngoài',
  other: 'Khác',
};

/** Cause categories (the "5M" an ISO secretary files root causes under). */
export const NC_CATEGORIES = [
  'people',
  'method',
  'equipment',
  'documents',
  'environment',
  'legal',
  'other',
] as const;
export type NcCategory = (typeof NC_CATEGORIES)[number];

export const NC_CATEGORY_LABELS: Readonly<Record<NcCategory, string>> = {
  people: 'Con người (năng lực, trách nhiệm)',
  method: 'Quy trình, phương pháp làm việc',
  equipment: 'Máy móc, thiết bị, phần mềm',
  documents: 'Tài liệu, biểu mẫu, hồ sơ',
  environment: 'Môi trường, điều kiện làm việc',
  legal: 'Văn bản pháp luật, quy định bên ngoài',
  other: 'Khác',
};

export const NC_STATES = [
  'open',
  'analysed',
  'planned',
  'implemented',
  'verified',
  'closed',
  'cancelled',
] as const;
export type NcState = (typeof NC_STATES)[number];

/** States in which the nonconformity is still being handled (its deadline matters). */
export const NC_OPEN_STATES: readonly NcState[] = [
  'open',
  'analysed',
  'planned',
  'implemented',
  'verified',
];

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });
const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);

const analysisFields = z.object({
  correction: z.string().trim().max(4000).default(''),
  whys: z
    .array(z.string().trim().max(1000))
    .max(5, 'Tối đa 5 câu hỏi "Tại sao"')
    .transform((w) => w.filter((s) => s !== ''))
    .refine((w) => w.length >= 1, 'Phải trả lời ít nhất một câu hỏi "Tại sao"'),
  rootCause: z.string().trim().min(1, 'Phải nêu nguyên nhân gốc rễ').max(4000),
  category: z.enum(NC_CATEGORIES, 'Phải chọn nhóm nguyên nhân'),
});

export const nonconformityData = z
  .object({
    source: z.enum(NC_SOURCES, 'Nguồn phát hiện không hợp lệ'),
    description: z.string().trim().min(1, 'Phải mô tả sự không phù hợp').max(4000),
    /** Ngày phát hiện: the record's date. */
    detectedOn: civil('Ngày phát hiện'),
    /** Hạn hoàn thành khắc phục, kept for "closed on time" (the row's dueDate follows it). */
    deadline: civil('Hạn khắc phục'),
    correction: z.string().max(4000).default(''),
    whys: z.array(z.string().max(1000)).max(5).default([]),
    rootCause: z.string().max(4000).default(''),
    category: z.enum(NC_CATEGORIES).nullable().default(null),
    analysed: signatureSchema.nullable().default(null),
    /** Not checked for effectiveness before this day (set when the actions are planned). */
    verifyOn: civil('Ngày kiểm tra hiệu lực').nullable().default(null),
    verification: z.string().max(4000).default(''),
    verified: signatureSchema.nullable().default(null),
    closedOn: civil('Ngày đóng').nullable().default(null),
    cancelReason: z.string().max(4000).default(''),
  })
  .refine((d) => d.deadline >= d.detectedOn, {
    message: 'Hạn khắc phục không được trước ngày phát hiện.',
    path: ['deadline'],
  });
export type NonconformityData = z.infer<typeof nonconformityData>;

const MANAGERS = ['leader', 'iso_coordinator'] as const;
const HANDLERS = ['leader', 'iso_coordinator', 'internal_auditor'] as const;

/** Effectiveness is not judged before the day set when the actions were planned. */
const notBeforeVerifyDay: Rule<NonconformityData> = (c) => {
  const on = c.record.data.verifyOn;
  return on !== null && c.today < on
    ? {
        // Not the user's input but the calendar: the buttons stay hidden until the day.
        code: 'CONFLICT',
        message: `Chưa đến ngày kiểm tra hiệu lực (${on.split('-').reverse().join('/')}).`,
      }
    : null;
};

/** The deadline is the nonconformity's: closed by then, so its effectiveness is checked by then
 * too (a check set after it would make the record late whatever the office does). */
const verifyByDeadline: Rule<NonconformityData> = (c) => {
  const { deadline } = c.record.data;
  return c.input.date !== undefined && c.input.date > deadline
    ? invalid(
        `Ngày kiểm tra hiệu lực không được sau hạn khắc phục (${deadline.split('-').reverse().join('/')}).`,
      )
    : null;
};

export const nonconformityKind: RecordKind<NcState, NonconformityData> = {
  kind: 'nonconformity',
  label: 'Sự không phù hợp',
  states: NC_STATES,
  stateLabels: {
    open: 'Mới phát hiện',
    analysed: 'Đã phân tích nguyên nhân',
    planned: 'Đang thực hiện hành động khắc phục',
    implemented: 'Đã thực hiện, chờ kiểm tra hiệu lực',
    verified: 'Đã xác nhận hiệu lực',
    closed: 'Đã đóng',
    cancelled: 'Đã hủy',
  },
  initial: 'open',
  createRoles: [...HANDLERS],
  data: nonconformityData,
  transitions: {
    analyse: {
      label: 'phân tích nguyên nhân',
      from: ['open', 'analysed'],
      to: 'analysed',
      roles: [...HANDLERS],
      fields: analysisFields,
      apply: (c) => {
        const f = analysisFields.parse(c.input.fields ?? {});
        return { data: { ...f, analysed: signature(c) } };
      },
    },
    plan: {
      label: 'hoàn tất kế hoạch hành động khắc phục',
      from: ['analysed'],
      to: 'planned',
      roles: [...MANAGERS],
      requires: ['date'],
      rules: [dateNotPast('Ngày kiểm tra hiệu lực'), verifyByDeadline],
      apply: (c) => ({ data: { verifyOn: c.input.date ?? null } }),
    },
    /** The app moves it when the last open action is reported done (services). */
    implement: {
      label: 'ghi nhận đã thực hiện các hành động',
      from: ['planned'],
      to: 'implemented',
      roles: 'system',
    },
    verify: {
      label: 'xác nhận hành động khắc phục có hiệu lực',
      from: ['implemented'],
      to: 'verified',
      roles: [...MANAGERS],
      requires: ['comment'],
      rules: [notBeforeVerifyDay],
      apply: (c) => ({
        data: { verification: c.input.comment ?? '', verified: signature(c) },
      }),
    },
    ineffective: {
      label: 'kết luận chưa có hiệu lực, mở lại',
      from: ['implemented'],
      to: 'planned',
      roles: [...MANAGERS],
      requires: ['comment'],
      rules: [notBeforeVerifyDay],
      apply: (c) => ({ data: { verification: c.input.comment ?? '', verified: null } }),
    },
    close: {
      label: 'đóng sự không phù hợp',
      from: ['verified'],
      to: 'closed',
      roles: [...MANAGERS],
      apply: (c) => ({ data: { closedOn: c.today }, dueDate: null }),
    },
    cancel: {
      label: 'hủy',
      from: ['open', 'analysed', 'planned'],
      to: 'cancelled',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { cancelReason: c.input.comment ?? '' }, dueDate: null }),
    },
  },
  acceptsActions: NC_OPEN_STATES,
  inbox: [
    { state: 'open', task: 'Phân tích nguyên nhân sự không phù hợp', who: 'owner' },
    { state: 'analysed', task: 'Lập kế hoạch hành động khắc phục', who: 'owner' },
    // While the actions run, the owner is reminded only when the deadline has come.
    {
      state: 'planned',
      task: 'Theo dõi khắc phục sự không phù hợp',
      who: 'owner',
      horizonDays: 0,
    },
    // Effectiveness is checked from the day set when the actions were planned, not before.
    {
      state: 'implemented',
      task: 'Kiểm tra hiệu lực hành động khắc phục',
      who: [...MANAGERS],
      when: (r, _user, today) => r.data.verifyOn === null || r.data.verifyOn <= today,
    },
    { state: 'verified', task: 'Đóng sự không phù hợp', who: 'owner' },
  ],
  link: (r) => `/qms/nonconformities/${r.id}`,
};

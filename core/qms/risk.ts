// Risks and opportunities (rủi ro và cơ hội, ISO 6.1; QMS.md record 4): per process (a catalog
// procedure or an internal process), assessed likelihood × impact on the 5×5 scale
// (risk-scale.ts, levels by thresholds that are data), a treatment (accept / reduce / avoid /
// transfer; an opportunity is pursued or only watched) carried out by shared actions
// (sourceKind 'risk'), re-assessed after treatment (the residual score), reviewed on a date
// that reaches the owner's inbox, closed when it no longer applies. Rules that look at the
// actions (a treatment needs one, re-assessing needs them done) are in services/qms/risks.ts.
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import {
  invalid,
  SAME_STATE,
  type Patch,
  type RecordKind,
  type Rule,
  type RuleContext,
} from './kind';
import { DEFAULT_RISK_SCALE, levelLabel, riskLevel, riskScore, scalePoint } from './risk-scale';
import { dateNotPast, signature } from './rules';

export const RISK_TYPES = ['risk', 'opportunity'] as const;
export type RiskType = (typeof RISK_TYPES)[number];
export const RISK_TYPE_LABELS: Readonly<Record<RiskType, string>> = {
  risk: 'Rủi ro',
  opportunity: 'Cơ hội',
};

export const PROCESS_TYPES = ['procedure', 'internal'] as const;
export type ProcessType = (typeof PROCESS_TYPES)[number];

export const TREATMENTS = ['accept', 'reduce', 'avoid', 'transfer', 'pursue'] as const;
export type Treatment = (typeof TREATMENTS)[number];
export const TREATMENT_LABELS: Readonly<Record<Treatment, string>> = {
  accept: 'Chấp nhận, theo dõi',
  reduce: 'Giảm thiểu',
  avoid: 'Loại bỏ, né tránh',
  transfer: 'Chuyển giao, chia sẻ',
  pursue: 'Nắm bắt, tận dụng',
};
/** The treatments with actions each type may take ('accept' is its own transition). */
export const ACTIVE_TREATMENTS: Readonly<Record<RiskType, readonly Treatment[]>> = {
  risk: ['reduce', 'avoid', 'transfer'],
  opportunity: ['pursue'],
};

export const RISK_STATES = ['identified', 'treating', 'monitored', 'closed', 'cancelled'] as const;
export type RiskState = (typeof RISK_STATES)[number];
/** States in which the risk is live: on the heat map, reviewed, taking actions. */
export const RISK_OPEN_STATES: readonly RiskState[] = ['identified', 'treating', 'monitored'];

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });
const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);

/** The risk's own fields, before the rules across them (the contract picks from these). */
export const riskFields = z.object({
  type: z.enum(RISK_TYPES, 'Phải chọn rủi ro hay cơ hội'),
  processType: z.enum(PROCESS_TYPES, 'Loại quá trình không hợp lệ'),
  /** The catalog procedure's code ('1.001193'), '' for an internal process. */
  processCode: z.string().trim().max(40).default(''),
  processName: z.string().trim().min(1, 'Phải chọn quá trình').max(300),
  description: z.string().trim().min(1, 'Phải mô tả rủi ro hoặc cơ hội').max(4000),
  cause: z.string().trim().max(4000).default(''),
  /** Hậu quả (a risk). */
  consequence: z.string().trim().max(4000).default(''),
  /** Lợi ích (an opportunity). */
  benefit: z.string().trim().max(4000).default(''),
  likelihood: scalePoint('Khả năng xảy ra'),
  impact: scalePoint('Mức độ ảnh hưởng'),
  /** Ngày nhận diện: the record's date. */
  identifiedOn: civil('Ngày nhận diện'),
  /** Ngày xem xét lại: the row's dueDate follows it while the risk is live. */
  reviewOn: civil('Ngày xem xét lại'),
  treatment: z.enum(TREATMENTS).nullable().default(null),
  treatmentPlan: z.string().max(4000).default(''),
  /** After treatment (đánh giá lại): the residual score's parts. */
  residualLikelihood: scalePoint('Khả năng xảy ra sau xử lý').nullable().default(null),
  residualImpact: scalePoint('Mức độ ảnh hưởng sau xử lý').nullable().default(null),
  evaluated: signatureSchema.nullable().default(null),
  reviewed: signatureSchema.nullable().default(null),
  closeReason: z.string().max(4000).default(''),
  /** Shipped with the app (resources/qms/risks.json), not yet assessed by the office. */
  seed: z.boolean().default(false),
});

export const riskData = riskFields
  .refine((d) => d.reviewOn >= d.identifiedOn, {
    message: 'Ngày xem xét lại không được trước ngày nhận diện.',
    path: ['reviewOn'],
  })
  .refine((d) => (d.residualLikelihood === null) === (d.residualImpact === null), {
    message: 'Phải đánh giá cả khả năng xảy ra và mức độ ảnh hưởng sau xử lý.',
    path: ['residualImpact'],
  });
export type RiskData = z.infer<typeof riskData>;

/** The score now: the residual one once the treatment has been re-assessed. */
export function currentScore(d: Readonly<RiskData>): number {
  return d.residualLikelihood !== null && d.residualImpact !== null
    ? riskScore(d.residualLikelihood, d.residualImpact)
    : riskScore(d.likelihood, d.impact);
}
export const inherentScore = (d: Readonly<RiskData>): number => riskScore(d.likelihood, d.impact);
export function residualScore(d: Readonly<RiskData>): number | null {
  return d.residualLikelihood !== null && d.residualImpact !== null
    ? riskScore(d.residualLikelihood, d.residualImpact)
    : null;
}

const MANAGERS = ['leader', 'iso_coordinator'] as const;
const ASSESSORS = ['leader', 'iso_coordinator', 'internal_auditor'] as const;

const treatFields = z.object({
  treatment: z.enum(TREATMENTS, 'Phải chọn biện pháp xử lý'),
  plan: z.string().trim().max(4000).default(''),
});
const rescoreFields = z.object({
  likelihood: scalePoint('Khả năng xảy ra'),
  impact: scalePoint('Mức độ ảnh hưởng'),
});
const assignFields = z.object({ ownerId: z.string().min(1, 'Phải chọn người phụ trách') });

/** A treatment the record's type takes (a risk is not "pursued", an opportunity not reduced). */
const treatmentFits: Rule<RiskData> = (c) => {
  const t = treatFields.safeParse(c.input.fields ?? {});
  if (!t.success) return null;
  return ACTIVE_TREATMENTS[c.record.data.type].includes(t.data.treatment)
    ? null
    : invalid(
        `Biện pháp "${TREATMENT_LABELS[t.data.treatment]}" không áp dụng cho ${RISK_TYPE_LABELS[c.record.data.type].toLowerCase()}.`,
      );
};

/** A high risk is never just accepted: it needs a treatment with actions. */
const notHigh: Rule<RiskData> = (c) => {
  const d = c.record.data;
  const level = riskLevel(currentScore(d));
  return d.type === 'risk' && level === 'high'
    ? {
        code: 'CONFLICT',
        message: `Rủi ro ở mức ${levelLabel(level, DEFAULT_RISK_SCALE).toLowerCase()} không được chấp nhận mà không xử lý: phải chọn biện pháp xử lý và lập hành động.`,
      }
    : null;
};

/** A patch that also sets the next review date (the row's dueDate follows it). */
function withNextReview(c: RuleContext<RiskData>, data: Partial<RiskData>): Patch<RiskData> {
  const on = c.input.date ?? c.record.data.reviewOn;
  return { data: { ...data, reviewOn: on }, dueDate: on };
}

const rescore = (c: { input: { fields?: Readonly<Record<string, unknown>> | undefined } }) =>
  rescoreFields.parse(c.input.fields ?? {});

export const riskKind: RecordKind<RiskState, RiskData> = {
  kind: 'risk',
  label: 'Rủi ro, cơ hội',
  states: RISK_STATES,
  stateLabels: {
    identified: 'Đã nhận diện, chờ quyết định xử lý',
    treating: 'Đang xử lý',
    monitored: 'Đang theo dõi',
    closed: 'Đã đóng',
    cancelled: 'Đã hủy',
  },
  initial: 'identified',
  createRoles: [...ASSESSORS],
  data: riskData,
  transitions: {
    treat: {
      label: 'quyết định biện pháp xử lý',
      from: ['identified', 'monitored'],
      to: 'treating',
      roles: [...MANAGERS],
      fields: treatFields,
      rules: [treatmentFits],
      apply: (c) => {
        const f = treatFields.parse(c.input.fields ?? {});
        return {
          data: {
            treatment: f.treatment,
            treatmentPlan: f.plan,
            residualLikelihood: null,
            residualImpact: null,
            evaluated: null,
            seed: false,
          },
        };
      },
    },
    accept: {
      label: 'chấp nhận và theo dõi',
      from: ['identified'],
      to: 'monitored',
      roles: [...MANAGERS],
      requires: ['comment', 'date'],
      rules: [notHigh, dateNotPast('Ngày xem xét lại')],
      apply: (c) =>
        withNextReview(c, {
          treatment: 'accept',
          treatmentPlan: c.input.comment ?? '',
          reviewed: signature(c),
          seed: false,
        }),
    },
    /** After the actions: the residual score and the next review. */
    evaluate: {
      label: 'đánh giá lại sau xử lý',
      from: ['treating'],
      to: 'monitored',
      // It verifies the treatment's actions too (services): the roles that verify actions.
      roles: [...MANAGERS],
      requires: ['comment', 'date'],
      fields: rescoreFields,
      rules: [dateNotPast('Ngày xem xét lại')],
      apply: (c) => {
        const f = rescore(c);
        return withNextReview(c, {
          residualLikelihood: f.likelihood,
          residualImpact: f.impact,
          evaluated: signature(c),
        });
      },
    },
    /** The periodic review: the score now and the next review date; the state stays. */
    review: {
      label: 'xem xét định kỳ',
      from: ['identified', 'treating', 'monitored'],
      to: SAME_STATE,
      roles: [...ASSESSORS],
      requires: ['comment', 'date'],
      fields: rescoreFields,
      rules: [dateNotPast('Ngày xem xét lại')],
      apply: (c) => {
        const f = rescore(c);
        const residual = c.record.data.residualLikelihood !== null;
        return withNextReview(c, {
          ...(residual
            ? { residualLikelihood: f.likelihood, residualImpact: f.impact }
            : { likelihood: f.likelihood, impact: f.impact }),
          reviewed: signature(c),
          seed: false,
        });
      },
    },
    assign: {
      label: 'giao người phụ trách',
      from: ['identified', 'treating', 'monitored'],
      to: SAME_STATE,
      roles: [...MANAGERS],
      fields: assignFields,
      apply: (c) => ({ ownerId: assignFields.parse(c.input.fields ?? {}).ownerId }),
    },
    close: {
      label: 'đóng (không còn rủi ro, cơ hội)',
      from: ['identified', 'monitored'],
      to: 'closed',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { closeReason: c.input.comment ?? '' }, dueDate: null }),
    },
    cancel: {
      label: 'hủy',
      from: ['identified', 'treating'],
      to: 'cancelled',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { closeReason: c.input.comment ?? '' }, dueDate: null }),
    },
  },
  acceptsActions: RISK_OPEN_STATES,
  inbox: [
    { state: 'identified', task: 'Quyết định biện pháp xử lý rủi ro, cơ hội', who: 'owner' },
    // While treated or watched, the owner is reminded when the review date has come.
    { state: 'treating', task: 'Xem xét rủi ro, cơ hội đến hạn', who: 'owner', horizonDays: 0 },
    { state: 'monitored', task: 'Xem xét rủi ro, cơ hội đến hạn', who: 'owner', horizonDays: 0 },
  ],
  link: (r) => `/qms/risks/${r.id}`,
};

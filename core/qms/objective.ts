// Quality objectives (mục tiêu chất lượng, ISO 6.2; QMS.md record 3): per year a statement, an
// indicator (computed from the desk's data, core/qms/indicators.ts, or entered by hand), a
// target, the plan to reach it and how often it is measured. Each measurement is its own record
// (kind 'measurement', parent = the objective) keeping the value AND the window it was computed
// on, so recomputing later never changes what was recorded. At year end the objective is
// concluded met or missed, as its last measurement says; a missed one opens a nonconformity.
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import { INDICATOR_KEYS, meetsTarget } from './indicators';
import { invalid, type RecordKind, type Rule } from './kind';
import { signature } from './rules';

export const FREQUENCIES = ['monthly', 'quarterly', 'half_year', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  half_year: '6 tháng một lần',
  yearly: 'Hằng năm',
};

const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);
const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });
const text = (max: number) => z.string().trim().max(max).default('');

export const objectivePlan = z.object({
  what: text(2000),
  resources: text(1000),
  who: text(500),
  when: text(500),
  evaluation: text(1000),
});

export const objectiveData = z
  .object({
    year: z.int().min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
    statement: z.string().trim().min(1, 'Phải nêu mục tiêu').max(1000),
    indicator: z.enum(INDICATOR_KEYS, 'Chỉ số không hợp lệ'),
    /** On-time rate by field or by procedure; the label names it for people. */
    scope: z
      .object({
        field: z.string().max(200).optional(),
        procedureId: z.string().max(100).optional(),
        label: z.string().max(300).default(''),
      })
      .default({ label: '' }),
    unit: z.string().trim().min(1).max(30).default('%'),
    target: z.number('Chỉ tiêu phải là một con số').finite(),
    /** The target is a ceiling ("no more than"), not a floor. */
    atMost: z.boolean().default(false),
    plan: objectivePlan.default({ what: '', resources: '', who: '', when: '', evaluation: '' }),
    frequency: z.enum(FREQUENCIES, 'Tần suất theo dõi không hợp lệ'),
    /** The latest measurement: what the year-end conclusion reads. */
    lastValue: z.number().nullable().default(null),
    lastWindow: z
      .object({ from: civil('Từ ngày'), to: civil('Đến ngày') })
      .nullable()
      .default(null),
    concluded: signatureSchema.nullable().default(null),
    conclusion: z.string().max(4000).default(''),
    cancelReason: z.string().max(4000).default(''),
  })
  .refine((d) => d.unit !== '%' || (d.target >= 0 && d.target <= 100), {
    message: 'Chỉ tiêu tính theo phần trăm phải từ 0 đến 100 %.',
    path: ['target'],
  })
  .refine((d) => d.indicator === 'manual' || d.unit === '%', {
    message: 'Chỉ số tính tự động được đo bằng phần trăm.',
    path: ['unit'],
  });
export type ObjectiveData = z.infer<typeof objectiveData>;

export const OBJECTIVE_STATES = ['active', 'met', 'missed', 'cancelled'] as const;
export type ObjectiveState = (typeof OBJECTIVE_STATES)[number];

const MANAGERS = ['leader', 'iso_coordinator'] as const;

/** The conclusion must agree with the last measurement against the target. */
const concludes =
  (met: boolean): Rule<ObjectiveData> =>
  (c) => {
    const d = c.record.data;
    const verdict = meetsTarget(d.lastValue, d.target, d.atMost);
    if (verdict === null) return invalid('Chưa có kết quả đo lường nào để kết luận mục tiêu.');
    if (verdict !== met)
      return invalid(
        met
          ? 'Kết quả đo lường gần nhất chưa đạt chỉ tiêu, không thể kết luận "đạt".'
          : 'Kết quả đo lường gần nhất đã đạt chỉ tiêu, không thể kết luận "không đạt".',
      );
    return null;
  };

const conclude = (met: boolean) => ({
  label: met ? 'kết luận mục tiêu đạt' : 'kết luận mục tiêu không đạt',
  from: ['active'] as ObjectiveState[],
  to: (met ? 'met' : 'missed') as ObjectiveState,
  roles: [...MANAGERS],
  rules: [concludes(met)],
  apply: (c: Parameters<Rule<ObjectiveData>>[0]) => ({
    data: { concluded: signature(c), conclusion: c.input.comment?.trim() ?? '' },
    dueDate: null,
  }),
});

export const objectiveKind: RecordKind<ObjectiveState, ObjectiveData> = {
  kind: 'objective',
  label: 'Mục tiêu chất lượng',
  states: OBJECTIVE_STATES,
  stateLabels: {
    active: 'Đang theo dõi',
    met: 'Đạt',
    missed: 'Không đạt',
    cancelled: 'Đã hủy',
  },
  initial: 'active',
  createRoles: [...MANAGERS],
  data: objectiveData,
  transitions: {
    conclude_met: conclude(true),
    conclude_missed: conclude(false),
    reopen: {
      label: 'mở lại để đo lường tiếp',
      from: ['met', 'missed'],
      to: 'active',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: () => ({ data: { concluded: null, conclusion: '' } }),
    },
    cancel: {
      label: 'hủy mục tiêu',
      from: ['active'],
      to: 'cancelled',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { cancelReason: c.input.comment ?? '' }, dueDate: null }),
    },
  },
  // The row's dueDate is the end of the next period to measure.
  inbox: [
    {
      state: 'active',
      task: 'Đo lường mục tiêu chất lượng',
      who: ['iso_coordinator'],
      horizonDays: 0,
    },
  ],
  link: (r) => `/qms/objectives?year=${String((r.data as { year?: number }).year ?? '')}`,
};

export const measurementData = z
  .object({
    indicator: z.enum(INDICATOR_KEYS),
    /** 'Quý I/2026'. */
    label: z.string().trim().min(1).max(100),
    from: civil('Từ ngày'),
    to: civil('Đến ngày'),
    value: z.number().finite().nullable(),
    numerator: z.number().int().min(0).nullable().default(null),
    denominator: z.number().int().min(0).nullable().default(null),
    /** The day it was computed or entered: the data it saw was the data of that day. */
    measuredOn: civil('Ngày đo'),
    note: z.string().max(2000).default(''),
    voidReason: z.string().max(2000).default(''),
  })
  .refine((d) => d.to >= d.from, {
    message: 'Đến ngày không được trước từ ngày.',
    path: ['to'],
  });
export type MeasurementData = z.infer<typeof measurementData>;

export const measurementKind: RecordKind<'recorded' | 'void', MeasurementData> = {
  kind: 'measurement',
  label: 'Kết quả đo lường mục tiêu',
  states: ['recorded', 'void'],
  stateLabels: { recorded: 'Đã ghi nhận', void: 'Đã hủy' },
  initial: 'recorded',
  createRoles: [...MANAGERS],
  data: measurementData,
  transitions: {
    void: {
      label: 'hủy kết quả đo lường',
      from: ['recorded'],
      to: 'void',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { voidReason: c.input.comment ?? '' } }),
    },
  },
  link: (r) => `/qms/objectives?objective=${r.parentId ?? ''}`,
};

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export interface Period {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/** The measuring periods of a year at a frequency (months, quarters, halves, the year). */
export function periodsOf(year: number, frequency: Frequency): Period[] {
  const span = { monthly: 1, quarterly: 3, half_year: 6, yearly: 12 }[frequency];
  const out: Period[] = [];
  for (let start = 1, i = 0; start <= 12; start += span, i++) {
    const end = start + span - 1;
    const label =
      frequency === 'monthly'
        ? `Tháng ${start}/${year}`
        : frequency === 'quarterly'
          ? `Quý ${ROMAN[i] ?? ''}/${year}`
          : frequency === 'half_year'
            ? `${i === 0 ? '6 tháng đầu' : '6 tháng cuối'} năm ${year}`
            : `Năm ${year}`;
    out.push({
      label,
      from: `${year}-${pad(start)}-01`,
      to: `${year}-${pad(end)}-${pad(lastDay(year, end))}`,
    });
  }
  return out;
}

/** The first period of the year not yet measured that ends on or after `after`. */
export function nextPeriodEnd(year: number, frequency: Frequency, after: string): string | null {
  return periodsOf(year, frequency).find((p) => p.to >= after)?.to ?? null;
}

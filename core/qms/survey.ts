// Citizens' satisfaction surveys (QMS.md record 7): the province publishes question sets
// ('survey_set' feed entries keyed by the set's key; resources/qms/survey-sets.json is the
// default until it does); the office runs a survey over a period on one set (a record kind:
// draft -> open -> closed), and each paper form is typed in as a 'survey_response' record
// under it: one answer (an option of the question) per question, blank when the citizen left
// it blank. Results count each option per question, pure, here.
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import type { RecordKind } from './kind';
import { signature } from './rules';

const KEY = /^[a-z0-9_]{1,40}$/;
const keyOf = (what: string) => z.string().regex(KEY, `Mã ${what} gồm chữ thường, số và _`);
const distinct = (keys: readonly string[]) => new Set(keys).size === keys.length;

export const surveyOption = z.object({
  key: keyOf('lựa chọn'),
  label: z.string().trim().min(1, 'Nhập nội dung lựa chọn').max(200),
  /** For a satisfaction question: whether this option counts as satisfied. */
  satisfied: z.boolean().nullable().default(null),
});
export type SurveyOption = z.infer<typeof surveyOption>;

export const surveyQuestion = z
  .object({
    key: keyOf('câu hỏi'),
    text: z.string().trim().min(1, 'Nhập nội dung câu hỏi').max(500),
    /** Digits 1-9 pick an option on the data-entry screen: at most 9. */
    options: z
      .array(surveyOption)
      .min(2, 'Mỗi câu hỏi cần ít nhất 2 lựa chọn')
      .max(9, 'Mỗi câu hỏi có tối đa 9 lựa chọn'),
  })
  .refine((q) => distinct(q.options.map((o) => o.key)), {
    message: 'Trùng mã lựa chọn trong một câu hỏi',
    path: ['options'],
  });
export type SurveyQuestion = z.infer<typeof surveyQuestion>;

export const surveyQuestions = z
  .array(surveyQuestion)
  .min(1, 'Bộ câu hỏi cần ít nhất một câu hỏi')
  .max(60, 'Bộ câu hỏi có tối đa 60 câu hỏi')
  .refine((qs) => distinct(qs.map((q) => q.key)), 'Trùng mã câu hỏi trong bộ câu hỏi');

/** A question set as the province publishes it (and as the default ships). */
export const surveySetBody = z.object({
  key: keyOf('bộ câu hỏi'),
  title: z.string().trim().min(1, 'Nhập tên bộ câu hỏi').max(300),
  /** What the form tells the citizen before the questions. */
  intro: z.string().max(2000).default(''),
  questions: surveyQuestions,
  note: z.string().max(2000).default(''),
  withdrawn: z.boolean().default(false),
});
export type SurveySetBody = z.infer<typeof surveySetBody>;

/** The dashboard's request: sets to publish, each at the next version of its key. */
export const publishSurveySetsRequest = z
  .object({ sets: z.array(surveySetBody).min(1, 'Chọn ít nhất một bộ câu hỏi').max(20) })
  .strict();

const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);
const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

export const surveyData = z
  .object({
    from: civil('Ngày bắt đầu khảo sát'),
    to: civil('Ngày kết thúc khảo sát'),
    /** The question set it was made from, and its version (0: the default shipped). */
    setKey: z.string().min(1),
    setVersion: z.number().int().min(0),
    setTitle: z.string(),
    /** The questions as they were when the survey was made (a later version changes nothing). */
    questions: surveyQuestions,
    opened: signatureSchema.nullable().default(null),
    closed: signatureSchema.nullable().default(null),
  })
  .refine((d) => d.to >= d.from, {
    message: 'Ngày kết thúc khảo sát không được trước ngày bắt đầu.',
    path: ['to'],
  });
export type SurveyData = z.infer<typeof surveyData>;

export const SURVEY_STATES = ['draft', 'open', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];
const MANAGERS = ['iso_coordinator', 'leader'] as const;

export const surveyKind: RecordKind<SurveyState, SurveyData> = {
  kind: 'survey',
  label: 'Khảo sát sự hài lòng',
  states: SURVEY_STATES,
  stateLabels: { draft: 'Dự thảo', open: 'Đang nhập phiếu', closed: 'Đã kết thúc' },
  initial: 'draft',
  createRoles: [...MANAGERS],
  data: surveyData,
  transitions: {
    open: {
      label: 'mở nhập phiếu khảo sát',
      from: ['draft'],
      to: 'open',
      roles: [...MANAGERS],
      apply: (c) => ({ data: { opened: signature(c) } }),
    },
    close: {
      label: 'kết thúc khảo sát',
      from: ['open'],
      to: 'closed',
      roles: [...MANAGERS],
      apply: (c) => ({ data: { closed: signature(c) } }),
    },
    reopen: {
      label: 'mở lại để nhập thêm phiếu',
      from: ['closed'],
      to: 'open',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: () => ({ data: { closed: null } }),
    },
  },
  link: (r) => `/qms/surveys/${r.id}`,
};

/** One paper form: the option chosen per question key (a blank question has no entry). */
export const surveyAnswers = z.record(z.string().regex(KEY), z.string().regex(KEY));
export type SurveyAnswers = z.infer<typeof surveyAnswers>;

export const surveyResponseData = z.object({
  surveyId: z.string().min(1),
  /** Số phiếu: 1, 2, 3… in the order typed in on the PCs of its series (formSeries). */
  formNo: z.number().int().min(1),
  /** The number the province gave the PC it was typed in on; null on a PC not yet enrolled. */
  deviceNo: z.number().int().min(1).nullable().default(null),
  answers: surveyAnswers,
  voidReason: z.string().max(4000).default(''),
  /** Who voided the form and on which day (forms voided before it was kept: null). */
  voided: signatureSchema.nullable().default(null),
});
export type SurveyResponseData = z.infer<typeof surveyResponseData>;

export const RESPONSE_STATES = ['recorded', 'void'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

export const surveyResponseKind: RecordKind<ResponseState, SurveyResponseData> = {
  kind: 'survey_response',
  label: 'Phiếu khảo sát',
  states: RESPONSE_STATES,
  stateLabels: { recorded: 'Đã nhập', void: 'Đã hủy (nhập nhầm)' },
  initial: 'recorded',
  createRoles: ['desk_officer', ...MANAGERS],
  data: surveyResponseData,
  transitions: {
    void: {
      label: 'hủy phiếu khảo sát nhập nhầm',
      from: ['recorded'],
      to: 'void',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { voidReason: c.input.comment ?? '', voided: signature(c) } }),
    },
  },
  link: (r) => `/qms/surveys/${r.data.surveyId}`,
};

/**
 * Forms are numbered per series, offline, without asking anyone: the first enrolled PC of the
 * office (and a PC not enrolled yet, which has no other PC to collide with) count 1, 2, 3…;
 * the office's PC number n (n >= 2, given by the province at enrolment) counts n-1, n-2, n-3…
 * So two PCs of one office typing forms of the same survey never give the same number.
 */
export const formSeries = (deviceNo: number | null): number =>
  deviceNo === null || deviceNo <= 1 ? 1 : deviceNo;

/** The form's number as people read and type it: '15', or '2-15' from the office's PC 2. */
export function formNumber(d: Pick<SurveyResponseData, 'formNo' | 'deviceNo'>): string {
  const series = formSeries(d.deviceNo);
  return series === 1 ? String(d.formNo) : `${series}-${d.formNo}`;
}

/** The form's answers checked against the questions: the first problem in Vietnamese, or null. */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, string>>,
): string | null {
  const entries = Object.entries(answers);
  if (entries.length === 0) return 'Phiếu chưa có câu trả lời nào.';
  for (const [key, option] of entries) {
    const index = questions.findIndex((q) => q.key === key);
    const question = questions[index];
    if (!question) return 'Câu hỏi không có trong bộ câu hỏi của cuộc khảo sát.';
    if (!question.options.some((o) => o.key === option))
      return `Câu ${index + 1}: câu trả lời không có trong các lựa chọn của câu hỏi.`;
  }
  return null;
}

export interface OptionCount {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** Share of the forms that answered the question (0-100, 0.1), null when none did. */
  readonly percent: number | null;
}

export interface QuestionResult {
  readonly key: string;
  readonly no: number;
  readonly text: string;
  readonly answered: number;
  readonly blank: number;
  readonly options: OptionCount[];
  /** For a satisfaction question (options flagged): satisfied / answered, %; else null. */
  readonly satisfiedPercent: number | null;
}

const percent = (n: number, of: number): number | null =>
  of === 0 ? null : Math.round((n / of) * 1000) / 10;

/** Counts per option of each question over the forms (void ones left out by the caller). */
export function surveyResults(
  questions: readonly SurveyQuestion[],
  forms: readonly Readonly<Record<string, string>>[],
): QuestionResult[] {
  return questions.map((q, i) => {
    const counts = new Map(q.options.map((o) => [o.key, 0]));
    for (const f of forms) {
      const a = f[q.key];
      if (a !== undefined && counts.has(a)) counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    const answered = [...counts.values()].reduce((s, n) => s + n, 0);
    const flagged = q.options.some((o) => o.satisfied !== null);
    const satisfied = q.options
      .filter((o) => o.satisfied === true)
      .reduce((s, o) => s + (counts.get(o.key) ?? 0), 0);
    return {
      key: q.key,
      no: i + 1,
      text: q.text,
      answered,
      blank: forms.length - answered,
      options: q.options.map((o) => ({
        key: o.key,
        label: o.label,
        count: counts.get(o.key) ?? 0,
        percent: percent(counts.get(o.key) ?? 0, answered),
      })),
      satisfiedPercent: flagged ? percent(satisfied, answered) : null,
    };
  });
}

// Operations of satisfaction surveys (core/qms/survey.ts): the question sets on offer (the
// province's, else the default), a survey made on one, its paper forms typed in and corrected,
// its results per question and their Excel. Opening and closing a survey, and voiding a form
// typed in by mistake, go through qms.transition like every kind.
import { z } from 'zod';
import { surveyAnswers, surveyQuestion } from '../qms/survey';
import { op } from './define';
import { civilDate, recordView } from './qms';
import { id } from './schemas';

export const surveySetView = z.object({
  key: z.string(),
  /** The feed version; 0 for the default shipped with the app. */
  version: z.number(),
  title: z.string(),
  intro: z.string(),
  questions: z.array(surveyQuestion),
  fromProvince: z.boolean(),
});
export type SurveySetView = z.infer<typeof surveySetView>;

export const surveyRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  from: z.string(),
  to: z.string(),
  setTitle: z.string(),
  forms: z.number(),
});
export type SurveyRow = z.infer<typeof surveyRow>;

export const surveyForm = z.object({
  id: z.string(),
  formNo: z.number(),
  /** Số phiếu as shown and typed: '15', or '2-15' from the office's PC 2 (core/qms/survey.ts). */
  number: z.string(),
  /** Series of the number (1, or the PC's number): forms sort by series, then formNo. */
  series: z.number(),
  state: z.string(),
  rev: z.number(),
  answers: z.record(z.string(), z.string()),
  /** A voided form: why, who and on which day (null before that was kept). */
  voidReason: z.string(),
  voided: z.object({ name: z.string(), on: z.string() }).nullable(),
});
export type SurveyForm = z.infer<typeof surveyForm>;

const optionCount = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number(),
  percent: z.number().nullable(),
});
export const questionResult = z.object({
  key: z.string(),
  no: z.number(),
  text: z.string(),
  answered: z.number(),
  blank: z.number(),
  options: z.array(optionCount),
  satisfiedPercent: z.number().nullable(),
});
export type QuestionResultView = z.infer<typeof questionResult>;

const answersInput = surveyAnswers.refine((a) => Object.keys(a).length <= 60, 'Phiếu quá dài');

export const surveyOps = {
  'surveys.sets': op({
    input: z.object({}).strict(),
    output: z.array(surveySetView),
    access: 'user',
  }),
  'surveys.list': op({ input: z.object({}).strict(), output: z.array(surveyRow), access: 'user' }),
  'surveys.create': op({
    input: z
      .object({
        title: z.string().trim().min(1, 'Nhập tên cuộc khảo sát').max(300, 'Tên quá dài'),
        setKey: z.string().trim().min(1, 'Chọn bộ câu hỏi').max(40),
        from: civilDate,
        to: civilDate,
      })
      .strict(),
    output: recordView,
    access: 'user',
  }),
  'surveys.get': op({
    input: z.object({ id }).strict(),
    output: z.object({
      survey: recordView,
      forms: z.array(surveyForm),
      /** The series this PC numbers its forms in (formSeries of its number in the office). */
      series: z.number(),
    }),
    access: 'user',
  }),
  'surveys.answer': op({
    input: z.object({ surveyId: id, answers: answersInput }).strict(),
    output: surveyForm,
    access: 'user',
  }),
  'surveys.correct': op({
    input: z.object({ id, rev: z.number().int(), answers: answersInput }).strict(),
    output: surveyForm,
    access: 'user',
  }),
  'surveys.results': op({
    input: z.object({ id }).strict(),
    output: z.object({ forms: z.number(), questions: z.array(questionResult) }),
    access: 'user',
  }),
  'surveys.exportExcel': op({
    input: z.object({ id }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
};

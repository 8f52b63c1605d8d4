// Operations of quality objectives (core/qms/objective.ts) and their measurements: create, the
// year's list with measurements and verdicts, compute an indicator (or every objective's) for
// a window without recording it, record a measurement (value and window kept). Conclusions and cancelling go
// through qms.transition like every kind.
import { z } from 'zod';
import { INDICATOR_KEYS } from '../qms/indicators';
import { FREQUENCIES, objectivePlan } from '../qms/objective';
import { op } from './define';
import { civilDate, recordView } from './qms';
import { id } from './schemas';

const year = z.int('Năm không hợp lệ').min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');

export const measurementRow = z.object({
  id: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  measuredOn: z.string(),
  met: z.boolean().nullable(),
});

export const objectiveRow = z.object({
  record: recordView,
  indicatorLabel: z.string(),
  scopeLabel: z.string(),
  frequencyLabel: z.string(),
  /** The last measurement against the target; null before any. */
  met: z.boolean().nullable(),
  measurements: z.array(measurementRow),
  /** The periods of the year at the objective's frequency, for the measure dialog. */
  periods: z.array(z.object({ label: z.string(), from: z.string(), to: z.string() })),
});
export type ObjectiveRow = z.infer<typeof objectiveRow>;

const windowInput = { objectiveId: id, from: civilDate, to: civilDate };

export const objectiveOps = {
  'objectives.create': op({
    input: z
      .object({
        year,
        statement: z.string().trim().min(1, 'Phải nêu mục tiêu').max(1000),
        indicator: z.enum(INDICATOR_KEYS, 'Chỉ số không hợp lệ'),
        field: z.string().trim().max(200).default(''),
        procedureId: id.nullable().default(null),
        unit: z.string().trim().min(1, 'Phải nêu đơn vị tính').max(30).default('%'),
        target: z.number('Chỉ tiêu phải là một con số').finite(),
        atMost: z.boolean().default(false),
        plan: objectivePlan,
        frequency: z.enum(FREQUENCIES, 'Tần suất theo dõi không hợp lệ'),
      })
      .strict(),
    output: z.object({ id: z.string(), code: z.string() }),
    access: 'user',
  }),
  'objectives.list': op({
    input: z.object({ year }).strict(),
    output: z.object({
      rows: z.array(objectiveRow),
      met: z.number(),
      missed: z.number(),
      pending: z.number(),
    }),
    access: 'user',
  }),
  'objectives.compute': op({
    input: z.object(windowInput).strict(),
    output: z.object({
      value: z.number().nullable(),
      numerator: z.number(),
      denominator: z.number(),
    }),
    access: 'user',
  }),
  /** Every computed objective of a year over one window, its facts read once. */
  'objectives.computeAll': op({
    input: z.object({ year, from: civilDate, to: civilDate }).strict(),
    output: z.object({
      rows: z.array(
        z.object({
          objectiveId: z.string(),
          value: z.number().nullable(),
          numerator: z.number(),
          denominator: z.number(),
        }),
      ),
    }),
    access: 'user',
  }),
  'objectives.measure': op({
    input: z
      .object({
        ...windowInput,
        label: z.string().trim().min(1, 'Phải nêu kỳ đo lường').max(100),
        /** Hand-entered indicators only; computed ones are computed. */
        value: z.number('Kết quả phải là một con số').finite().nullable().default(null),
        note: z.string().trim().max(2000).default(''),
      })
      .strict(),
    output: measurementRow,
    access: 'user',
  }),
};

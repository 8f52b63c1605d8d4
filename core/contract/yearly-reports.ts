// Operations of the yearly report to the province's Sở KH&CN (core/qms/yearly-report.ts): the
// list by year (which is due), the year's figures computed now without writing (the screen's
// preview and the benchmark), generating a year's draft, regenerating a draft, saving the
// texts typed in, and the report printed and as .docx. Submit, return, approve and send go
// through qms.transition.
import { z } from 'zod';
import { op } from './define';
import { recordView } from './qms';
import { id } from './schemas';

const year = z
  .number('Năm báo cáo phải là số')
  .int('Năm báo cáo phải là số nguyên')
  .min(2000, 'Năm báo cáo không hợp lệ')
  .max(2200, 'Năm báo cáo không hợp lệ');

export const yearlyReportOps = {
  'yearly.list': op({
    input: z.object({}).strict(),
    output: z.object({
      /** Every report, newest year first. */
      reports: z.array(recordView),
      /** The year whose report is due now (this year's from 1 December, else last year's). */
      dueYear: z.number(),
      /** The latest year a report may be made for (this year). */
      maxYear: z.number(),
      /** The caller may generate a report. */
      mayGenerate: z.boolean(),
      /** Where the template comes from: 0 = the default, else the province's version. */
      templateVersion: z.number(),
      today: z.string(),
    }),
    access: 'user',
  }),
  /** The year's figures as the data says them now, nothing written. */
  'yearly.preview': op({
    input: z.object({ year }).strict(),
    output: z.record(z.string(), z.unknown()),
    access: 'user',
  }),
  'yearly.generate': op({
    input: z.object({ year }).strict(),
    output: recordView,
    access: 'user',
  }),
  /** A draft's figures (and template) taken again from the data. */
  'yearly.regenerate': op({
    input: z.object({ id, rev: z.number().int().min(1) }).strict(),
    output: recordView,
    access: 'user',
  }),
  'yearly.saveTexts': op({
    input: z
      .object({
        id,
        rev: z.number().int().min(1),
        texts: z.record(
          z.string().max(40),
          z.string().trim().max(10_000, 'Nội dung quá dài (tối đa 10.000 ký tự)'),
        ),
      })
      .strict(),
    output: recordView,
    access: 'user',
  }),
  'yearly.print': op({
    input: z.object({ id }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
  'yearly.exportDocx': op({
    input: z.object({ id }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
};

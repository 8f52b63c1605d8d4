// The yearly report to the province's Sở KH&CN (báo cáo tình hình duy trì HTQLCL năm; issue 10
// item 5): one per year, generated from the year's data (yearFigures below, pure), its texts
// typed in (difficulties, proposals...), reviewed, approved by the chairman and sent (it
// reaches the province as a qms_record by sync or the USB file). The figures live in the
// record: regenerating is allowed while it is a draft only, so an approved or sent report
// never changes when the data behind it does.
import { z } from 'zod';
import {
  onlineShare,
  onTimeRate,
  qd766Ratio,
  satisfactionRate,
  type IndicatorFacts,
} from './indicators';
import { invalid, type RecordKind } from './kind';
import { signature } from './rules';
import { reportTemplate } from './yearly-template';

export const YEARLY_STATES = ['draft', 'in_review', 'approved', 'sent'] as const;
export type YearlyState = (typeof YEARLY_STATES)[number];

const int = z.number().int().min(0);
const measureSchema = z.object({ value: z.number().nullable(), numerator: int, denominator: int });

export const yearFiguresSchema = z.object({
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  /** The day the figures were taken. */
  asOf: z.string(),
  scope: z.object({
    procedures: int,
    notApplicable: z.array(z.object({ clause: z.string(), title: z.string() })),
  }),
  /** The announcement decision in force at the year's end, or null. */
  announcement: z.object({ decisionNo: z.string(), signedOn: z.string() }).nullable(),
  documents: z.object({
    issued: int,
    revised: int,
    withdrawn: int,
    list: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        issueNo: z.number(),
        effectiveDate: z.string(),
      }),
    ),
  }),
  audits: z.array(
    z.object({
      code: z.string(),
      area: z.string(),
      date: z.string().nullable(),
      stateLabel: z.string(),
      /** Nonconformities (major + minor), observations, opportunities for improvement. */
      nc: int,
      observations: int,
      improvements: int,
    }),
  ),
  reviews: z.array(z.object({ code: z.string(), date: z.string() })),
  objectives: z.object({
    met: int,
    missed: int,
    unmeasured: int,
    list: z.array(
      z.object({
        code: z.string(),
        statement: z.string(),
        target: z.number(),
        atMost: z.boolean(),
        unit: z.string(),
        value: z.number().nullable(),
        met: z.boolean().nullable(),
      }),
    ),
  }),
  nonconformities: z.object({ opened: int, closed: int, open: int, overdue: int }),
  satisfaction: z.object({ rated: measureSchema, qd766: measureSchema }),
  desk: z.object({ received: int, online: measureSchema, onTime: measureSchema }),
});
export type YearFigures = z.infer<typeof yearFiguresSchema>;

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

export const yearlyReportData = z.object({
  year: z.number().int().min(2000).max(2200),
  /** The template the report was generated with, and its feed version (0: the default). */
  template: reportTemplate,
  templateVersion: z.number().int().min(0),
  figures: yearFiguresSchema,
  /** The texts typed in, by the template's text keys. */
  texts: z.record(z.string(), z.string().max(10_000)).default({}),
  drafted: signatureSchema.nullable().default(null),
  submitted: signatureSchema.nullable().default(null),
  approved: signatureSchema.nullable().default(null),
  /** The signer's title as printed (Chủ tịch, Phó Chủ tịch signing "KT. Chủ tịch"). */
  signerTitle: z.string().default(''),
  sent: signatureSchema.nullable().default(null),
  returnReason: z.string().max(2000).default(''),
});
export type YearlyReportData = z.infer<typeof yearlyReportData>;

export const yearlyReportKind: RecordKind<YearlyState, YearlyReportData> = {
  kind: 'yearly_report',
  label: 'Báo cáo năm về HTQLCL',
  states: YEARLY_STATES,
  stateLabels: {
    draft: 'Dự thảo',
    in_review: 'Chờ lãnh đạo duyệt',
    approved: 'Đã duyệt, chờ gửi',
    sent: 'Đã gửi Sở KH&CN',
  },
  initial: 'draft',
  createRoles: ['iso_coordinator', 'leader'],
  data: yearlyReportData,
  transitions: {
    submit: {
      label: 'trình lãnh đạo duyệt báo cáo',
      from: ['draft'],
      to: 'in_review',
      roles: ['iso_coordinator', 'leader'],
      rules: [
        (c) => {
          const missing = c.record.data.template.sections
            .flatMap((s) => s.texts)
            .filter((x) => !(c.record.data.texts[x.key] ?? '').trim());
          return missing.length
            ? invalid(`Chưa nhập: ${missing.map((x) => x.label).join(', ')}.`)
            : null;
        },
      ],
      apply: (c) => ({ data: { submitted: signature(c), returnReason: '' } }),
    },
    return: {
      label: 'trả lại báo cáo để sửa',
      from: ['in_review'],
      to: 'draft',
      roles: ['leader', 'iso_coordinator'],
      requires: ['comment'],
      apply: (c) => ({ data: { returnReason: c.input.comment ?? '', submitted: null } }),
    },
    /** The chairman approves: the figures are final from here on. */
    approve: {
      label: 'duyệt báo cáo năm',
      from: ['in_review'],
      to: 'approved',
      roles: ['leader'],
      apply: (c) => ({ data: { approved: signature(c) } }),
    },
    send: {
      label: 'gửi báo cáo lên Sở KH&CN',
      from: ['approved'],
      to: 'sent',
      roles: ['iso_coordinator', 'leader'],
      apply: (c) => ({ data: { sent: signature(c) } }),
    },
  },
  acceptsActions: [],
  inbox: [
    { state: 'in_review', task: 'Duyệt báo cáo năm về HTQLCL gửi Sở KH&CN', who: ['leader'] },
    { state: 'approved', task: 'Gửi báo cáo năm đã duyệt lên Sở KH&CN', who: ['iso_coordinator'] },
  ],
  link: (r) => `/qms/yearly-report/${r.data.year}`,
};

/** The year whose report is due on `today`: this year's from 1 December, else last year's. */
export function dueYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) === '12' ? year : year - 1;
}

/** What the office's data says about one year, as services read it (nothing computed). */
export interface YearFacts {
  readonly year: number;
  readonly asOf: string;
  readonly indicators: IndicatorFacts;
  readonly scope: YearFigures['scope'];
  readonly announcement: YearFigures['announcement'];
  /** Revisions of the office's documents that took effect in the year. */
  readonly revisions: YearFigures['documents']['list'];
  readonly withdrawn: number;
  readonly audits: readonly {
    readonly code: string;
    readonly area: string;
    readonly date: string | null;
    readonly stateLabel: string;
    readonly findings: Readonly<Partial<Record<string, number>>>;
  }[];
  /** Management reviews held in the year. */
  readonly reviews: YearFigures['reviews'];
  /** The year's objectives: met or missed (closed so, or by the latest measurement), null
   * when never measured. */
  readonly objectives: readonly {
    readonly code: string;
    readonly statement: string;
    readonly target: number;
    readonly atMost: boolean;
    readonly unit: string;
    readonly value: number | null;
    readonly met: boolean | null;
  }[];
  /** Nonconformities detected in the year, closed in it, or open now (not cancelled). */
  readonly nonconformities: readonly {
    readonly detectedOn: string;
    readonly closedOn: string | null;
    readonly deadline: string;
    readonly open: boolean;
  }[];
}

export const yearWindow = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The report's figures for the year. Pure. */
export function yearFigures(f: Readonly<YearFacts>): YearFigures {
  const w = yearWindow(f.year);
  const inYear = (d: string | null) => d !== null && d >= w.from && d <= w.to;
  const objectives = f.objectives.map((o) => ({ ...o }));
  const open = f.nonconformities.filter((n) => n.open);
  const received = f.indicators.dossiers.filter((d) => inYear(d.receivedOn));
  const count = (x: Readonly<Partial<Record<string, number>>>, k: string) => x[k] ?? 0;
  return {
    year: f.year,
    ...w,
    asOf: f.asOf,
    scope: f.scope,
    announcement: f.announcement,
    documents: {
      issued: f.revisions.filter((r) => r.issueNo <= 1).length,
      revised: f.revisions.filter((r) => r.issueNo > 1).length,
      withdrawn: f.withdrawn,
      list: [...f.revisions],
    },
    audits: f.audits.map((a) => ({
      code: a.code,
      area: a.area,
      date: a.date,
      stateLabel: a.stateLabel,
      nc: count(a.findings, 'major_nc') + count(a.findings, 'minor_nc'),
      observations: count(a.findings, 'observation'),
      improvements: count(a.findings, 'ofi'),
    })),
    reviews: [...f.reviews],
    objectives: {
      met: objectives.filter((o) => o.met === true).length,
      missed: objectives.filter((o) => o.met === false).length,
      unmeasured: objectives.filter((o) => o.met === null).length,
      list: objectives,
    },
    nonconformities: {
      opened: f.nonconformities.filter((n) => inYear(n.detectedOn)).length,
      closed: f.nonconformities.filter((n) => inYear(n.closedOn)).length,
      open: open.length,
      overdue: open.filter((n) => n.deadline < f.asOf).length,
    },
    satisfaction: {
      rated: satisfactionRate(f.indicators, w),
      qd766: qd766Ratio(f.indicators, w),
    },
    desk: {
      received: received.length,
      online: onlineShare(f.indicators, w),
      onTime: onTimeRate(f.indicators, w),
    },
  };
}

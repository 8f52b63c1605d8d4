// The yearly report to the province's Sở KH&CN in services: the list by year, the year's
// figures (collectYearFacts + core yearFigures), generating one report per year as a draft,
// regenerating a draft (never a report in review, approved or sent: its figures stay as the
// chairman approved them), the texts typed in, the approval's signer title, and the inbox line
// saying the report of the due year (this year's from 1 December, else last year's) is still
// to be made or sent.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { OpParsed } from '../../core/contract';
import type { InboxItem } from '../../core/contract/qms';
import { AppError } from '../../core/errors';
import { leaderSignature } from '../../core/forms/signer';
import type { QmsRecord } from '../../core/qms';
import { mayCreate, type Actor } from '../../core/qms/kind';
import {
  dueYear,
  yearFigures,
  yearlyReportKind,
  type YearlyReportData,
} from '../../core/qms/yearly-report';
import { textSlots } from '../../core/qms/yearly-template';
import type { Db, Tx } from '../../db/open';
import { qmsRecords, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import type { InboxSource } from './inbox-types';
import { actorOf, insertRecord, todayOf, toRecord, updateRecord, type Effect } from './records';
import { collectYearFacts } from './yearly-facts';
import { templateInForce } from './yearly-template';
import { recordView, recordViews } from './views';

const KIND = 'yearly_report';
export type YearlyReport = QmsRecord<YearlyReportData>;

const reportsOf = (db: Db | Tx, year?: number): YearlyReport[] =>
  db
    .select()
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, KIND),
        year === undefined ? undefined : sql`json_extract(data, '$.year') = ${year}`,
      ),
    )
    .orderBy(desc(sql`json_extract(data, '$.year')`))
    .all()
    .map((r) => toRecord(r) as YearlyReport);

export const reportOfYear = (db: Db | Tx, year: number): YearlyReport | null =>
  reportsOf(db, year)[0] ?? null;

/** The year must be over or under way: a report for a year still to come is refused. */
function checkYear(ctx: Ctx, year: number): void {
  const current = Number(todayOf(ctx).slice(0, 4));
  if (year > current)
    throw new AppError(
      'INVALID_INPUT',
      `Không thể lập báo cáo cho năm ${year}: năm báo cáo chưa đến (năm nay là ${current}).`,
    );
}

/** The year's figures and the template in force, as a report's data would hold them. */
export function generateData(ctx: Ctx, db: Db | Tx, year: number) {
  const { template, version } = templateInForce(db, ctx.resourcesDir);
  const figures = yearFigures(collectYearFacts(ctx, year, todayOf(ctx)));
  return { template, templateVersion: version, figures };
}

function requireCreator(actor: Actor): void {
  if (!mayCreate(yearlyReportKind as never, actor))
    throw new AppError('FORBIDDEN', 'Chỉ Thư ký ISO hoặc lãnh đạo được lập và sửa báo cáo năm.');
}

function requireDraft(db: Db | Tx, id: string, rev: number): YearlyReport {
  const r = db.select().from(qmsRecords).where(eq(qmsRecords.id, id)).get();
  if (!r || r.kind !== KIND) throw new AppError('NOT_FOUND', 'Không tìm thấy báo cáo năm.');
  const report = toRecord(r) as YearlyReport;
  if (report.state !== 'draft')
    throw new AppError(
      'CONFLICT',
      'Báo cáo đã trình hoặc đã duyệt: số liệu và nội dung không còn thay đổi được.',
    );
  if (report.rev !== rev)
    throw new AppError('CONFLICT', 'Báo cáo đã được người khác cập nhật. Vui lòng tải lại.');
  return report;
}

/** The approval names the signer's title as the report prints it (a deputy: KT. Chủ tịch). */
const approveEffect: Effect = (e) => {
  const signer = e.tx
    .select({ title: users.title })
    .from(users)
    .where(eq(users.id, e.actor.id ?? ''))
    .get();
  return { signerTitle: leaderSignature(e.actor.name, signer?.title ?? '').title };
};

export const YEARLY_REPORT_EFFECTS: Readonly<Record<string, Effect>> = {
  'yearly_report.approve': approveEffect,
};

const audit = (operation: string, r: QmsRecord, summary: string) => ({
  operation,
  entity: 'qms_yearly_report',
  entityId: r.id,
  summary,
});

export const yearlyReportHandlers: PartialHandlers = {
  'yearly.list': (ctx) => {
    const me = actorOf(ctx);
    const today = todayOf(ctx);
    return {
      reports: recordViews(ctx.db, reportsOf(ctx.db), me, today),
      dueYear: dueYear(today),
      maxYear: Number(today.slice(0, 4)),
      mayGenerate: mayCreate(yearlyReportKind as never, me),
      templateVersion: templateInForce(ctx.db, ctx.resourcesDir).version,
      today,
    };
  },
  'yearly.preview': (ctx, input: OpParsed<'yearly.preview'>) => {
    actorOf(ctx);
    checkYear(ctx, input.year);
    return generateData(ctx, ctx.db, input.year).figures;
  },
  'yearly.generate': (ctx, input: OpParsed<'yearly.generate'>) => {
    const actor = actorOf(ctx);
    requireCreator(actor);
    checkYear(ctx, input.year);
    return write(ctx, (tx) => {
      if (reportOfYear(tx, input.year))
        throw new AppError(
          'CONFLICT',
          `Đã có báo cáo năm ${input.year}: mở báo cáo đó (mỗi năm chỉ một báo cáo).`,
        );
      const today = todayOf(ctx);
      const record = insertRecord(tx, ctx.now(), actor, {
        kind: KIND,
        code: `BCN-${input.year}`,
        title: `Báo cáo tình hình duy trì HTQLCL năm ${input.year}`,
        data: {
          year: input.year,
          ...generateData(ctx, tx, input.year),
          drafted: { userId: actor.id ?? '', name: actor.name, on: today },
        },
      });
      return {
        result: recordView(tx, record, actor, today),
        audit: audit('qms.yearly_report.create', record, `Lập báo cáo năm ${input.year}`),
      };
    });
  },
  'yearly.regenerate': (ctx, input: OpParsed<'yearly.regenerate'>) => {
    const actor = actorOf(ctx);
    requireCreator(actor);
    return write(ctx, (tx) => {
      const r = requireDraft(tx, input.id, input.rev);
      const next = updateRecord(
        tx,
        ctx.now(),
        actor,
        r,
        { data: generateData(ctx, tx, r.data.year) },
        'Lấy lại số liệu',
      );
      return {
        result: recordView(tx, next, actor, todayOf(ctx)),
        audit: audit(
          'qms.yearly_report.regenerate',
          r,
          `Lấy lại số liệu báo cáo năm ${r.data.year}`,
        ),
      };
    });
  },
  'yearly.saveTexts': (ctx, input: OpParsed<'yearly.saveTexts'>) => {
    const actor = actorOf(ctx);
    requireCreator(actor);
    return write(ctx, (tx) => {
      const r = requireDraft(tx, input.id, input.rev);
      const known = new Set(textSlots(r.data.template).map((s) => s.key));
      const unknown = Object.keys(input.texts).filter((k) => !known.has(k));
      if (unknown.length)
        throw new AppError(
          'INVALID_INPUT',
          `Mẫu báo cáo không có nội dung "${unknown.join('", "')}": tải lại báo cáo.`,
        );
      const next = updateRecord(
        tx,
        ctx.now(),
        actor,
        r,
        { data: { texts: { ...r.data.texts, ...input.texts } } },
        'Sửa nội dung báo cáo',
      );
      return {
        result: recordView(tx, next, actor, todayOf(ctx)),
        audit: audit('qms.yearly_report.edit', r, `Sửa nội dung báo cáo năm ${r.data.year}`),
      };
    });
  },
};

/** "Việc cần làm" for the ISO secretary: the due year's report not yet made, or still a draft. */
export const yearlyReportDueSource: InboxSource = {
  name: 'yearly-report-due',
  collect: (ctx, me, today) => {
    if (!me.roles.includes('iso_coordinator')) return [];
    const year = dueYear(today);
    const report = reportOfYear(ctx.db, year);
    if (report && report.state !== 'draft') return [];
    const item: InboxItem = {
      source: KIND,
      task: report
        ? `Hoàn thiện và trình duyệt báo cáo năm ${year} về HTQLCL`
        : `Lập báo cáo năm ${year} về HTQLCL gửi Sở KH&CN`,
      id: report?.id ?? `yearly-report-due-${year}`,
      code: report?.code ?? '',
      title: report
        ? report.data.returnReason
          ? `Lãnh đạo trả lại: ${report.data.returnReason}`
          : report.title
        : `Báo cáo tình hình duy trì HTQLCL năm ${year}`,
      dueAt: null,
      overdue: false,
      link: `/qms/yearly-report/${year}`,
    };
    return [item];
  },
};

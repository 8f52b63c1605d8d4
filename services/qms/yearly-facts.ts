// The facts of one year for the yearly report (core/qms/yearly-report.ts yearFigures): the
// announcement in force at the year's end and its scope, the documents' revisions that took
// effect, the audits and management reviews held, the year's objectives, the nonconformities
// and the desk's indicator facts. The same reads the management review and the objectives
// use, so the report says what those screens say for the same year.
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AnnouncementData } from '../../core/qms/announcement';
import { NC_OPEN_STATES } from '../../core/qms/nonconformity';
import type { ReviewData } from '../../core/qms/review';
import { yearWindow, type YearFacts } from '../../core/qms/yearly-report';
import type { Db, Tx } from '../../db/open';
import { qmsRecords } from '../../db/schema';
import type { Ctx } from '../context';
import { currentScope } from './announcements';
import { loadFacts } from './indicator-facts';
import { toRecord } from './records';
import { auditFacts, documentChanges, objectiveFacts } from './review-facts';

const json = (path: string) => sql.raw(`json_extract(data, '$.${path}')`);

function rows<D>(db: Db | Tx, kind: string, ...where: ReturnType<typeof sql>[]) {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, kind), ...where))
    .orderBy(desc(qmsRecords.createdAt))
    .all()
    .map((r) => toRecord(r) as { state: string; code: string; data: D });
}

/** The announcement signed last on or before `to` (approved then, maybe superseded since). */
function announcementAt(db: Db | Tx, to: string) {
  const signed = rows<AnnouncementData>(
    db,
    'announcement',
    sql`${qmsRecords.state} IN ('approved', 'superseded')`,
    sql`${json('signedOn')} <= ${to}`,
  ).sort((a, b) => (b.data.signedOn ?? '').localeCompare(a.data.signedOn ?? ''));
  return signed[0] ?? null;
}

export function collectYearFacts(ctx: Ctx, year: number, asOf: string): YearFacts {
  const db = ctx.db;
  const w = yearWindow(year);
  const announced = announcementAt(db, w.to);
  const scope = announced?.data.scope ?? currentScope(ctx, db);
  const docs = documentChanges(db, w);
  const withdrawn = docs.withdrawn.length;
  const reviews = rows<ReviewData>(
    db,
    'review',
    eq(qmsRecords.state, 'held'),
    sql`${json('date')} BETWEEN ${w.from} AND ${w.to}`,
  )
    .map((r) => ({ code: r.code, date: r.data.date }))
    .sort((a, b) => a.date.localeCompare(b.date));
  // Only the four fields the figures need, read in SQL (not every record's whole data).
  const ncs = db
    .select({
      state: qmsRecords.state,
      detectedOn: sql<string>`${json('detectedOn')}`,
      closedOn: sql<string | null>`${json('closedOn')}`,
      deadline: sql<string>`${json('deadline')}`,
    })
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, 'nonconformity'),
        ne(qmsRecords.state, 'cancelled'),
        sql`(${json('detectedOn')} BETWEEN ${w.from} AND ${w.to} OR ${json('closedOn')} BETWEEN ${w.from} AND ${w.to} OR ${inArray(qmsRecords.state, [...NC_OPEN_STATES])})`,
      ),
    )
    .all()
    .map((n) => ({
      detectedOn: n.detectedOn,
      closedOn: n.closedOn ?? null,
      deadline: n.deadline,
      open: (NC_OPEN_STATES as readonly string[]).includes(n.state),
    }));
  return {
    year,
    asOf,
    indicators: loadFacts(ctx, w),
    scope: {
      procedures: scope.procedures.length,
      notApplicable: scope.notApplicable.map((e) => ({ clause: e.clause, title: e.title })),
    },
    announcement:
      announced && announced.data.signedOn
        ? { decisionNo: announced.data.decisionNo, signedOn: announced.data.signedOn }
        : null,
    revisions: docs.revisions.map((r) => ({
      code: r.code,
      title: r.title,
      issueNo: r.issueNo,
      effectiveDate: r.effectiveDate,
    })),
    withdrawn,
    audits: auditFacts(db, w).audits,
    reviews,
    objectives: objectiveFacts(db, w).map((o) => ({
      code: o.code,
      statement: o.statement,
      target: o.target,
      atMost: o.atMost,
      unit: o.unit,
      value: o.last?.value ?? null,
      met: o.met,
    })),
    nonconformities: ncs,
  };
}

// The facts a management review's inputs are assembled from (core/qms/review-inputs.ts), read
// from the office's own data for the reviewed period: the previous review's actions, document
// and law changes, ratings and feedback, objectives and their last measurement, on-time rates
// by procedure against the period of equal length before, nonconformities, audits and their
// findings, risk actions and the risk register. Plain indexed reads; the wording and the figures are made in core.
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { addCivilDays, dayNumberOf } from '../../core/calendar/civil-time';
import { kindOf, type QmsRecord } from '../../core/qms';
import { actionKind } from '../../core/qms/action';
import { auditKind, type AuditData } from '../../core/qms/audit';
import type { DocumentData } from '../../core/qms/document';
import type { FeedbackData } from '../../core/qms/feedback';
import type { FindingType } from '../../core/qms/finding';
import {
  meetsTarget,
  onlineOf,
  qd766Of,
  satisfactionOf,
  type Window,
} from '../../core/qms/indicators';
import {
  NC_OPEN_STATES,
  NC_SOURCE_LABELS,
  type NonconformityData,
} from '../../core/qms/nonconformity';
import { objectiveKind, type MeasurementData, type ObjectiveData } from '../../core/qms/objective';
import type { ActionFact, ProcedureRate, ReviewFacts } from '../../core/qms/review-facts';
import type { ReviewData } from '../../core/qms/review';
import type { RevisionData } from '../../core/qms/revision';
import type { Db, Tx } from '../../db/open';
import { procedures, qmsRecords } from '../../db/schema';
import type { Ctx } from '../context';
import { findingsOf } from './audits';
import { loadTally } from './indicator-facts';
import { followUpActions, toRecord } from './records';
import { riskFacts } from './risk-review';
import { userNames } from './views';

type Review = QmsRecord<ReviewData>;
const json = (path: string) => sql.raw(`json_extract(${'data'}, '$.${path}')`);
const between = (path: string, w: Window) => sql`${json(path)} BETWEEN ${w.from} AND ${w.to}`;

function recordsOf<D>(db: Db | Tx, kind: string, ...where: (SQL | undefined)[]): QmsRecord<D>[] {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, kind), ...where))
    .orderBy(asc(qmsRecords.code))
    .all()
    .map((r) => toRecord(r) as QmsRecord<D>);
}

/** The last review held before `review` (by meeting date), or null. */
export function previousHeld(db: Db | Tx, date: string, exceptId: string | null): Review | null {
  const held = recordsOf<ReviewData>(
    db,
    'review',
    eq(qmsRecords.state, 'held'),
    sql`${json('date')} <= ${date}`,
    exceptId ? ne(qmsRecords.id, exceptId) : undefined,
  );
  return held.sort((a, b) => b.data.date.localeCompare(a.data.date))[0] ?? null;
}

function actionFacts(db: Db | Tx, actions: readonly QmsRecord[]): ActionFact[] {
  const names = userNames(
    db,
    actions.map((a) => a.ownerId),
  );
  return actions.map((a) => ({
    title: a.title,
    ownerName: a.ownerId ? (names.get(a.ownerId) ?? '') : '',
    dueDate: a.dueDate,
    state: a.state,
    stateLabel: actionKind.stateLabels[a.state as 'open'] ?? a.state,
  }));
}

export function documentChanges(db: Db | Tx, w: Window) {
  const revisions = recordsOf<RevisionData>(
    db,
    'revision',
    inArray(qmsRecords.state, ['effective', 'superseded', 'obsolete']),
    between('effectiveDate', w),
    sql`coalesce(${json('seed')}, 0) = 0`,
  );
  const docIds = [...new Set(revisions.map((r) => r.parentId ?? r.data.documentId))];
  const docs = new Map(
    (docIds.length
      ? recordsOf<DocumentData>(db, 'document', inArray(qmsRecords.id, docIds))
      : []
    ).map((d) => [d.id, d]),
  );
  const withdrawn = recordsOf<DocumentData>(
    db,
    'document',
    eq(qmsRecords.state, 'obsolete'),
    between('withdrawn.by.on', w),
  );
  const external = recordsOf<DocumentData>(
    db,
    'document',
    sql`${json('docType')} = 'external'`,
    sql`(${between('external.effectiveDate', w)} OR ${between('external.expiryDate', w)})`,
  ).flatMap((d) => {
    const e = d.data.external;
    if (!e) return [];
    const base = { number: e.number, title: d.title };
    return [
      ...(e.effectiveDate >= w.from && e.effectiveDate <= w.to
        ? [{ ...base, change: 'effective' as const, on: e.effectiveDate }]
        : []),
      ...(e.expiryDate && e.expiryDate >= w.from && e.expiryDate <= w.to
        ? [{ ...base, change: 'expired' as const, on: e.expiryDate }]
        : []),
    ];
  });
  return {
    revisions: revisions
      .map((r) => {
        const doc = docs.get(r.parentId ?? r.data.documentId);
        return {
          code: doc?.code ?? '',
          title: doc?.title ?? r.title,
          issueNo: r.data.issueNo,
          effectiveDate: r.data.effectiveDate ?? '',
          summary: r.data.changeSummary,
        };
      })
      .sort(
        (a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.code.localeCompare(b.code),
      ),
    withdrawn: withdrawn.map((d) => ({
      code: d.code,
      title: d.title,
      on: d.data.withdrawn?.by.on ?? '',
    })),
    external,
  };
}

function feedbackFacts(db: Db | Tx, w: Window) {
  const rows = recordsOf<FeedbackData>(
    db,
    'feedback',
    ne(qmsRecords.state, 'cancelled'),
    between('receivedOn', w),
  );
  const answered = rows.filter((r) => r.state === 'answered');
  return {
    received: rows.length,
    answered: answered.length,
    onTime: answered.filter((r) => r.data.onTime === true).length,
    pending: rows.filter((r) => r.state === 'received').length,
  };
}

export function objectiveFacts(db: Db | Tx, w: Window) {
  const years = [Number(w.from.slice(0, 4)), Number(w.to.slice(0, 4))];
  const objectives = recordsOf<ObjectiveData>(
    db,
    'objective',
    ne(qmsRecords.state, 'cancelled'),
    sql`${json('year')} BETWEEN ${years[0]} AND ${years[1]}`,
  );
  const ids = objectives.map((o) => o.id);
  const measurements = ids.length
    ? recordsOf<MeasurementData>(
        db,
        'measurement',
        eq(qmsRecords.state, 'recorded'),
        inArray(qmsRecords.parentId, ids),
      )
    : [];
  return objectives.map((o) => {
    const last = measurements
      .filter((m) => m.parentId === o.id)
      .sort((a, b) => b.data.to.localeCompare(a.data.to) || b.createdAt - a.createdAt)[0];
    const met =
      o.state === 'met'
        ? true
        : o.state === 'missed'
          ? false
          : meetsTarget(last?.data.value ?? null, o.data.target, o.data.atMost);
    return {
      code: o.code,
      statement: o.data.statement,
      target: o.data.target,
      atMost: o.data.atMost,
      unit: o.data.unit,
      stateLabel: objectiveKind.stateLabels[o.state as 'active'] ?? o.state,
      met,
      last: last ? { value: last.data.value, label: last.data.label } : null,
    };
  });
}

/** The desk's figures of the period from its tally (counted in SQL, core/qms/indicators.ts),
 * and the per-procedure on-time counts of the period before, for the trend: one read of each. */
function procedureRates(ctx: Ctx, w: Window, prev: Window) {
  const now = loadTally(ctx, w, new Set(['dossiers', 'unhappy', 'ratings']));
  const before = loadTally(ctx, prev, new Set(['dossiers']));
  const rates = new Map<string, { r: number; o: number; pr: number; po: number }>();
  for (const c of now.dossiers)
    if (c.resolved)
      rates.set(c.procedureId, { r: c.resolved, o: c.resolved - c.late, pr: 0, po: 0 });
  for (const c of before.dossiers) {
    if (!c.resolved) continue;
    const x = rates.get(c.procedureId) ?? { r: 0, o: 0, pr: 0, po: 0 };
    rates.set(c.procedureId, { ...x, pr: c.resolved, po: c.resolved - c.late });
  }
  const ids = [...rates.keys()];
  const names = new Map(
    (ids.length
      ? ctx.db
          .select({ id: procedures.id, code: procedures.code, name: procedures.name })
          .from(procedures)
          .where(inArray(procedures.id, ids))
          .all()
      : []
    ).map((p) => [p.id, p]),
  );
  const list: ProcedureRate[] = ids.map((id) => {
    const x = rates.get(id) ?? { r: 0, o: 0, pr: 0, po: 0 };
    const p = names.get(id);
    return {
      code: p?.code ?? '',
      name: p?.name ?? '',
      resolved: x.r,
      onTime: x.o,
      previousResolved: x.pr,
      previousOnTime: x.po,
    };
  });
  const online = onlineOf(now);
  const rated = satisfactionOf(now);
  const qd = qd766Of(now);
  return {
    procedures: list,
    received: online.denominator,
    receivedOnline: online.numerator,
    ratings: { rated: rated.denominator, satisfied: rated.numerator },
    qd766: { good: qd.numerator, resolved: qd.denominator },
  };
}

function nonconformityFacts(db: Db | Tx, w: Window, asOf: string) {
  const all = recordsOf<NonconformityData>(
    db,
    'nonconformity',
    ne(qmsRecords.state, 'cancelled'),
    sql`(${between('detectedOn', w)} OR ${between('closedOn', w)} OR ${inArray(qmsRecords.state, [...NC_OPEN_STATES])})`,
  );
  const inW = (d: string | null) => d !== null && d >= w.from && d <= w.to;
  const opened = all.filter((n) => inW(n.data.detectedOn));
  const open = all.filter((n) => (NC_OPEN_STATES as readonly string[]).includes(n.state));
  const actions = followUpActions(
    db,
    'nonconformity',
    all.map((n) => n.id),
  ).filter((a) => a.state !== 'cancelled');
  const bySource = new Map<string, number>();
  for (const n of opened) {
    const label = NC_SOURCE_LABELS[n.data.source];
    bySource.set(label, (bySource.get(label) ?? 0) + 1);
  }
  return {
    opened: opened.length,
    closed: all.filter((n) => inW(n.data.closedOn)).length,
    open: open.length,
    overdue: open.filter((n) => n.data.deadline < asOf).length,
    actionsOpen: actions.filter((a) => a.state === 'open').length,
    actionsDone: actions.filter((a) => a.state === 'done' || a.state === 'verified').length,
    bySource: [...bySource.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi')),
  };
}

export function auditFacts(db: Db | Tx, w: Window) {
  const audits = recordsOf<AuditData>(
    db,
    'audit',
    ne(qmsRecords.state, 'cancelled'),
    between('date', w),
  );
  const improvements: string[] = [];
  const rows = audits.map((a) => {
    const findings: Partial<Record<FindingType, number>> = {};
    for (const f of findingsOf(db, a.id)) {
      if (f.state === 'cancelled') continue;
      findings[f.data.type] = (findings[f.data.type] ?? 0) + 1;
      if (f.data.type === 'ofi') improvements.push(`${a.code}: ${f.data.description}`);
    }
    return {
      code: a.code,
      area: a.data.area,
      date: a.data.date,
      stateLabel: auditKind.stateLabels[a.state as 'planned'] ?? a.state,
      findings,
    };
  });
  return { audits: rows, improvements };
}

/** Risk treatment actions, once a risk register exists in the app; null until then. */
function riskActions(db: Db | Tx, w: Window): ActionFact[] | null {
  if (!kindOf('risk')) return null;
  const rows = db
    .select()
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, 'action'),
        inArray(qmsRecords.sourceKind, ['risk', 'opportunity']),
        ne(qmsRecords.state, 'cancelled'),
        sql`(${qmsRecords.state} IN ('open', 'done') OR ${qmsRecords.dueDate} BETWEEN ${w.from} AND ${w.to})`,
      ),
    )
    .orderBy(asc(qmsRecords.dueDate))
    .all()
    .map(toRecord);
  return actionFacts(db, rows);
}

/** The period of equal length just before `w`. */
export function previousWindow(w: Window): Window {
  const days = dayNumberOf(w.to) - dayNumberOf(w.from) + 1;
  return { from: addCivilDays(w.from, -days), to: addCivilDays(w.from, -1) };
}

/** Everything the review's inputs say, as of `asOf`, for its period. */
export function collectReviewFacts(ctx: Ctx, review: Review, asOf: string): ReviewFacts {
  const db = ctx.db;
  const w = { from: review.data.periodFrom, to: review.data.periodTo };
  const prev = previousWindow(w);
  const last = previousHeld(db, review.data.date, review.id);
  const desk = procedureRates(ctx, w, prev);
  const audits = auditFacts(db, w);
  return {
    asOf,
    previousPeriod: prev,
    previousActions: last ? actionFacts(db, followUpActions(db, 'review', [last.id])) : null,
    ...documentChanges(db, w),
    ratings: desk.ratings,
    qd766: desk.qd766,
    feedback: feedbackFacts(db, w),
    objectives: objectiveFacts(db, w),
    procedures: desk.procedures,
    received: desk.received,
    receivedOnline: desk.receivedOnline,
    nonconformities: nonconformityFacts(db, w, asOf),
    audits: audits.audits,
    improvements: audits.improvements,
    riskActions: riskActions(db, w),
    risks: kindOf('risk') ? riskFacts(db, w) : null,
    resources: review.data.resources,
  };
}

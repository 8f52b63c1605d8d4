// One office's quality system as the province sees it (QMS.md "The province"; issue #9 item 5,
// #10 item 6), computed from the records and dossiers the office pushed, for one calendar year.
// Pure: the server loads the facts (server/province/qms-status.ts), the rules live here and in
// the kinds' own modules (indicators, risk scale, states), never redefined.
import {
  measure,
  qd766Ratio,
  satisfactionRate,
  type DossierFact,
  type FeedbackFact,
  type Measure,
  type RatingFact,
} from './indicators';
import { NC_OPEN_STATES, type NcState } from './nonconformity';
import { currentScore, RISK_OPEN_STATES, type RiskData, type RiskState } from './risk';
import { DEFAULT_RISK_SCALE, levelMin, type RiskScale } from './risk-scale';
import { dueYear } from './yearly-report';

/** A pushed qms_record as the province reads it: the shared columns and the kind's data. */
export interface PushedRecord {
  readonly kind: string;
  readonly state: string;
  readonly dueDate: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface OfficeQmsFacts {
  /** Objectives, nonconformities, risks, audits, reviews, announcements, documents. */
  readonly records: readonly PushedRecord[];
  /** Dossiers whose result came back in the year. */
  readonly dossiers: readonly Pick<DossierFact, 'id' | 'outcome' | 'resolvedOn'>[];
  /** Ratings (recorded, not void) of dossiers returned in the year. */
  readonly ratings: readonly RatingFact[];
  /** Feedback entries about a dossier (complaints count against the QĐ 766 ratio). */
  readonly complaints: readonly Pick<FeedbackFact, 'dossierId' | 'cancelled'>[];
}

export interface OfficeQmsStatus {
  readonly year: number;
  /** Objectives of the year: all not cancelled, concluded met, concluded missed. */
  readonly objectives: { readonly total: number; readonly met: number; readonly missed: number };
  readonly nonconformities: { readonly open: number; readonly overdue: number };
  /** Live risks (not opportunities) whose current score is at the scale's high level. */
  readonly highRisks: number;
  readonly satisfaction: Measure;
  readonly qd766: Measure;
  /** Internal audits reported this year, and the day of the latest one reported. */
  readonly audits: { readonly heldThisYear: number; readonly lastOn: string | null };
  /** Management reviews held this year, and the day of the latest one held. */
  readonly reviews: { readonly heldThisYear: number; readonly lastOn: string | null };
  readonly announcement: {
    readonly inForce: boolean;
    /** The decision in force (approved, not superseded): number, date, procedures in scope. */
    readonly decisionNo: string | null;
    readonly signedOn: string | null;
    readonly procedures: number;
    readonly notApplicable: number;
    /** None in force, or the office has drafted a new one (it does when its scope changed). */
    readonly due: boolean;
  };
  /** Controlled documents (not external) in force, and those past their periodic review. */
  readonly documents: { readonly active: number; readonly reviewsOverdue: number };
  /** The yearly report due now (this year's from 1 December, else last year's): its state
   * as the office last synced it, received once sent, and the day it was sent. */
  readonly yearlyReport: {
    readonly year: number;
    readonly state: string | null;
    readonly received: boolean;
    readonly sentOn: string | null;
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const latest = (days: readonly (string | null)[]): string | null =>
  days.reduce<string | null>((a, d) => (d !== null && (a === null || d > a) ? d : a), null);

/** The score now of a pushed risk (residual once re-assessed), by the kind's own rule. */
function scoreOf(data: Readonly<Record<string, unknown>>): number | null {
  const likelihood = num(data['likelihood']);
  const impact = num(data['impact']);
  if (likelihood === null || impact === null) return null;
  return currentScore({
    likelihood,
    impact,
    residualLikelihood: num(data['residualLikelihood']),
    residualImpact: num(data['residualImpact']),
  } as RiskData);
}

/**
 * The office's status in `year` as of the civil day `today`, and the last day it holds
 * (`validUntil`): after it an open nonconformity's deadline or a document's review date has
 * passed, or the year has ended, and the figures must be computed again.
 */
export function officeQmsStatus(
  facts: Readonly<OfficeQmsFacts>,
  year: number,
  today: string,
  scale: RiskScale = DEFAULT_RISK_SCALE,
): { status: OfficeQmsStatus; validUntil: string } {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const w = { from, to };
  const ofKind = (kind: string) => facts.records.filter((r) => r.kind === kind);
  const inYear = (d: string | null) => d !== null && d >= from && d <= to;
  const changesAfter: string[] = [to];

  const objectives = ofKind('objective').filter(
    (r) => r.data['year'] === year && r.state !== 'cancelled',
  );
  const openNcs = ofKind('nonconformity').filter((r) =>
    NC_OPEN_STATES.includes(r.state as NcState),
  );
  const deadlines = openNcs.map((r) => str(r.data['deadline']) ?? r.dueDate);
  for (const d of deadlines) if (d !== null && d >= today) changesAfter.push(d);

  const high = levelMin('high', scale);
  const highRisks = ofKind('risk').filter(
    (r) =>
      r.data['type'] === 'risk' &&
      RISK_OPEN_STATES.includes(r.state as RiskState) &&
      (scoreOf(r.data) ?? 0) >= high,
  ).length;

  const reported = ofKind('audit')
    .filter((r) => r.state === 'reported')
    .map((r) => str(r.data['date']) ?? str((r.data['reported'] as { on?: string })?.on));
  const held = ofKind('review')
    .filter((r) => r.state === 'held')
    .map((r) => str(r.data['date']));

  const announcements = ofKind('announcement');
  const inForce = announcements.find((r) => r.state === 'approved') ?? null;
  const scope = (inForce?.data['scope'] ?? {}) as {
    procedures?: unknown[];
    notApplicable?: unknown[];
  };

  const reportYear = dueYear(today);
  if (today <= `${year}-11-30`) changesAfter.push(`${year}-11-30`);
  const report = ofKind('yearly_report').find((r) => r.data['year'] === reportYear) ?? null;

  const documents = ofKind('document').filter(
    (r) => r.state === 'active' && r.data['docType'] !== 'external',
  );
  for (const d of documents)
    if (d.dueDate !== null && d.dueDate >= today) changesAfter.push(d.dueDate);

  const indicatorFacts = {
    dossiers: facts.dossiers.map((d) => ({
      ...d,
      procedureId: '',
      field: '',
      channel: '',
      receivedOn: d.resolvedOn ?? from,
    })),
    ratings: facts.ratings,
    feedback: facts.complaints.map((c) => ({
      ...c,
      receivedOn: from,
      deadline: to,
      answeredOn: null,
    })),
    nonconformities: [],
    procedureDocs: [],
  };

  const status: OfficeQmsStatus = {
    year,
    objectives: {
      total: objectives.length,
      met: objectives.filter((r) => r.state === 'met').length,
      missed: objectives.filter((r) => r.state === 'missed').length,
    },
    nonconformities: {
      open: openNcs.length,
      overdue: deadlines.filter((d) => d !== null && d < today).length,
    },
    highRisks,
    satisfaction: satisfactionRate(indicatorFacts, w),
    qd766: qd766Ratio(indicatorFacts, w),
    audits: { heldThisYear: reported.filter(inYear).length, lastOn: latest(reported) },
    reviews: { heldThisYear: held.filter(inYear).length, lastOn: latest(held) },
    announcement: {
      inForce: inForce !== null,
      decisionNo: inForce ? str(inForce.data['decisionNo']) : null,
      signedOn: inForce ? str(inForce.data['signedOn']) : null,
      procedures: Array.isArray(scope.procedures) ? scope.procedures.length : 0,
      notApplicable: Array.isArray(scope.notApplicable) ? scope.notApplicable.length : 0,
      due: inForce === null || announcements.some((r) => r.state === 'draft'),
    },
    documents: {
      active: documents.length,
      reviewsOverdue: documents.filter((d) => d.dueDate !== null && d.dueDate < today).length,
    },
    yearlyReport: {
      year: reportYear,
      state: report?.state ?? null,
      received: report?.state === 'sent',
      sentOn: report ? str(report.data['sentOn']) : null,
    },
  };
  const validUntil = changesAfter.reduce((a, d) => (d < a ? d : a));
  return { status, validUntil: validUntil < today ? today : validUntil };
}

/** The province-wide line: counts added up, rates over the summed numerators and
 * denominators (an office with many dossiers weighs more, as in the province's reports). */
export interface ProvinceQmsTotals {
  readonly offices: number;
  readonly objectives: OfficeQmsStatus['objectives'];
  readonly nonconformities: OfficeQmsStatus['nonconformities'];
  readonly highRisks: number;
  readonly satisfaction: Measure;
  readonly qd766: Measure;
  /** Offices with an audit reported / a review held this year, a decision in force, due. */
  readonly audited: number;
  readonly reviewed: number;
  readonly announced: number;
  readonly announcementDue: number;
  readonly reviewsOverdue: number;
  /** Offices whose due yearly report reached the province. */
  readonly yearlyReports: number;
}

export function provinceTotals(all: readonly OfficeQmsStatus[]): ProvinceQmsTotals {
  const sum = (f: (s: OfficeQmsStatus) => number) => all.reduce((n, s) => n + f(s), 0);
  const count = (f: (s: OfficeQmsStatus) => boolean) => all.filter(f).length;
  const m = (f: (s: OfficeQmsStatus) => Measure) =>
    measure(
      sum((s) => f(s).numerator),
      sum((s) => f(s).denominator),
    );
  return {
    offices: all.length,
    objectives: {
      total: sum((s) => s.objectives.total),
      met: sum((s) => s.objectives.met),
      missed: sum((s) => s.objectives.missed),
    },
    nonconformities: {
      open: sum((s) => s.nonconformities.open),
      overdue: sum((s) => s.nonconformities.overdue),
    },
    highRisks: sum((s) => s.highRisks),
    satisfaction: m((s) => s.satisfaction),
    qd766: m((s) => s.qd766),
    audited: count((s) => s.audits.heldThisYear > 0),
    reviewed: count((s) => s.reviews.heldThisYear > 0),
    announced: count((s) => s.announcement.inForce),
    announcementDue: count((s) => s.announcement.due),
    reviewsOverdue: sum((s) => s.documents.reviewsOverdue),
    yearlyReports: count((s) => s.yearlyReport.received),
  };
}

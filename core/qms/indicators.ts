// The quality objectives' computed indicators (QMS.md record 3), defined once as pure
// functions over the desk's own data in a window of civil dates [from, to]. Services load the
// facts for the window; the same definitions serve the objectives screen, the management
// review and the province. Each result keeps its numerator and denominator: a rate over an
// empty period is null (nothing to measure), never 0 % or 100 %.

/** One dossier as the indicators see it. Dates are civil dates (Vietnam). */
export interface DossierFact {
  readonly id: string;
  readonly procedureId: string;
  readonly field: string;
  readonly channel: string;
  readonly receivedOn: string;
  /** The day a result came back (outcome set): returned dossiers. */
  readonly resolvedOn: string | null;
  /** 'early' | 'on_time' | 'late'; null while open, and for a refused or stopped dossier. */
  readonly outcome: string | null;
}

export interface RatingFact {
  readonly dossierId: string;
  readonly satisfied: boolean;
  /** The day the rated dossier was returned. */
  readonly returnedOn: string;
}

export interface FeedbackFact {
  readonly dossierId: string | null;
  readonly receivedOn: string;
  readonly deadline: string;
  readonly answeredOn: string | null;
  readonly cancelled: boolean;
}

export interface NcFact {
  readonly detectedOn: string;
  readonly deadline: string;
  readonly closedOn: string | null;
  readonly cancelled: boolean;
}

export interface ProcedureDocFact {
  /** Days it was reviewed: periodic reviews, revisions taking effect. */
  readonly reviewedOn: readonly string[];
}

export interface IndicatorFacts {
  readonly dossiers: readonly DossierFact[];
  readonly ratings: readonly RatingFact[];
  readonly feedback: readonly FeedbackFact[];
  readonly nonconformities: readonly NcFact[];
  readonly procedureDocs: readonly ProcedureDocFact[];
}

/** The parts of the facts, loaded only for the indicators that read them. */
export const FACT_PARTS = [
  'dossiers',
  'ratings',
  'feedback',
  'nonconformities',
  'procedureDocs',
] as const satisfies readonly (keyof IndicatorFacts)[];
export type FactPart = (typeof FACT_PARTS)[number];

export interface Window {
  readonly from: string;
  readonly to: string;
}

/** What an indicator is narrowed to (on-time rate by field or by procedure). */
export interface IndicatorScope {
  readonly field?: string | undefined;
  readonly procedureId?: string | undefined;
}

export interface Measure {
  /** Percent (0-100), rounded to 0.1; null when the denominator is 0. */
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

export const INDICATOR_KEYS = [
  'on_time_rate',
  'online_share',
  'satisfaction_rate',
  'qd766_ratio',
  'feedback_on_time',
  'nc_closed_on_time',
  'procedures_reviewed',
  'manual',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export type ComputedKey = Exclude<IndicatorKey, 'manual'>;

export const INDICATOR_LABELS: Readonly<Record<IndicatorKey, string>> = {
  on_time_rate: 'Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn',
  online_share: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến',
  satisfaction_rate: 'Tỷ lệ người dân đánh giá hài lòng',
  qd766_ratio: 'Tỷ lệ hài lòng theo QĐ 766/QĐ-TTg',
  feedback_on_time: 'Tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn',
  nc_closed_on_time: 'Tỷ lệ sự không phù hợp khắc phục xong đúng hạn',
  procedures_reviewed: 'Tỷ lệ quy trình được rà soát trong năm',
  manual: 'Chỉ số nhập tay',
};

const inWindow = (date: string | null, w: Window): date is string =>
  date !== null && date >= w.from && date <= w.to;

export function measure(numerator: number, denominator: number): Measure {
  return {
    value: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
    numerator,
    denominator,
  };
}

function scoped(dossiers: readonly DossierFact[], scope: IndicatorScope): DossierFact[] {
  return dossiers.filter(
    (d) =>
      (scope.field === undefined || d.field === scope.field) &&
      (scope.procedureId === undefined || d.procedureId === scope.procedureId),
  );
}

/** Dossiers whose result came back in the window (refused and stopped ones have none). */
const resolvedIn = (facts: IndicatorFacts, w: Window, scope: IndicatorScope = {}) =>
  scoped(facts.dossiers, scope).filter((d) => d.outcome !== null && inWindow(d.resolvedOn, w));

/** (early + on time) / resolved, by the outcome against the original appointment. */
export function onTimeRate(facts: IndicatorFacts, w: Window, scope: IndicatorScope = {}): Measure {
  const resolved = resolvedIn(facts, w, scope);
  return measure(resolved.filter((d) => d.outcome !== 'late').length, resolved.length);
}

/** Received online / received, in the window. */
export function onlineShare(facts: IndicatorFacts, w: Window, scope: IndicatorScope = {}): Measure {
  const received = scoped(facts.dossiers, scope).filter((d) => inWindow(d.receivedOn, w));
  return measure(received.filter((d) => d.channel === 'online').length, received.length);
}

/** Satisfied / rated, for dossiers returned in the window. */
export function satisfactionRate(facts: IndicatorFacts, w: Window): Measure {
  const rated = facts.ratings.filter((r) => inWindow(r.returnedOn, w));
  return measure(rated.filter((r) => r.satisfied).length, rated.length);
}

/**
 * QĐ 766/QĐ-TTg: (dossiers − those rated unsatisfied, complained about or late) / dossiers,
 * over the dossiers resolved in the window; a dossier counts once whatever befell it.
 */
export function qd766Ratio(facts: IndicatorFacts, w: Window): Measure {
  const resolved = resolvedIn(facts, w);
  const unsatisfied = new Set(facts.ratings.filter((r) => !r.satisfied).map((r) => r.dossierId));
  const complained = new Set(
    facts.feedback.flatMap((f) => (f.cancelled || f.dossierId === null ? [] : [f.dossierId])),
  );
  const bad = resolved.filter(
    (d) => d.outcome === 'late' || unsatisfied.has(d.id) || complained.has(d.id),
  ).length;
  return measure(resolved.length - bad, resolved.length);
}

/**
 * Answered by the deadline / due, over the entries whose deadline falls in the window and has
 * passed by `asOf` (one still running is not yet late), or which were answered already.
 */
export function feedbackOnTime(facts: IndicatorFacts, w: Window, asOf: string): Measure {
  const due = facts.feedback.filter(
    (f) => !f.cancelled && inWindow(f.deadline, w) && (f.deadline < asOf || f.answeredOn !== null),
  );
  return measure(
    due.filter((f) => f.answeredOn !== null && f.answeredOn <= f.deadline).length,
    due.length,
  );
}

/** Closed by the deadline / due, over nonconformities due in the window (same rule). */
export function ncClosedOnTime(facts: IndicatorFacts, w: Window, asOf: string): Measure {
  const due = facts.nonconformities.filter(
    (n) => !n.cancelled && inWindow(n.deadline, w) && (n.deadline < asOf || n.closedOn !== null),
  );
  return measure(
    due.filter((n) => n.closedOn !== null && n.closedOn <= n.deadline).length,
    due.length,
  );
}

/** Procedure documents reviewed (or revised) at least once in the window / all of them. */
export function proceduresReviewed(facts: IndicatorFacts, w: Window): Measure {
  const docs = facts.procedureDocs;
  return measure(
    docs.filter((d) => d.reviewedOn.some((on) => inWindow(on, w))).length,
    docs.length,
  );
}

/** What each computed indicator reads of the facts. */
export const INDICATOR_PARTS: Readonly<Record<ComputedKey, readonly FactPart[]>> = {
  on_time_rate: ['dossiers'],
  online_share: ['dossiers'],
  satisfaction_rate: ['ratings'],
  qd766_ratio: ['dossiers', 'ratings', 'feedback'],
  feedback_on_time: ['feedback'],
  nc_closed_on_time: ['nonconformities'],
  procedures_reviewed: ['procedureDocs'],
};

/** The facts `keys` need between them. */
export const partsFor = (keys: Iterable<ComputedKey>): Set<FactPart> =>
  new Set([...keys].flatMap((k) => INDICATOR_PARTS[k]));

/** Any computed indicator by its key: the one entry point services and screens use. */
export function computeIndicator(
  key: ComputedKey,
  facts: IndicatorFacts,
  w: Window,
  asOf: string,
  scope: IndicatorScope = {},
): Measure {
  switch (key) {
    case 'on_time_rate':
      return onTimeRate(facts, w, scope);
    case 'online_share':
      return onlineShare(facts, w, scope);
    case 'satisfaction_rate':
      return satisfactionRate(facts, w);
    case 'qd766_ratio':
      return qd766Ratio(facts, w);
    case 'feedback_on_time':
      return feedbackOnTime(facts, w, asOf);
    case 'nc_closed_on_time':
      return ncClosedOnTime(facts, w, asOf);
    case 'procedures_reviewed':
      return proceduresReviewed(facts, w);
    default: {
      const never: never = key;
      return never;
    }
  }
}

/** Whether `value` meets `target`: at least it, or (for "no more than" targets) at most it. */
export function meetsTarget(value: number | null, target: number, atMost = false): boolean | null {
  if (value === null) return null;
  return atMost ? value <= target : value >= target;
}

// The quality objectives' computed indicators (QMS.md record 3), defined once as pure
// functions over the desk's own data in a window of civil dates [from, to]: the window's
// facts are counted into a tally (what the indicators tell apart), and each indicator is a
// formula on the tally. Services load the facts, or the tally itself, for the window; the same
// definitions serve the objectives screen, the management review and the province. Each
// result keeps its numerator and denominator: a rate over an empty period is null (nothing to
// measure), never 0 % or 100 %.

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

// -- The tally: the facts of one window counted as the indicators read them ------------------
// Every computed indicator is defined on the tally of its window (the formulas below). `tally`
// counts it from the per-dossier facts; services may count the same in SQL over the whole
// office (services/qms/indicator-facts.ts, loadTally), and must give what `tally` gives on the
// facts of the window (test/services/qms-indicator-tally.test.ts).

/** One procedure's dossiers in a window. */
export interface DossierCount {
  readonly procedureId: string;
  readonly field: string;
  /** Received in the window, and of them received online. */
  readonly received: number;
  readonly receivedOnline: number;
  /** Whose result came back in the window (an outcome; refused and stopped ones have none),
   * and of them late against the original appointment. */
  readonly resolved: number;
  readonly late: number;
}

export interface Tally {
  readonly window: Window;
  /** Per procedure, those with anything in the window. */
  readonly dossiers: readonly DossierCount[];
  /** Resolved in the window early or on time, yet rated unsatisfied or complained about (a
   * feedback entry not cancelled): with the late ones, QĐ 766's dossiers that count against. */
  readonly unhappy: number;
  /** Ratings of dossiers returned in the window. */
  readonly ratings: { readonly rated: number; readonly satisfied: number };
  /** Feedback entries due in the window, not cancelled. */
  readonly feedback: readonly Pick<FeedbackFact, 'deadline' | 'answeredOn'>[];
  /** Nonconformities due in the window, not cancelled. */
  readonly nonconformities: readonly Pick<NcFact, 'deadline' | 'closedOn'>[];
  readonly procedureDocs: readonly ProcedureDocFact[];
}

/** Per procedure: received, received online, resolved and late in the window. */
export function countDossiers(dossiers: readonly DossierFact[], w: Window): DossierCount[] {
  const counts = new Map<string, DossierCount>();
  for (const d of dossiers) {
    const received = inWindow(d.receivedOn, w) ? 1 : 0;
    const resolved = d.outcome !== null && inWindow(d.resolvedOn, w) ? 1 : 0;
    if (!received && !resolved) continue;
    const c = counts.get(d.procedureId);
    counts.set(d.procedureId, {
      procedureId: d.procedureId,
      field: d.field,
      received: (c?.received ?? 0) + received,
      receivedOnline: (c?.receivedOnline ?? 0) + (received && d.channel === 'online' ? 1 : 0),
      resolved: (c?.resolved ?? 0) + resolved,
      late: (c?.late ?? 0) + (resolved && d.outcome === 'late' ? 1 : 0),
    });
  }
  return [...counts.values()];
}

/** Resolved in the window, not late, rated unsatisfied or complained about. */
function countUnhappy(facts: IndicatorFacts, w: Window): number {
  const unsatisfied = new Set(facts.ratings.filter((r) => !r.satisfied).map((r) => r.dossierId));
  const complained = new Set(
    facts.feedback.flatMap((f) => (f.cancelled || f.dossierId === null ? [] : [f.dossierId])),
  );
  return facts.dossiers.filter(
    (d) =>
      d.outcome !== null &&
      d.outcome !== 'late' &&
      inWindow(d.resolvedOn, w) &&
      (unsatisfied.has(d.id) || complained.has(d.id)),
  ).length;
}

function countRatings(ratings: readonly RatingFact[], w: Window): Tally['ratings'] {
  const rated = ratings.filter((r) => inWindow(r.returnedOn, w));
  return { rated: rated.length, satisfied: rated.filter((r) => r.satisfied).length };
}

const dueIn = <T extends { deadline: string; cancelled: boolean }>(xs: readonly T[], w: Window) =>
  xs.filter((x) => !x.cancelled && inWindow(x.deadline, w));

/** The tally of a window from the per-dossier facts: what every indicator is defined on. */
export function tally(facts: IndicatorFacts, w: Window): Tally {
  return {
    window: w,
    dossiers: countDossiers(facts.dossiers, w),
    unhappy: countUnhappy(facts, w),
    ratings: countRatings(facts.ratings, w),
    feedback: dueIn(facts.feedback, w).map((f) => ({
      deadline: f.deadline,
      answeredOn: f.answeredOn,
    })),
    nonconformities: dueIn(facts.nonconformities, w).map((n) => ({
      deadline: n.deadline,
      closedOn: n.closedOn,
    })),
    procedureDocs: facts.procedureDocs,
  };
}

// -- The formulas, on a tally -------------------------------------------------------------

const sumOf = (
  counts: readonly DossierCount[],
  scope: IndicatorScope,
  key: 'received' | 'receivedOnline' | 'resolved' | 'late',
) =>
  counts.reduce(
    (n, c) =>
      (scope.field === undefined || c.field === scope.field) &&
      (scope.procedureId === undefined || c.procedureId === scope.procedureId)
        ? n + c[key]
        : n,
    0,
  );

type DossierTally = Pick<Tally, 'dossiers'>;

/** (early + on time) / resolved, by the outcome against the original appointment. */
export function onTimeOf(t: DossierTally, scope: IndicatorScope = {}): Measure {
  const resolved = sumOf(t.dossiers, scope, 'resolved');
  return measure(resolved - sumOf(t.dossiers, scope, 'late'), resolved);
}

/** Received online / received. */
export function onlineOf(t: DossierTally, scope: IndicatorScope = {}): Measure {
  return measure(sumOf(t.dossiers, scope, 'receivedOnline'), sumOf(t.dossiers, scope, 'received'));
}

/** Satisfied / rated, for dossiers returned in the window. */
export const satisfactionOf = (t: Pick<Tally, 'ratings'>): Measure =>
  measure(t.ratings.satisfied, t.ratings.rated);

/**
 * QĐ 766/QĐ-TTg: (dossiers − those rated unsatisfied, complained about or late) / dossiers,
 * over the dossiers resolved in the window; a dossier counts once whatever befell it.
 */
export function qd766Of(t: Pick<Tally, 'dossiers' | 'unhappy'>): Measure {
  const resolved = sumOf(t.dossiers, {}, 'resolved');
  return measure(resolved - sumOf(t.dossiers, {}, 'late') - t.unhappy, resolved);
}

/**
 * Answered by the deadline / due, over the entries due in the window whose deadline has passed
 * by `asOf` (one still running is not yet late), or which were answered already.
 */
export function feedbackOnTimeOf(t: Pick<Tally, 'feedback'>, asOf: string): Measure {
  const due = t.feedback.filter((f) => f.deadline < asOf || f.answeredOn !== null);
  return measure(
    due.filter((f) => f.answeredOn !== null && f.answeredOn <= f.deadline).length,
    due.length,
  );
}

/** Closed by the deadline / due, over nonconformities due in the window (same rule). */
export function ncClosedOnTimeOf(t: Pick<Tally, 'nonconformities'>, asOf: string): Measure {
  const due = t.nonconformities.filter((n) => n.deadline < asOf || n.closedOn !== null);
  return measure(
    due.filter((n) => n.closedOn !== null && n.closedOn <= n.deadline).length,
    due.length,
  );
}

/** Procedure documents reviewed (or revised) at least once in the window / all of them. */
export function proceduresReviewedOf(t: Pick<Tally, 'procedureDocs' | 'window'>): Measure {
  const docs = t.procedureDocs;
  return measure(
    docs.filter((d) => d.reviewedOn.some((on) => inWindow(on, t.window))).length,
    docs.length,
  );
}

/** Any computed indicator by its key, on the tally of its window. */
export function indicatorOf(
  key: ComputedKey,
  t: Tally,
  asOf: string,
  scope: IndicatorScope = {},
): Measure {
  switch (key) {
    case 'on_time_rate':
      return onTimeOf(t, scope);
    case 'online_share':
      return onlineOf(t, scope);
    case 'satisfaction_rate':
      return satisfactionOf(t);
    case 'qd766_ratio':
      return qd766Of(t);
    case 'feedback_on_time':
      return feedbackOnTimeOf(t, asOf);
    case 'nc_closed_on_time':
      return ncClosedOnTimeOf(t, asOf);
    case 'procedures_reviewed':
      return proceduresReviewedOf(t);
    default: {
      const never: never = key;
      return never;
    }
  }
}

// -- The same on the per-dossier facts (the tally of just the part each one reads) ----------

export const onTimeRate = (facts: IndicatorFacts, w: Window, scope: IndicatorScope = {}) =>
  onTimeOf({ dossiers: countDossiers(facts.dossiers, w) }, scope);

export const onlineShare = (facts: IndicatorFacts, w: Window, scope: IndicatorScope = {}) =>
  onlineOf({ dossiers: countDossiers(facts.dossiers, w) }, scope);

export const satisfactionRate = (facts: IndicatorFacts, w: Window) =>
  satisfactionOf({ ratings: countRatings(facts.ratings, w) });

export const qd766Ratio = (facts: IndicatorFacts, w: Window) =>
  qd766Of({ dossiers: countDossiers(facts.dossiers, w), unhappy: countUnhappy(facts, w) });

export const feedbackOnTime = (facts: IndicatorFacts, w: Window, asOf: string) =>
  feedbackOnTimeOf({ feedback: dueIn(facts.feedback, w) }, asOf);

export const ncClosedOnTime = (facts: IndicatorFacts, w: Window, asOf: string) =>
  ncClosedOnTimeOf({ nonconformities: dueIn(facts.nonconformities, w) }, asOf);

export const proceduresReviewed = (facts: IndicatorFacts, w: Window) =>
  proceduresReviewedOf({ procedureDocs: facts.procedureDocs, window: w });

/** The parts of a tally, loaded only for the indicators that read them. */
export const TALLY_PARTS = [
  'dossiers',
  'unhappy',
  'ratings',
  'feedback',
  'nonconformities',
  'procedureDocs',
] as const satisfies readonly Exclude<keyof Tally, 'window'>[];
export type TallyPart = (typeof TALLY_PARTS)[number];

/** What each computed indicator reads of the tally. */
export const INDICATOR_PARTS: Readonly<Record<ComputedKey, readonly TallyPart[]>> = {
  on_time_rate: ['dossiers'],
  online_share: ['dossiers'],
  satisfaction_rate: ['ratings'],
  qd766_ratio: ['dossiers', 'unhappy'],
  feedback_on_time: ['feedback'],
  nc_closed_on_time: ['nonconformities'],
  procedures_reviewed: ['procedureDocs'],
};

/** The parts of the tally `keys` need between them. */
export const partsFor = (keys: Iterable<ComputedKey>): Set<TallyPart> =>
  new Set([...keys].flatMap((k) => INDICATOR_PARTS[k]));

/** Any computed indicator by its key on the per-dossier facts of a window. */
export const computeIndicator = (
  key: ComputedKey,
  facts: IndicatorFacts,
  w: Window,
  asOf: string,
  scope: IndicatorScope = {},
): Measure => indicatorOf(key, tally(facts, w), asOf, scope);

/** Whether `value` meets `target`: at least it, or (for "no more than" targets) at most it. */
export function meetsTarget(value: number | null, target: number, atMost = false): boolean | null {
  if (value === null) return null;
  return atMost ? value <= target : value >= target;
}

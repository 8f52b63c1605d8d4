// The desk's data as the indicators' facts (core/qms/indicators.ts) for one window of civil
// dates: dossiers received or resolved in it, the ratings about them, the feedback about any
// dossier, the nonconformities and feedback due in it, the procedure documents and their reviews. Only the
// parts the asked indicators read are loaded (FACT_PARTS), each once per window however many
// objectives use it. Plain indexed reads of the few columns needed; the computing is in core.
import {
  dayNumberOf,
  dayNumberOfInstant,
  formatDayNumber,
  startOfDayNumber,
} from '../../core/calendar/civil-time';
import {
  FACT_PARTS,
  type FactPart,
  type IndicatorFacts,
  type Window,
} from '../../core/qms/indicators';
import type { Ctx } from '../context';

type Sqlite = Ctx['conn']['sqlite'];

/** Civil dates of instants, memoised per day (a window has a few thousand distinct days). */
function civilDates() {
  const byDay = new Map<number, string>();
  return (ms: number | null): string | null => {
    if (ms === null) return null;
    const day = dayNumberOfInstant(ms);
    let date = byDay.get(day);
    if (date === undefined) byDay.set(day, (date = formatDayNumber(day)));
    return date;
  };
}

interface Bounds {
  readonly w: Window;
  readonly start: number;
  readonly end: number;
}

function dossierFacts(sqlite: Sqlite, b: Bounds): IndicatorFacts['dossiers'] {
  const civil = civilDates();
  const rows = sqlite
    .prepare(
      // Received in the window, then resolved in it but received outside it: two disjoint
      // reads of the covering date indexes, no de-duplication to sort.
      `SELECT d.id, d.procedure_id, d.channel, d.received_at, d.resolved_at, d.outcome
         FROM dossiers d
        WHERE d.received_at >= ? AND d.received_at < ?
       UNION ALL
       SELECT d.id, d.procedure_id, d.channel, d.received_at, d.resolved_at, d.outcome
         FROM dossiers d
        WHERE d.resolved_at >= ? AND d.resolved_at < ?
          AND NOT (d.received_at >= ? AND d.received_at < ?)`,
    )
    .raw()
    .all(b.start, b.end, b.start, b.end, b.start, b.end) as [
    string,
    string,
    string,
    number,
    number | null,
    string | null,
  ][];
  const fields = new Map(
    (sqlite.prepare('SELECT id, field FROM procedures').raw().all() as [string, string][]).map(
      ([id, field]) => [id, field],
    ),
  );
  return rows.map(([id, procedureId, channel, receivedAt, resolvedAt, outcome]) => ({
    id,
    procedureId,
    field: fields.get(procedureId) ?? '',
    channel,
    receivedOn: civil(receivedAt) ?? '',
    resolvedOn: civil(resolvedAt),
    outcome,
  }));
}

function ratingFacts(sqlite: Sqlite, b: Bounds): IndicatorFacts['ratings'] {
  return (
    sqlite
      .prepare(
        // The expressions of qms_records_returned_idx, which covers this read.
        `SELECT source_id, data ->> '$.satisfied', data ->> '$.returnedOn'
           FROM qms_records
          WHERE kind = 'rating' AND state = 'recorded'
            AND data ->> '$.returnedOn' BETWEEN ? AND ?`,
      )
      .raw()
      .all(b.w.from, b.w.to) as [string | null, number | null, string][]
  ).map(([dossierId, satisfied, returnedOn]) => ({
    dossierId: dossierId ?? '',
    satisfied: satisfied === 1,
    returnedOn: String(returnedOn),
  }));
}

function feedbackFacts(sqlite: Sqlite, b: Bounds): IndicatorFacts['feedback'] {
  // Feedback due in the window counts for "answered on time"; feedback about a dossier counts
  // for the QĐ 766 ratio of the dossiers resolved in the window whenever it came in, so every
  // entry about a dossier is read (a few thousand in ten years, one pass over the feedback by
  // the deadline index's kind). Matching them against the window's dossiers in SQL instead
  // (source_id IN the dossiers received or resolved in it) probed the source index once per
  // dossier: 440 ms of CPU for ten years (200,000 dossiers) against 42 ms for this read.
  return (
    sqlite
      .prepare(
        `SELECT state, source_id, json_extract(data, '$.receivedOn'),
                json_extract(data, '$.deadline'), json_extract(data, '$.answeredOn')
           FROM qms_records
          WHERE kind = 'feedback'
            AND (data ->> '$.deadline' BETWEEN ? AND ? OR source_kind = 'dossier')`,
      )
      .raw()
      .all(b.w.from, b.w.to) as [string, string | null, string, string, string | null][]
  ).map(([state, dossierId, receivedOn, deadline, answeredOn]) => ({
    dossierId,
    receivedOn: String(receivedOn),
    deadline: String(deadline),
    answeredOn: answeredOn ?? null,
    cancelled: state === 'cancelled',
  }));
}

function ncFacts(sqlite: Sqlite, b: Bounds): IndicatorFacts['nonconformities'] {
  return (
    sqlite
      .prepare(
        `SELECT state, json_extract(data, '$.detectedOn'), json_extract(data, '$.deadline'),
                json_extract(data, '$.closedOn')
           FROM qms_records
          WHERE kind = 'nonconformity' AND data ->> '$.deadline' BETWEEN ? AND ?`,
      )
      .raw()
      .all(b.w.from, b.w.to) as [string, string, string, string | null][]
  ).map(([state, detectedOn, deadline, closedOn]) => ({
    detectedOn: String(detectedOn),
    deadline: String(deadline),
    closedOn: closedOn ?? null,
    cancelled: state === 'cancelled',
  }));
}

function procedureDocFacts(sqlite: Sqlite): IndicatorFacts['procedureDocs'] {
  const docs = sqlite
    .prepare(
      `SELECT d.id, json_extract(d.data, '$.lastReview.by.on') AS reviewed,
              (SELECT group_concat(json_extract(r.data, '$.effectiveDate'))
                 FROM qms_records r WHERE r.parent_id = d.id AND r.kind = 'revision'
                  AND json_extract(r.data, '$.effectiveDate') IS NOT NULL) AS effective
         FROM qms_records d
        WHERE d.kind = 'document' AND d.state = 'active'
          AND json_extract(d.data, '$.docType') = 'procedure'`,
    )
    .all() as { reviewed: string | null; effective: string | null }[];
  return docs.map((d) => ({
    reviewedOn: [...(d.reviewed ? [d.reviewed] : []), ...(d.effective?.split(',') ?? [])],
  }));
}

/** The facts of a window; only `parts` are read (the others are left empty). */
export function loadFacts(
  ctx: Pick<Ctx, 'conn'>,
  w: Window,
  parts: ReadonlySet<FactPart> = new Set(FACT_PARTS),
): IndicatorFacts {
  const sqlite = ctx.conn.sqlite;
  const b: Bounds = {
    w,
    start: startOfDayNumber(dayNumberOf(w.from)),
    end: startOfDayNumber(dayNumberOf(w.to) + 1),
  };
  return {
    dossiers: parts.has('dossiers') ? dossierFacts(sqlite, b) : [],
    ratings: parts.has('ratings') ? ratingFacts(sqlite, b) : [],
    feedback: parts.has('feedback') ? feedbackFacts(sqlite, b) : [],
    nonconformities: parts.has('nonconformities') ? ncFacts(sqlite, b) : [],
    procedureDocs: parts.has('procedureDocs') ? procedureDocFacts(sqlite) : [],
  };
}

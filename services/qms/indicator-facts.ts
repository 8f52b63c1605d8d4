// The desk's data as the indicators' facts (core/qms/indicators.ts) for one window of civil
// dates: dossiers received or resolved in it, the ratings and feedback about them, the
// nonconformities and feedback due in it, the procedure documents and their reviews. Plain
// indexed reads; the computing is in core.
import { dayNumberOf, startOfDayNumber, VN_OFFSET_MS } from '../../core/calendar/civil-time';
import type { IndicatorFacts, Window } from '../../core/qms/indicators';
import type { Ctx } from '../context';

/** SQLite expression: 'YYYY-MM-DD' in Vietnam time of an epoch-ms column. */
const sqliteCivilDate = (ms: string) =>
  `strftime('%Y-%m-%d', (${ms} + ${VN_OFFSET_MS}) / 1000, 'unixepoch')`;

interface Json {
  readonly data: string;
}

export function loadFacts(ctx: Pick<Ctx, 'conn'>, w: Window): IndicatorFacts {
  const sqlite = ctx.conn.sqlite;
  const start = startOfDayNumber(dayNumberOf(w.from));
  const end = startOfDayNumber(dayNumberOf(w.to) + 1);
  const dossiers = sqlite
    .prepare(
      `SELECT d.id, d.procedure_id AS procedureId, p.field, d.channel,
              ${sqliteCivilDate('d.received_at')} AS receivedOn,
              CASE WHEN d.resolved_at IS NULL THEN NULL ELSE ${sqliteCivilDate('d.resolved_at')} END AS resolvedOn,
              d.outcome
         FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
        WHERE (d.received_at >= ? AND d.received_at < ?)
           OR (d.resolved_at >= ? AND d.resolved_at < ?)`,
    )
    .all(start, end, start, end) as IndicatorFacts['dossiers'][number][];
  const records = (kind: string, where: string, ...args: unknown[]) =>
    (
      sqlite
        .prepare(
          `SELECT state, source_id AS sourceId, data FROM qms_records WHERE kind = ? AND ${where}`,
        )
        .all(kind, ...args) as (Json & { state: string; sourceId: string | null })[]
    ).map((r) => ({ ...r, d: JSON.parse(r.data) as Record<string, unknown> }));
  const ratings = records(
    'rating',
    `state = 'recorded' AND json_extract(data, '$.returnedOn') BETWEEN ? AND ?`,
    w.from,
    w.to,
  ).map((r) => ({
    dossierId: r.sourceId ?? '',
    satisfied: r.d['satisfied'] === true,
    returnedOn: String(r.d['returnedOn']),
  }));
  // Feedback about a dossier counts for the QĐ 766 ratio whenever it came in; feedback due in
  // the window counts for "answered on time". The first part is read through the window's
  // dossiers (the source index), not by scanning every feedback entry about any dossier.
  const feedback = (
    sqlite
      .prepare(
        `SELECT id, state, source_id AS sourceId, data FROM qms_records
          WHERE kind = 'feedback' AND json_extract(data, '$.deadline') BETWEEN ? AND ?
         UNION
         SELECT id, state, source_id AS sourceId, data FROM qms_records
          WHERE source_kind = 'dossier' AND kind = 'feedback' AND source_id IN (
            SELECT d.id FROM dossiers d
             WHERE (d.received_at >= ? AND d.received_at < ?) OR (d.resolved_at >= ? AND d.resolved_at < ?))`,
      )
      .all(w.from, w.to, start, end, start, end) as (Json & {
      state: string;
      sourceId: string | null;
    })[]
  ).map((r) => {
    const d = JSON.parse(r.data) as Record<string, unknown>;
    return {
      dossierId: r.sourceId,
      receivedOn: String(d['receivedOn']),
      deadline: String(d['deadline']),
      answeredOn: (d['answeredOn'] as string | null) ?? null,
      cancelled: r.state === 'cancelled',
    };
  });
  const nonconformities = records(
    'nonconformity',
    `json_extract(data, '$.deadline') BETWEEN ? AND ?`,
    w.from,
    w.to,
  ).map((r) => ({
    detectedOn: String(r.d['detectedOn']),
    deadline: String(r.d['deadline']),
    closedOn: (r.d['closedOn'] as string | null) ?? null,
    cancelled: r.state === 'cancelled',
  }));
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
  const procedureDocs = docs.map((d) => ({
    reviewedOn: [...(d.reviewed ? [d.reviewed] : []), ...(d.effective?.split(',') ?? [])],
  }));
  return {
    dossiers,
    ratings,
    feedback,
    nonconformities,
    procedureDocs,
  };
}

// Each office's quality-system status for the province (core/qms/office-status.ts computes
// it), kept per office in office_qms_status. Why a kept table rather than SQL over every row
// per request: the figures reuse the core definitions (the QĐ 766 ratio is a TypeScript
// function over dossier, rating and feedback facts), and at 3,300 offices one request reading
// every dossier and record of the year would read millions of jsonb rows. A kept row holds
// while the office has pushed nothing since (its highest entity server_seq, read through
// entities_office_seq_idx: one index probe per office), the year is the same and no deadline
// or review date has passed since (valid_until); otherwise that office alone is read again
// (its own rows, through the entities primary key's office prefix).
import { sql } from 'drizzle-orm';
import { civilDateOf, startOfCivilYear } from '../../core/calendar/civil-time';
import {
  officeQmsStatus,
  type OfficeQmsFacts,
  type OfficeQmsStatus,
  type PushedRecord,
} from '../../core/qms/office-status';
import type { Db } from '../database/connect';

type Rows = { rows: Record<string, unknown>[] };
/** The rows of a db.execute answer (node-postgres and PGlite both answer { rows }). */
export const rowsOf = (result: unknown) => (result as Rows).rows;

/** The record kinds the status reads, with the data fields it needs (audits and reviews
 * carry checklists and frozen inputs the status has no use for). */
const RECORD_DATA = sql.raw(`case r.row ->> 'kind'
  when 'objective' then jsonb_build_object('year', r.row -> 'data' -> 'year')
  when 'nonconformity' then jsonb_build_object('deadline', r.row -> 'data' -> 'deadline')
  when 'risk' then jsonb_build_object('type', r.row -> 'data' -> 'type',
    'likelihood', r.row -> 'data' -> 'likelihood', 'impact', r.row -> 'data' -> 'impact',
    'residualLikelihood', r.row -> 'data' -> 'residualLikelihood',
    'residualImpact', r.row -> 'data' -> 'residualImpact')
  when 'audit' then jsonb_build_object('date', r.row -> 'data' -> 'date',
    'reported', r.row -> 'data' -> 'reported')
  when 'review' then jsonb_build_object('date', r.row -> 'data' -> 'date')
  when 'announcement' then jsonb_build_object('decisionNo', r.row -> 'data' -> 'decisionNo',
    'signedOn', r.row -> 'data' -> 'signedOn', 'scope', r.row -> 'data' -> 'scope')
  when 'document' then jsonb_build_object('docType', r.row -> 'data' -> 'docType')
  when 'yearly_report' then jsonb_build_object('year', r.row -> 'data' -> 'year',
    'sentOn', r.row -> 'data' -> 'sent' -> 'on')
  end`);

const YEAR_MS = (year: number) => ({
  from: startOfCivilYear(Date.UTC(year, 6, 1)),
  to: startOfCivilYear(Date.UTC(year + 1, 6, 1)),
});

/** The office's facts for `year`, from its pushed rows. */
export async function loadOfficeFacts(
  db: Db,
  officeId: string,
  year: number,
): Promise<OfficeQmsFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const records = rowsOf(
    await db.execute(sql`
      select r.row ->> 'kind' as kind, r.row ->> 'state' as state,
        r.row ->> 'dueDate' as due_date, ${RECORD_DATA} as data
      from entities r
      where r.office_id = ${officeId}::uuid and r.entity = 'qms_record' and not r.deleted
        and r.row ->> 'kind' in ('objective', 'nonconformity', 'risk', 'audit', 'review',
          'announcement', 'document', 'yearly_report')`),
  ).map((r): PushedRecord => ({
    kind: String(r.kind),
    state: String(r.state),
    dueDate: typeof r.due_date === 'string' ? r.due_date : null,
    data: (r.data ?? {}) as Record<string, unknown>,
  }));
  const ratings = rowsOf(
    await db.execute(sql`
      select r.row ->> 'sourceId' as dossier_id, r.row -> 'data' ->> 'satisfied' as satisfied,
        r.row -> 'data' ->> 'returnedOn' as returned_on
      from entities r
      where r.office_id = ${officeId}::uuid and r.entity = 'qms_record' and not r.deleted
        and r.row ->> 'kind' = 'rating' and r.row ->> 'state' = 'recorded'
        and r.row -> 'data' ->> 'returnedOn' between ${from} and ${to}`),
  ).map((r) => ({
    dossierId: typeof r.dossier_id === 'string' ? r.dossier_id : '',
    satisfied: r.satisfied === 'true',
    returnedOn: String(r.returned_on),
  }));
  const complaints = rowsOf(
    await db.execute(sql`
      select r.row ->> 'sourceId' as dossier_id, r.row ->> 'state' as state
      from entities r
      where r.office_id = ${officeId}::uuid and r.entity = 'qms_record' and not r.deleted
        and r.row ->> 'kind' = 'feedback' and r.row ->> 'sourceKind' = 'dossier'`),
  ).map((r) => ({
    dossierId: typeof r.dossier_id === 'string' ? r.dossier_id : null,
    cancelled: r.state === 'cancelled',
  }));
  const span = YEAR_MS(year);
  const resolvedAt = sql.raw(`coalesce(
    case when jsonb_typeof(d.row -> 'resolvedAt') = 'number' then (d.row ->> 'resolvedAt')::float8 end,
    case when jsonb_typeof(d.row -> 'returnedAt') = 'number' then (d.row ->> 'returnedAt')::float8 end)`);
  const dossiers = rowsOf(
    await db.execute(sql`
      select d.entity_id as id, d.row ->> 'outcome' as outcome, ${resolvedAt} as resolved_at
      from entities d
      where d.office_id = ${officeId}::uuid and d.entity = 'dossier' and not d.deleted
        and d.row ->> 'outcome' is not null
        and ${resolvedAt} >= ${span.from} and ${resolvedAt} < ${span.to}`),
  ).map((r) => ({
    id: String(r.id),
    outcome: String(r.outcome),
    resolvedOn: civilDateOf(Number(r.resolved_at)),
  }));
  return { records, dossiers, ratings, complaints };
}

export interface KeptStatus {
  readonly officeId: string;
  readonly status: OfficeQmsStatus;
  /** Whether it was computed again for this read. */
  readonly fresh: boolean;
}

/** How many offices are computed again at once (PostgreSQL pool of 20; PGlite queues). */
const PARALLEL = 4;

/**
 * Every office's status for the year of `now` (or one office's): kept rows where they hold,
 * the others computed again and kept.
 */
export async function officeStatuses(
  db: Db,
  now: number,
  officeId?: string,
): Promise<Map<string, KeptStatus>> {
  const today = civilDateOf(now);
  const year = Number(today.slice(0, 4));
  const only = officeId === undefined ? sql`true` : sql`o.id = ${officeId}::uuid`;
  const kept = rowsOf(
    await db.execute(sql`
      select o.id::text as office_id, s.seq, s.year, s.valid_until, s.status,
        (select max(e.server_seq) from entities e where e.office_id = o.id) as seq_now
      from offices o left join office_qms_status s on s.office_id = o.id
      where ${only}`),
  );
  const out = new Map<string, KeptStatus>();
  const stale: { officeId: string; seq: number }[] = [];
  for (const k of kept) {
    const id = String(k.office_id);
    const seqNow = k.seq_now === null ? 0 : Number(k.seq_now);
    const holds =
      k.status !== null &&
      Number(k.seq) === seqNow &&
      Number(k.year) === year &&
      String(k.valid_until) >= today;
    if (holds) out.set(id, { officeId: id, status: k.status as OfficeQmsStatus, fresh: false });
    else stale.push({ officeId: id, seq: seqNow });
  }
  for (let i = 0; i < stale.length; i += PARALLEL) {
    await Promise.all(
      stale.slice(i, i + PARALLEL).map(async (s) => {
        const facts = await loadOfficeFacts(db, s.officeId, year);
        const { status, validUntil } = officeQmsStatus(facts, year, today);
        await keep(db, s.officeId, s.seq, year, validUntil, status, now);
        out.set(s.officeId, { officeId: s.officeId, status, fresh: true });
      }),
    );
  }
  return out;
}

const keep = async (
  db: Db,
  officeId: string,
  seq: number,
  year: number,
  validUntil: string,
  status: OfficeQmsStatus,
  now: number,
) => {
  const at = new Date(now).toISOString();
  await db.execute(sql`
    insert into office_qms_status (office_id, seq, year, valid_until, status, computed_at)
    values (${officeId}::uuid, ${seq}, ${year}, ${validUntil}, ${JSON.stringify(status)}::jsonb,
      ${at}::timestamptz)
    on conflict (office_id) do update set seq = excluded.seq, year = excluded.year,
      valid_until = excluded.valid_until, status = excluded.status,
      computed_at = excluded.computed_at`);
};

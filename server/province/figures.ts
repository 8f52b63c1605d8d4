// Dossier figures read from the latest snapshots offices pushed (the `entities` rows of entity
// 'dossier'), as SQL over jsonb so PostgreSQL and PGlite aggregate them in one pass each.
// The definitions follow the desktop's own dashboard: on-time = early or on time among the
// dossiers resolved in the period; overdue = open (processing, supplement, ready) past due.
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { startOfCivilMonth, startOfCivilYear, VN_OFFSET_MS } from '../../core/calendar/civil-time';
import { entities } from '../database/schema/index';

/** First instant of the current month in Vietnam time (UTC+7). */
export const vietnamMonthStart = (now: number): number => startOfCivilMonth(now);

/** First instant of the current year in Vietnam time, and of the month `back` months ago. */
export const vietnamYearStart = startOfCivilYear;
export const vietnamMonthsBack = startOfCivilMonth;

/** A field name as an SQL literal. Names are constants of this module, never input; inlined
 * rather than bound so a select expression and its GROUP BY are the same text to PostgreSQL. */
const key = (field: string): SQL => {
  if (!/^[A-Za-z]+$/.test(field)) throw new Error(`bad field name ${field}`);
  return sql.raw(`'${field}'`);
};

/** A number field of the jsonb row, or NULL when it is absent or not a number. */
export const num = (field: string): SQL =>
  sql`(case when jsonb_typeof(${entities.row} -> ${key(field)}) = 'number' then (${entities.row} ->> ${key(field)})::float8 end)`;
export const text = (field: string): SQL => sql`(${entities.row} ->> ${key(field)})`;
export const countWhere = (condition: SQL) =>
  sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/** When the dossier was resolved: resolvedAt, or returnedAt for rows that only carry that. */
export const resolvedAt = sql`coalesce(${num('resolvedAt')}, ${num('returnedAt')})`;
const isResolved = sql`${text('outcome')} is not null`;
const isOnTime = sql`${text('outcome')} in ('early', 'on_time')`;
export const isDossier = sql`${entities.entity} = 'dossier' and not ${entities.deleted}`;

/** The figures the overview and the drill-down share, as select columns. */
export const dossierFigureColumns = (now: number) => {
  const monthStart = vietnamMonthStart(now);
  const yearStart = vietnamYearStart(now);
  return {
    total: sql<number>`count(*)`.mapWith(Number),
    thisMonth: countWhere(sql`${num('receivedAt')} >= ${monthStart}`),
    resolved: countWhere(isResolved),
    onTime: countWhere(isOnTime),
    resolvedThisYear: countWhere(sql`${isResolved} and ${resolvedAt} >= ${yearStart}`),
    onTimeThisYear: countWhere(sql`${isOnTime} and ${resolvedAt} >= ${yearStart}`),
    overdue: countWhere(
      sql`${text('outcome')} is null and ${text('status')} in ('processing', 'supplement', 'ready') and ${num('dueAt')} < ${now}`,
    ),
  };
};

/** YYYY-MM of a millisecond instant in Vietnam time; only the UTC zone is needed, which every
 * PostgreSQL build (and PGlite) has. */
export const vietnamMonthOf = (ms: SQL): SQL =>
  sql`to_char(to_timestamp((${ms} + ${sql.raw(String(VN_OFFSET_MS))}) / 1000.0) at time zone 'UTC', 'YYYY-MM')`;

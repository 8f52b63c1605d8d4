// What the generated office looks like and when its citizens come: the catalog's procedures
// with their share of dossiers and late rate, and the working days of the history with their
// counts (busier months and Mondays) and arrival times in office hours.
import { asc, eq } from 'drizzle-orm';
import type { drizzle } from 'drizzle-orm/better-sqlite3';
import type { WorkCalendar } from '../../core/calendar/calendar-data';
import {
  dayNumberOfInstant,
  partsFromDayNumber,
  startOfDayNumber,
  weekdayOfDayNumber,
} from '../../core/calendar/civil-time';
import type { ProcedureVersion } from '../../core/catalog/schema';
import { documentList } from '../../core/demo/desk-mix';
import { weighted, type Rng } from '../../core/demo/rng';
import { FORM_SETS } from '../../core/forms/registry';
import type * as schema from '../../db/schema';
import { procedureVersions, procedures } from '../../db/schema';

const MINUTE_MS = 60_000;

export interface User {
  readonly id: string;
  readonly fullName: string;
}

export interface Version {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly body: ProcedureVersion;
  readonly sameDay: boolean;
  readonly docsRequired: string;
  readonly docsAll: string;
  readonly docNames: readonly string[];
}

export interface Proc {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Sorted by effectiveFrom ascending. */
  readonly versions: readonly Version[];
  readonly lateRate: number;
}

const LATE_RATE: Readonly<Record<string, number>> = {
  '1.013225': 0.14,
  '1.001776': 0.1,
  '1.004884': 0.09,
  '1.004859': 0.08,
};
const BASE_LATE_RATE = 0.06;

/** Month of year → relative volume (Tết in Jan/Feb, school papers in Jul/Aug, year end). */
const MONTH_WEIGHT = [0, 1.15, 0.72, 1.0, 0.95, 1.0, 1.1, 1.3, 1.32, 1.05, 0.95, 0.97, 1.12];
/** ISO weekday → relative volume (Mondays are busy; a worked Saturday is quiet). */
const WEEKDAY_WEIGHT = [0, 1.22, 1.05, 1.0, 0.96, 0.9, 0.55, 0.4];

export function loadProcedures(db: ReturnType<typeof drizzle<typeof schema>>): Proc[] {
  const procs = db.select().from(procedures).where(eq(procedures.active, true)).all();
  return procs
    .map((p) => {
      const versions = db
        .select()
        .from(procedureVersions)
        .where(eq(procedureVersions.procedureId, p.id))
        .orderBy(asc(procedureVersions.effectiveFrom), asc(procedureVersions.version))
        .all()
        .filter((v) => v.body.steps.length >= 2)
        .map((v) => ({
          id: v.id,
          effectiveFrom: v.effectiveFrom,
          body: v.body,
          sameDay: v.body.timeLimit.unit === 'working_days' && v.body.timeLimit.value === 0,
          docsRequired: JSON.stringify(documentList(v.body, false)),
          docsAll: JSON.stringify(documentList(v.body, true)),
          docNames: v.body.documents.map((d) => d.name),
        }));
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        versions,
        lateRate: LATE_RATE[p.code] ?? BASE_LATE_RATE,
      };
    })
    .filter((p) => p.versions.length > 0);
}

/** The version in force on a date; before the first one, the first one (history predates the catalog). */
export function versionOn(p: Proc, date: string): Version {
  let found = p.versions[0];
  for (const v of p.versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

export const EARLIEST_FORM_SET = [...FORM_SETS].sort((a, b) =>
  a.effectiveFrom.localeCompare(b.effectiveFrom),
)[0];

// ---------------------------------------------------------------------------------------
// When dossiers arrive

export interface DayPlan {
  readonly day: number;
  readonly count: number;
}

/** Working-ms windows of a day's sessions, cut at `limit` (an instant) on the last day. */
function windows(cal: WorkCalendar, day: number, limit: number): [number, number][] {
  const base = startOfDayNumber(day);
  const out: [number, number][] = [];
  for (const s of cal.sessions) {
    const start = base + s.startMs;
    // Nobody is received in the last minutes of a session.
    const end = Math.min(base + s.endMs - 5 * MINUTE_MS, limit - MINUTE_MS);
    if (end > start) out.push([start, end]);
  }
  return out;
}

export function planDays(
  cal: WorkCalendar,
  total: number,
  years: number,
  now: number,
  rng: Rng,
): DayPlan[] {
  const lastDay = dayNumberOfInstant(now);
  const firstDay = lastDay - Math.round(years * 365.2425) + 1;
  const fullDayMs = cal.sessions.reduce((sum, s) => sum + s.endMs - s.startMs, 0);
  const days: { day: number; weight: number }[] = [];
  let sum = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (!cal.isWorkingDayNumber(day)) continue;
    const open = windows(cal, day, now).reduce((s, [a, b]) => s + b - a, 0);
    if (open <= 0) continue;
    const { month } = partsFromDayNumber(day);
    const growth = 1 + (0.35 * (day - firstDay)) / Math.max(1, lastDay - firstDay);
    const weight =
      (MONTH_WEIGHT[month] ?? 1) *
      (WEEKDAY_WEIGHT[weekdayOfDayNumber(day)] ?? 1) *
      growth *
      rng.range(0.7, 1.3) *
      Math.min(1, open / fullDayMs);
    days.push({ day, weight });
    sum += weight;
  }
  // Systematic rounding: exact total, each day within one of its expected count.
  let acc = rng.next();
  return days.map(({ day, weight }) => {
    const expected = (total * weight) / sum;
    const count = Math.floor(acc + expected) - Math.floor(acc);
    acc += expected;
    return { day, count };
  });
}

export function arrivalTimes(cal: WorkCalendar, day: number, count: number, now: number, rng: Rng) {
  const wins = windows(cal, day, now);
  const pickWindow = weighted(
    wins.map((w, i) => [w, (w[1] - w[0]) * (i === 0 ? 1.3 : 1)] as const),
  );
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b] = pickWindow(rng);
    times.push(Math.floor(rng.range(a, b) / 1000) * 1000 + rng.int(0, 999));
  }
  return times.sort((x, y) => x - y);
}

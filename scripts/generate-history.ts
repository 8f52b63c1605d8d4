// `tsx scripts/generate-history.ts --data-dir DIR [--dossiers 200000] [--years 10] [--seed 1]`
// Creates a demo office in DIR and fills it with years of realistic one-stop-desk history:
// dossiers on working days in office hours (busier in some months), the seeded catalog's
// procedure mix, Vietnamese applicants, codes and tracking-book lines from the office's own
// counters, each dossier's steps, events and audit rows as the desk would have written them.
// Writes straight to the backend's live connection with prepared statements in large
// transactions, from a seeded PRNG, so a run is reproducible and 200k dossiers take seconds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { asc, eq, getTableColumns, getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { buildCalendar, type WorkCalendar } from '../core/calendar/calendar-data';
import type { OfficeHours } from '../core/calendar/calendar-schema';
import {
  DAY_MS,
  civilDateOf,
  dayNumberOfInstant,
  formatDayNumber,
  partsFromDayNumber,
  startOfDayNumber,
  weekdayOfDayNumber,
} from '../core/calendar/civil-time';
import {
  addWorkingHours,
  classifyStep,
  classifyTiming,
  endOfWorkingDay,
  nextWorkingDay,
  workingMsBetween,
} from '../core/calendar/working-time';
import { computeFee } from '../core/catalog/fees';
import type { ProcedureVersion } from '../core/catalog/schema';
import { formatCode, sequenceScope } from '../core/desk/code-format';
import type { DossierStatus, Outcome } from '../core/desk/types';
import {
  APOLOGY_REASONS,
  documentList,
  PROCEDURE_MIX,
  REFUSE_REASONS,
  STOP_REASONS,
  SUPPLEMENT_REASONS,
} from '../core/demo/desk-mix';
import { FORM_SETS, formSetFor } from '../core/forms/registry';
import * as schema from '../db/schema';
import {
  auditLog,
  calendarYears,
  deskSettings,
  dossierEvents,
  dossierSteps,
  dossiers,
  office,
  procedureVersions,
  procedures,
  users,
} from '../db/schema';
import { openBackend } from '../services/app';
import { AUDIT_COUNTER, chainHash } from '../services/security/audit-chain';
import { GENESIS_HASH } from '../core/audit/chain';
import { DB_FILE_NAME } from '../services/backup';
import { appointment } from '../services/desk/receive';
import type { AppBackend } from '../services/platform';
import { makePerson, type Person } from '../core/demo/people';
import { createRng, uuid7, weighted, type Rng } from '../core/demo/rng';

/** Bump when the generated data changes shape or distribution (benchmark caches key on it). */
export const HISTORY_VERSION = 1;

export interface HistoryOptions {
  readonly dossiers: number;
  readonly years: number;
  readonly seed: number;
  /** End of the history (default: now). Nothing is received or happens after it. */
  readonly now?: number;
  /** Dossiers per transaction. */
  readonly batchSize?: number;
  /** Write the audit-log rows each action would have written (default true). */
  readonly audit?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface HistoryStats {
  readonly dossiers: number;
  readonly steps: number;
  readonly events: number;
  readonly auditRows: number;
  readonly byStatus: Record<string, number>;
  readonly byOutcome: Record<string, number>;
  readonly firstReceivedAt: number | null;
  readonly lastReceivedAt: number | null;
  readonly ms: number;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

type SqlValue = string | number | null;

/** A prepared INSERT over the named columns of a drizzle table (column names from the schema). */
function inserter<T extends SQLiteTable, K extends keyof T['$inferInsert'] & string>(
  sqlite: ReturnType<AppBackend['database']>,
  table: T,
  keys: readonly K[],
): (row: Record<K, SqlValue>) => void {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const names = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
    return `"${column.name}"`;
  });
  const stmt = sqlite.prepare(
    `INSERT INTO "${getTableName(table)}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  return (row) => {
    stmt.run(keys.map((k) => row[k]));
  };
}

/**
 * Keeping the search indexes in step row by row (the dossiers_fts_ai and dossiers_code_fts_ai
 * triggers) costs most of a bulk load. Inside each batch transaction the triggers are dropped,
 * the batch's new rows are indexed with one INSERT ... SELECT built from each trigger's own
 * statement, and the triggers are re-created from their stored SQL before COMMIT, so no
 * committed state ever lacks them. A trigger not of the expected one-statement shape is left alone.
 */
function ftsBulkLoader(sqlite: ReturnType<AppBackend['database']>) {
  const rows = sqlite
    .prepare(
      "SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'dossiers' AND name LIKE 'dossiers%fts_ai'",
    )
    .all() as { name: string; tbl: string; sql: string }[];
  const loaders = rows.flatMap((row) => {
    const body = /\bBEGIN\s+INSERT INTO\s+(.+?)\s+VALUES\s*\((.+)\);\s*END;?\s*$/is.exec(row.sql);
    if (!body?.[1] || !body[2]) return [];
    const values = body[2].replace(/\bnew\./gi, '');
    const bulk = `INSERT INTO ${body[1]} SELECT ${values} FROM "${row.tbl}" WHERE rowid > ?`;
    return [{ row, bulk }];
  });
  const maxRowid = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM "dossiers"').pluck();
  let from = 0;
  return {
    suspend: () => {
      from = maxRowid.get() as number;
      for (const l of loaders) sqlite.exec(`DROP TRIGGER "${l.row.name}"`);
    },
    resume: () => {
      for (const l of loaders) {
        sqlite.prepare(l.bulk).run(from);
        sqlite.exec(l.row.sql);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------
// What the office looks like

interface User {
  readonly id: string;
  readonly fullName: string;
}

interface Version {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly body: ProcedureVersion;
  readonly sameDay: boolean;
  readonly docsRequired: string;
  readonly docsAll: string;
  readonly docNames: readonly string[];
}

interface Proc {
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

function loadProcedures(db: ReturnType<typeof drizzle<typeof schema>>): Proc[] {
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
function versionOn(p: Proc, date: string): Version {
  let found = p.versions[0];
  for (const v of p.versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

const EARLIEST_FORM_SET = [...FORM_SETS].sort((a, b) =>
  a.effectiveFrom.localeCompare(b.effectiveFrom),
)[0];

// ---------------------------------------------------------------------------------------
// When dossiers arrive

interface DayPlan {
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

function planDays(
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

function arrivalTimes(cal: WorkCalendar, day: number, count: number, now: number, rng: Rng) {
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

// ---------------------------------------------------------------------------------------
// One dossier's life

interface StepRec {
  readonly no: number;
  readonly name: string;
  readonly role: string;
  readonly assignee: User;
  readonly from: User | null;
  readonly startedAt: number;
  dueAt: number;
  finishedAt: number | null;
  outcome: Outcome | null;
}

interface EventRec {
  readonly at: number;
  readonly user: User;
  readonly kind: string;
  readonly data: Record<string, unknown>;
  readonly audit?: { operation: string; summary: string };
  /** For hand-offs: index of the step handed on. */
  readonly from?: number;
}

export async function generateOffice(
  dataDir: string,
  options: HistoryOptions,
): Promise<HistoryStats> {
  const backend = await openBackend({
    dataDir,
    platform: { kind: 'test', appVersion: 'generate-history' },
    backupDelayMs: 24 * 3600_000,
  });
  try {
    const status = await backend.call('cli', 'app.status', {});
    if (!status.ok) throw new Error(status.error.message);
    if ((status.value as { setUp: boolean }).setUp)
      throw new Error(`${dataDir} already holds an office; use an empty folder`);
    const demo = await backend.call('cli', 'setup.demo', {});
    if (!demo.ok) throw new Error(demo.error.message);
    return generateHistory(backend, options);
  } finally {
    backend.close();
  }
}

/** Writes `options.dossiers` dossiers of history into a set-up office on the backend's connection. */
export function generateHistory(backend: AppBackend, options: HistoryOptions): HistoryStats {
  const started = performance.now();
  const sqlite = backend.database();
  const db = drizzle({ client: sqlite, schema });
  const now = options.now ?? Date.now();
  const total = Math.max(0, Math.floor(options.dossiers));
  const batchSize = options.batchSize ?? 5000;
  const withAudit = options.audit ?? true;
  const rng = createRng(options.seed);

  const officeRow = db.select().from(office).get();
  const settings = db.select().from(deskSettings).where(eq(deskSettings.id, 1)).get();
  if (!officeRow || !settings) throw new Error('The office is not set up (run setup.demo first)');
  const cal = buildCalendar(
    settings.officeHours as OfficeHours,
    db
      .select()
      .from(calendarYears)
      .all()
      .map((y) => y.data),
  );
  const supplementRule = settings.supplementRule;
  const template = settings.codeFormat;
  const agency = officeRow.agencyCode;
  const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const commune = lowerFirst(officeRow.commune);
  const provinceName = lowerFirst(officeRow.province);

  const byRole = new Map<string, User[]>();
  for (const u of db.select().from(users).where(eq(users.disabled, false)).all()) {
    for (const role of u.roles) {
      const list = byRole.get(role) ?? [];
      list.push({ id: u.id, fullName: u.fullName });
      byRole.set(role, list);
    }
  }
  const userFor = (role: string): User => {
    const list = byRole.get(role);
    if (!list?.length) throw new Error(`No active user with role ${role}`);
    return list.length === 1 ? list[0] : rng.pick(list);
  };

  const procs = loadProcedures(db);
  if (!procs.length) throw new Error('The catalog has no procedure with a step table');
  const pickProc = weighted(procs.map((p) => [p, PROCEDURE_MIX[p.code] ?? 1] as const));

  // Residents: a pool sized to the history, some of whom come back often.
  const poolSize = Math.min(60_000, Math.max(300, Math.round(total / 4)));
  const pool: Person[] = [];
  for (let i = 0; i < poolSize; i++) pool.push(makePerson(rng, commune, provinceName));
  const pickPerson = () => pool[Math.floor(poolSize * rng.next() ** 1.25)];

  const insertDossier = inserter(sqlite, dossiers, [
    'id',
    'code',
    'requestKey',
    'procedureId',
    'procedureVersionId',
    'formSet',
    'applicantName',
    'applicantNameFolded',
    'applicantIdKind',
    'applicantIdNumber',
    'applicantAddress',
    'applicantPhone',
    'applicantEmail',
    'documents',
    'sets',
    'feeVnd',
    'channel',
    'status',
    'currentStep',
    'receivedAt',
    'receivedBy',
    'dueAt',
    'originalDueAt',
    'extended',
    'pausedAt',
    'resolvedAt',
    'returnedAt',
    'outcome',
    'bookYear',
    'bookLine',
    'note',
    'updatedAt',
  ]);
  const insertStep = inserter(sqlite, dossierSteps, [
    'id',
    'dossierId',
    'stepNo',
    'stepName',
    'role',
    'assigneeId',
    'fromUserId',
    'startedAt',
    'dueAt',
    'finishedAt',
    'outcome',
    'note',
  ]);
  const insertEvent = inserter(sqlite, dossierEvents, [
    'id',
    'dossierId',
    'at',
    'userId',
    'kind',
    'data',
  ]);
  const insertAudit = inserter(sqlite, auditLog, [
    'id',
    'at',
    'actorId',
    'actorName',
    'operation',
    'entity',
    'entityId',
    'summary',
    'seq',
    'prevHash',
    'hash',
  ]);
  // Generated rows join the office's audit hash chain after the rows the app wrote.
  let auditHead =
    (sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as
      string | undefined) ?? GENESIS_HASH;
  const readCounter = sqlite.prepare('SELECT last FROM counters WHERE scope = ?').pluck();
  const writeCounter = sqlite.prepare(
    'INSERT INTO counters (scope, last) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET last = max(last, excluded.last)',
  );
  const counterCache = new Map<string, number>();
  const dirty = new Set<string>();
  const nextCounter = (scope: string): number => {
    const last = counterCache.get(scope) ?? (readCounter.get(scope) as number | undefined) ?? 0;
    counterCache.set(scope, last + 1);
    dirty.add(scope);
    return last + 1;
  };
  const flushCounters = () => {
    for (const scope of dirty) writeCounter.run(scope, counterCache.get(scope) ?? 0);
    dirty.clear();
  };

  const stats = {
    dossiers: 0,
    steps: 0,
    events: 0,
    auditRows: 0,
    byStatus: {} as Record<string, number>,
    byOutcome: {} as Record<string, number>,
    firstReceivedAt: null as number | null,
    lastReceivedAt: null as number | null,
  };
  const bump = (map: Record<string, number>, key: string) => {
    map[key] = (map[key] ?? 0) + 1;
  };

  const writeOne = (receivedAt: number, date: string) => {
    const proc = pickProc(rng);
    const v = versionOn(proc, date);
    const body = v.body;
    const plan = body.steps;
    const n = plan.length;
    const person = pickPerson();
    const year = Number(date.slice(0, 4));
    const id = uuid7(receivedAt, rng);
    const code = formatCode(template, {
      agency,
      date,
      seq: nextCounter(sequenceScope(template, date)),
    });
    const bookLine = nextCounter(`book:${year}`);
    const at = (x: number) => addWorkingHours(receivedAt, x / HOUR_MS, cal);
    const due0 = appointment(body, receivedAt, cal);
    const budget = workingMsBetween(receivedAt, due0, cal);
    const ageDays = (now - receivedAt) / DAY_MS;

    // Fate and pace.
    const r = rng.next();
    let fate: 'returned' | 'refused' | 'stopped' =
      r < 0.01 ? 'refused' : r < 0.014 && n > 2 ? 'stopped' : 'returned';
    const late = fate === 'returned' && rng.chance(proc.lateRate);
    const active = late
      ? budget + Math.max(15 * MINUTE_MS, rng.exp(6 * HOUR_MS))
      : budget * (v.sameDay ? rng.range(0.3, 0.97) : rng.range(0.12, 0.95));
    const weights = plan.map((s, i) => (i === 0 ? 0 : s.hours * rng.range(0.5, 1.5)));
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const fin: number[] = [];
    let cum = 0;
    for (let i = 0; i < n; i++) {
      cum += weights[i] ?? 0;
      fin.push(i === 0 ? 0 : (active * cum) / weightSum);
    }
    // A supplement round during the specialist's step (the clock pauses or restarts).
    const supp =
      fate === 'returned' && rng.chance(v.sameDay ? 0.01 : 0.06)
        ? {
            s: (fin[1] ?? 0) * rng.range(0.2, 0.8),
            p: Math.min(
              15 * 7.5 * HOUR_MS,
              Math.max(2 * HOUR_MS, Math.round(rng.exp(16 * HOUR_MS) / MINUTE_MS) * MINUTE_MS),
            ),
          }
        : null;
    const act = (x: number) => (supp && x > supp.s ? at(x + supp.p) : at(x));
    const resumeAt = supp ? at(supp.s + supp.p) : 0;
    const dueMoved = supp
      ? supplementRule === 'pause'
        ? addWorkingHours(due0, supp.p / HOUR_MS, cal)
        : appointment(body, resumeAt, cal)
      : due0;

    // Steps along the whole path.
    const receiver = userFor('desk_officer');
    const steps: StepRec[] = [];
    for (let i = 0; i < n; i++) {
      const s = plan[i];
      const prev = steps[i - 1];
      const assignee = i === 0 ? receiver : userFor(s.role);
      const startedAt = prev ? (prev.finishedAt as number) : receivedAt;
      let dueAt = addWorkingHours(startedAt, s.hours, cal);
      if (i === 1 && supp)
        dueAt =
          supplementRule === 'pause'
            ? addWorkingHours(dueAt, supp.p / HOUR_MS, cal)
            : addWorkingHours(resumeAt, s.hours, cal);
      const finishedAt = i === 0 ? receivedAt : act(fin[i] ?? 0);
      steps.push({
        no: s.no,
        name: s.name,
        role: s.role,
        assignee,
        from: prev?.assignee ?? null,
        startedAt,
        dueAt,
        finishedAt,
        outcome: classifyStep(finishedAt, dueAt, cal),
      });
    }
    const step = (i: number) => steps[i];
    const events: EventRec[] = [
      {
        at: receivedAt,
        user: receiver,
        kind: 'received',
        data: { dueAt: due0, to: step(1).assignee.fullName },
        audit: {
          operation: 'dossiers.receive',
          summary: `Tiếp nhận hồ sơ ${code}: ${proc.name}`,
        },
      },
    ];
    if (supp) {
      const items = [rng.pick(v.docNames.length ? v.docNames : ['Giấy tờ tùy thân'])];
      events.push(
        {
          at: at(supp.s),
          user: step(1).assignee,
          kind: 'supplement_requested',
          data: { items, reason: rng.pick(SUPPLEMENT_REASONS) },
          audit: {
            operation: 'dossiers.requestSupplement',
            summary: `${code}: yêu cầu bổ sung ${items.length} thành phần`,
          },
        },
        {
          at: resumeAt,
          user: receiver,
          kind: 'supplement_received',
          data: { rule: supplementRule, dueAt: dueMoved, note: '' },
          audit: {
            operation: 'dossiers.resumeSupplement',
            summary: `${code}: nhận hồ sơ bổ sung, hẹn trả mới ${civilDateOf(dueMoved)}`,
          },
        },
      );
    }
    for (let i = 1; i < n - 1; i++) {
      const from = step(i);
      const to = step(i + 1);
      const t = from.finishedAt as number;
      events.push({
        at: t,
        from: i,
        user: from.assignee,
        kind: 'forwarded',
        data: { fromStep: from.name, toStep: to.name, to: to.assignee.fullName, note: '' },
        audit: {
          operation: 'dossiers.forward',
          summary: `${code}: chuyển "${to.name}" cho ${to.assignee.fullName}`,
        },
      });
      if (from.role === 'leader')
        events.push({ at: t, from: i, user: from.assignee, kind: 'result_signed', data: {} });
    }
    const returnedAt = step(n - 1).finishedAt as number;
    const outcome = classifyTiming(returnedAt, dueMoved, body.timeLimit.unit, cal);
    events.push({
      at: returnedAt,
      user: step(n - 1).assignee,
      kind: 'returned',
      data: { outcome, note: '' },
      audit: { operation: 'dossiers.return', summary: `${code}: trả kết quả` },
    });
    // A late dossier often got an apology and a new date before its appointment passed.
    let dueAt = dueMoved;
    let extended = false;
    if (late && !supp && rng.chance(0.5)) {
      const x = Math.max(MINUTE_MS, budget - rng.range(0.5, 3) * HOUR_MS);
      const t = at(x);
      const holder = steps.find((s, i) => i > 0 && (s.finishedAt as number) >= t) ?? step(1);
      const returnDay = civilDateOf(returnedAt);
      const after = nextWorkingDay(civilDateOf(due0), cal);
      const newDate = returnDay > after ? returnDay : after;
      const newDue = endOfWorkingDay(newDate, cal);
      events.push({
        at: t,
        user: holder.assignee,
        kind: 'apology',
        data: { reason: rng.pick(APOLOGY_REASONS), previousDueAt: due0, dueAt: newDue },
        audit: {
          operation: 'dossiers.apologize',
          summary: `${code}: xin lỗi và gia hạn đến ${newDate}`,
        },
      });
      dueAt = newDue;
      extended = true;
    }

    // Where the dossier stands now.
    let status: DossierStatus = 'returned';
    let currentStep = n;
    let resolvedAt: number | null = returnedAt;
    let returned: number | null = returnedAt;
    let finalOutcome: Outcome | null = outcome;
    let pausedAt: number | null = null;
    let keepSteps = n;
    let keepEvents = events;
    let originalDueAt = dueMoved;

    // Recent dossiers are partly still open; mostly those whose appointment is still ahead.
    const pOpen =
      ageDays < 14 ? (0.8 * Math.exp(-ageDays / 5) + 0.05) * (dueMoved > now ? 1 : 0.12) : 0;
    const forcedOpen = fate === 'returned' && returnedAt <= now && rng.chance(pOpen);
    if (fate !== 'returned') {
      // Refused at the specialist's step, or stopped by the leader at a middle step.
      const k = fate === 'refused' ? 1 : rng.int(1, n - 2);
      const s = step(k);
      const t = at((fin[k - 1] ?? 0) + ((fin[k] ?? 0) - (fin[k - 1] ?? 0)) * rng.range(0.3, 0.9));
      if (t > now) {
        fate = 'returned'; // not decided yet: it is still open (handled below)
      } else {
        s.finishedAt = t;
        s.outcome = classifyStep(t, s.dueAt, cal);
        keepSteps = k + 1;
        const by = fate === 'refused' ? s.assignee : userFor('leader');
        keepEvents = events.filter(
          (e) => e.kind === 'received' || (e.from !== undefined && e.from < k),
        );
        keepEvents.push({
          at: t,
          user: by,
          kind: fate,
          data: { reason: rng.pick(fate === 'refused' ? REFUSE_REASONS : STOP_REASONS) },
          audit: {
            operation: `dossiers.${fate === 'refused' ? 'refuse' : 'stop'}`,
            summary: `${code}: ${fate === 'refused' ? 'từ chối giải quyết' : 'dừng giải quyết'}`,
          },
        });
        status = fate;
        currentStep = k + 1;
        resolvedAt = t;
        returned = null;
        finalOutcome = null;
        dueAt = due0;
        originalDueAt = due0;
        extended = false;
      }
    }
    if (fate === 'returned' && (returnedAt > now || forcedOpen)) {
      let k = steps.findIndex((s, i) => i > 0 && (s.finishedAt as number) > now);
      if (k < 0) k = rng.chance(0.5) ? n - 1 : rng.int(1, n - 2);
      const open = step(k);
      open.finishedAt = null;
      open.outcome = null;
      keepSteps = k + 1;
      currentStep = k + 1;
      status = k === n - 1 ? 'ready' : 'processing';
      resolvedAt = null;
      returned = null;
      finalOutcome = null;
      // Hand-offs out of the open step (and the return) have not happened.
      keepEvents = events.filter(
        (e) => e.at <= now && e.kind !== 'returned' && (e.from === undefined || e.from < k),
      );
      if (supp && resumeAt > now) {
        // The supplement is still ahead or awaited: the clock has not moved yet.
        dueAt = due0;
        originalDueAt = due0;
        open.dueAt = addWorkingHours(open.startedAt, plan[k]?.hours ?? 0, cal);
        if (at(supp.s) <= now) {
          status = 'supplement';
          pausedAt = at(supp.s);
        }
      } else if (!supp && k === 1 && !v.sameDay && rng.chance(0.2)) {
        const t = Math.floor(rng.range(open.startedAt, now));
        if (t > open.startedAt) {
          status = 'supplement';
          pausedAt = t;
          const items = [rng.pick(v.docNames.length ? v.docNames : ['Giấy tờ tùy thân'])];
          keepEvents.push({
            at: t,
            user: open.assignee,
            kind: 'supplement_requested',
            data: { items, reason: rng.pick(SUPPLEMENT_REASONS) },
            audit: {
              operation: 'dossiers.requestSupplement',
              summary: `${code}: yêu cầu bổ sung ${items.length} thành phần`,
            },
          });
        }
      }
      if (!keepEvents.some((e) => e.kind === 'apology')) {
        dueAt = originalDueAt;
        extended = false;
      }
    }

    // Write it.
    const kept = steps.slice(0, keepSteps);
    keepEvents.sort((a, b) => a.at - b.at);
    const updatedAt = keepEvents.reduce((m, e) => Math.max(m, e.at), receivedAt);
    const idKind = year < 2021 && rng.chance(0.45) ? 'cmnd' : 'cccd';
    const fee = computeFee(body, { pages: rng.int(1, 12), copies: rng.int(1, 4) }).totalVnd;
    const formSet = formSetFor(date) ?? EARLIEST_FORM_SET;
    const channelRoll = rng.next();
    const onlineShare = 0.02 + 0.2 * Math.max(0, Math.min(1, (year - 2016) / 10));
    insertDossier({
      id,
      code,
      requestKey: uuid7(receivedAt, rng),
      procedureId: proc.id,
      procedureVersionId: v.id,
      formSet: formSet?.id ?? 'tt03-2025',
      applicantName: person.name,
      applicantNameFolded: person.folded,
      applicantIdKind: idKind,
      applicantIdNumber: idKind === 'cmnd' ? person.cmnd : person.cccd,
      applicantAddress: person.address,
      applicantPhone: person.phone,
      applicantEmail: person.email,
      documents: rng.chance(0.3) ? v.docsAll : v.docsRequired,
      sets: rng.chance(0.05) ? 2 : 1,
      feeVnd: fee,
      channel:
        channelRoll < onlineShare
          ? 'online'
          : channelRoll < onlineShare + 0.02
            ? 'postal'
            : 'direct',
      status,
      currentStep,
      receivedAt,
      receivedBy: receiver.id,
      dueAt,
      originalDueAt,
      extended: extended ? 1 : 0,
      pausedAt,
      resolvedAt,
      returnedAt: returned,
      outcome: finalOutcome,
      bookYear: year,
      bookLine,
      note: '',
      updatedAt,
    });
    for (const s of kept) {
      insertStep({
        id: uuid7(s.startedAt, rng),
        dossierId: id,
        stepNo: s.no,
        stepName: s.name,
        role: s.role,
        assigneeId: s.assignee.id,
        fromUserId: s.from?.id ?? null,
        startedAt: s.startedAt,
        dueAt: s.dueAt,
        finishedAt: s.finishedAt,
        outcome: s.outcome,
        note: '',
      });
    }
    for (const e of keepEvents) {
      insertEvent({
        id: uuid7(e.at, rng),
        dossierId: id,
        at: e.at,
        userId: e.user.id,
        kind: e.kind,
        data: JSON.stringify(e.data),
      });
      if (withAudit && e.audit) {
        const row = {
          id: uuid7(e.at, rng),
          seq: nextCounter(AUDIT_COUNTER),
          at: e.at,
          actorId: e.user.id,
          actorName: e.user.fullName,
          operation: e.audit.operation,
          entity: 'dossier',
          entityId: id,
          summary: e.audit.summary,
          prevHash: auditHead,
        };
        auditHead = chainHash(row);
        insertAudit({ ...row, hash: auditHead });
        stats.auditRows++;
      }
    }
    stats.dossiers++;
    stats.steps += kept.length;
    stats.events += keepEvents.length;
    bump(stats.byStatus, status);
    if (finalOutcome) bump(stats.byOutcome, finalOutcome);
    stats.firstReceivedAt ??= receivedAt;
    stats.lastReceivedAt = receivedAt;
  };

  const days = planDays(cal, total, options.years, now, rng);
  // Bulk load: a large page cache, no fsync per batch and no per-row foreign-key lookups (the
  // rows are built consistent; the test runs foreign_key_check); the office's settings come
  // back below and the final checkpoint makes everything durable.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  const fts = ftsBulkLoader(sqlite);
  let inTx = 0;
  const begin = () => {
    sqlite.exec('BEGIN');
    fts.suspend();
  };
  const commit = () => {
    flushCounters();
    fts.resume();
    sqlite.exec('COMMIT');
  };
  begin();
  try {
    for (const { day, count } of days) {
      if (!count) continue;
      const date = formatDayNumber(day);
      for (const t of arrivalTimes(cal, day, count, now, rng)) writeOne(t, date);
      inTx += count;
      if (inTx >= batchSize) {
        commit();
        options.onProgress?.(stats.dossiers, total);
        inTx = 0;
        begin();
      }
    }
    commit();
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys}`);
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
  options.onProgress?.(stats.dossiers, total);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { ...stats, ms: performance.now() - started };
}

/** Bytes of the office database (main file plus WAL). */
export function databaseBytes(dataDir: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    const file = path.join(dataDir, DB_FILE_NAME + suffix);
    if (fs.existsSync(file)) bytes += fs.statSync(file).size;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------
// CLI

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      dossiers: { type: 'string', default: '200000' },
      years: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      'no-audit': { type: 'boolean', default: false },
    },
  });
  if (!values['data-dir']) {
    console.error(
      'Cách dùng: tsx scripts/generate-history.ts --data-dir DIR [--dossiers 200000] [--years 10] [--seed 1] [--no-audit]',
    );
    process.exit(2);
  }
  const dataDir = path.resolve(values['data-dir']);
  const total = Number(values.dossiers);
  const t0 = performance.now();
  console.log(
    `Tạo dữ liệu lịch sử: ${total.toLocaleString('vi-VN')} hồ sơ, ${values.years} năm, seed ${values.seed} → ${dataDir}`,
  );
  const stats = await generateOffice(dataDir, {
    dossiers: total,
    years: Number(values.years),
    seed: Number(values.seed),
    audit: !values['no-audit'],
    onProgress: (done, all) => {
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(
        `  ${done.toLocaleString('vi-VN')} / ${all.toLocaleString('vi-VN')} hồ sơ (${s} s)`,
      );
    },
  });
  const mb = databaseBytes(dataDir) / 1024 / 1024;
  console.log(
    `Xong trong ${(stats.ms / 1000).toFixed(1)} s: ${stats.dossiers} hồ sơ, ${stats.steps} bước, ${stats.events} sự kiện, ${stats.auditRows} dòng nhật ký.`,
  );
  console.log(
    `Trạng thái: ${JSON.stringify(stats.byStatus)}; kết quả: ${JSON.stringify(stats.byOutcome)}`,
  );
  console.log(`Dung lượng cơ sở dữ liệu: ${mb.toFixed(1)} MB`);
}

const invokedAs = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedAs === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

// The generated history of a demo office: years of one-stop-desk dossiers written straight to
// the backend's connection in large transactions from a seeded PRNG (see generate-history.ts).
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { buildCalendar } from '../../core/calendar/calendar-data';
import type { OfficeHours } from '../../core/calendar/calendar-schema';
import { formatDayNumber } from '../../core/calendar/civil-time';
import { PROCEDURE_MIX } from '../../core/demo/desk-mix';
import { makePerson, type Person } from '../../core/demo/people';
import { createRng, weighted } from '../../core/demo/rng';
import * as schema from '../../db/schema';
import { calendarYears, deskSettings, office, users } from '../../db/schema';
import { openBackend } from '../../services/app';
import { DB_FILE_NAME } from '../../services/backup';
import type { AppBackend } from '../../services/platform';
import { counters, ftsBulkLoader } from './bulk';
import { liveDossier, type DeskEnv } from './life';
import { arrivalTimes, loadProcedures, planDays, type User } from './office';
import { dossierWriter, type WriteStats } from './write';

/** Bump when the generated data changes shape or distribution (benchmark caches key on it). */
export const HISTORY_VERSION = 2;

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

/** Writes `options.dossiers` dossiers of history into a set-up office on the backend's connection. */ export function generateHistory(
  backend: AppBackend,
  options: HistoryOptions,
): HistoryStats {
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

  const stats: WriteStats = {
    dossiers: 0,
    steps: 0,
    events: 0,
    auditRows: 0,
    byStatus: {},
    byOutcome: {},
    firstReceivedAt: null,
    lastReceivedAt: null,
  };
  const { next: nextCounter, flush: flushCounters } = counters(sqlite);
  const write = dossierWriter(sqlite, rng, nextCounter, withAudit, stats);
  const env: DeskEnv = {
    rng,
    now,
    cal,
    supplementRule,
    template,
    agency,
    userFor,
    pickProc,
    pickPerson,
    nextCounter,
  };
  const writeOne = (receivedAt: number, date: string) => write(liveDossier(env, receivedAt, date));

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

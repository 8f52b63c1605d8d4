// The generated history of a demo office: years of one-stop-desk dossiers written straight to
// the backend's connection in large transactions from a seeded PRNG (see generate-history.ts).
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { buildCalendar } from '../../core/calendar/calendar-data';
import type { OfficeHours } from '../../core/calendar/calendar-schema';
import { civilDateOf, formatDayNumber } from '../../core/calendar/civil-time';
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
import { generateRiskRegister } from '../../services/qms/risk-bulk';
import { generateQuality, STAFF_PASSWORD, type Clock, type QualityStats } from './quality';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import { arrivalTimes, loadProcedures, planDays, type User } from './office';
import { dossierWriter, type WriteStats } from './write';

/** Bump when the generated data changes shape or distribution (benchmark caches key on it). */
export const HISTORY_VERSION = 3;

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
  /** generateOffice: add the ten-year quality-system history (default true). */
  readonly quality?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface HistoryStats {
  readonly dossiers: number;
  readonly steps: number;
  readonly events: number;
  readonly auditRows: number;
  readonly byStatus: Record<string, number>;
  readonly byOutcome: Record<string, number>;
  readonly ratings: number;
  readonly firstReceivedAt: number | null;
  readonly lastReceivedAt: number | null;
  readonly ms: number;
  /** generateOffice with quality: the quality-system history's own figures. */
  readonly quality?: QualityStats;
}

/** Risks and opportunities in the generated register (the bench asks for ≥ 2,000). */
const RISKS = 2200;

/** The officials of a commune office beyond the demo's one per role (a real office has ~20). */
const STAFF = [
  { username: 'motcua2', fullName: 'Nguyễn Thị Lan', roles: ['desk_officer'] },
  { username: 'motcua3', fullName: 'Đỗ Văn Bình', roles: ['desk_officer'] },
  { username: 'motcua4', fullName: 'Lý Thị Hạnh', roles: ['desk_officer'] },
  {
    username: 'diachinh',
    fullName: 'Bùi Văn Địa',
    roles: ['specialist'],
    title: 'Công chức Địa chính - Xây dựng',
  },
  {
    username: 'vanhoa',
    fullName: 'Trịnh Thị Vân',
    roles: ['specialist'],
    title: 'Công chức Văn hóa - Xã hội',
  },
  {
    username: 'laodong',
    fullName: 'Phan Văn Lực',
    roles: ['specialist'],
    title: 'Công chức Lao động',
  },
  {
    username: 'tuphap2',
    fullName: 'Ngô Thị Pháp',
    roles: ['specialist'],
    title: 'Công chức Tư pháp - Hộ tịch',
  },
  {
    username: 'ketoan',
    fullName: 'Dương Văn Toán',
    roles: ['specialist'],
    title: 'Công chức Tài chính - Kế toán',
  },
  {
    username: 'xaydung',
    fullName: 'Cao Văn Dựng',
    roles: ['specialist'],
    title: 'Công chức Địa chính - Xây dựng',
  },
  { username: 'vanthu2', fullName: 'Mai Thị Lưu', roles: ['records_clerk'] },
  { username: 'vanthu3', fullName: 'Tạ Văn Trữ', roles: ['records_clerk'] },
] as const;
export async function generateOffice(
  dataDir: string,
  options: HistoryOptions,
): Promise<HistoryStats> {
  const started = performance.now();
  // The quality-system history runs the real operations at past instants on this clock.
  const clock: Clock = { at: options.now ?? Date.now() };
  const now = clock.at;
  const backend = await openBackend({
    dataDir,
    platform: { kind: 'test', appVersion: 'generate-history' },
    backupDelayMs: 24 * 3600_000,
    now: () => clock.at,
  });
  try {
    const ok = async (key: string, name: string, input: unknown) => {
      const r = await backend.call(key, name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value;
    };
    const status = (await ok('cli', 'app.status', {})) as { setUp: boolean };
    if (status.setUp) throw new Error(`${dataDir} already holds an office; use an empty folder`);
    await ok('cli', 'setup.demo', {});
    await ok('admin', 'auth.login', { username: 'admin', password: DEMO_PASSWORD });
    for (const u of STAFF)
      await ok('admin', 'users.create', { title: '', ...u, password: STAFF_PASSWORD });
    await ok('admin', 'auth.logout', {});
    // They chose their own passwords years ago.
    backend.database().exec('UPDATE users SET must_change_password = 0');
    const desk = generateHistory(backend, { ...options, now });
    if (options.quality === false) return desk;
    const quality = await generateQuality(backend, clock, {
      years: options.years,
      seed: options.seed,
      now,
    });
    // The risk register (issue 9 item 2): its own generator, by the risks' services.
    const risks = generateRiskRegister(
      drizzle({ client: backend.database(), schema }),
      path.resolve(process.cwd(), 'resources'),
      { count: RISKS, years: options.years, now, seed: options.seed },
    );
    backend.database().pragma('wal_checkpoint(TRUNCATE)');
    return {
      ...desk,
      quality: { ...quality, risks: risks.risks },
      ms: performance.now() - started,
    };
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
    ratings: 0,
    firstReceivedAt: null,
    lastReceivedAt: null,
  };
  const { next: nextCounter, flush: flushCounters } = counters(sqlite);
  const firstYear = Number(civilDateOf(now).slice(0, 4)) - Math.ceil(options.years);
  const write = dossierWriter(sqlite, rng, nextCounter, withAudit, stats, firstYear);
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

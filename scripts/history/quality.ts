// The generated office's ten-year quality-system history (issues 8-10): documents and their
// revisions with sign-off and acknowledgements, periodic reviews, citizens' feedback,
// nonconformities with their corrective actions, objectives measured from the desk's own
// data, internal audits and management reviews. Unlike the dossiers (bulk rows, write.ts),
// these few tens of thousands of records are made by the real operations, as the users who
// would have made them, at their historical instants (the backend's clock is moved to each
// task's instant): their rows, history lines, codes, effects (a revision superseding the one
// before, the nonconformity moved on by its last action) and audit rows are the services'
// own. The calls run inside large transactions (each write a savepoint, no fsync per call)
// and the outbox they fill is emptied: the history stands for years already pushed.
// Ratings, the high-volume quality rows, ride on the dossiers' returns (write.ts).
import { buildCalendar, type WorkCalendar } from '../../core/calendar/calendar-data';
import type { OfficeHours } from '../../core/calendar/calendar-schema';
import {
  civilDateOf,
  dayNumberOfInstant,
  formatDayNumber,
  instantOf,
} from '../../core/calendar/civil-time';
import type { OpInput, OpName, OpOutput } from '../../core/contract';
import type { Result } from '../../core/errors';
import { createRng, uuid7, type Rng } from '../../core/demo/rng';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Tx } from '../../db/open';
import * as schema from '../../db/schema';
import { qmsAcknowledgements } from '../../db/schema';
import { appendAudit } from '../../services/security/audit-chain';
import { inserter } from './bulk';
import { Timeline } from './timeline';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import type { AppBackend } from '../../services/platform';
import { planDocuments } from './quality-docs';
import { planRecords } from './quality-records';

export interface QualityOptions {
  readonly years: number;
  readonly seed: number;
  /** End of the history: nothing happens after it. */
  readonly now: number;
  /** Operations per transaction. */
  readonly batchSize?: number;
  readonly onProgress?: (done: number) => void;
}

export interface QualityStats {
  readonly calls: number;
  readonly records: Record<string, number>;
  readonly acknowledgements: number;
  /** Set by generateOffice: the risk register's size. */
  readonly risks?: number;
  readonly ms: number;
}

/** The clock the backend was opened with (openBackend's `now`), moved by the generator. */
export interface Clock {
  at: number;
}

export type As = <N extends OpName>(name: N, input: OpInput<N>) => Promise<OpOutput<N>>;

export interface Dossier {
  readonly id: string;
  readonly code: string;
  readonly returnedAt: number;
}

/** What the plans of each part use: users by name and role, the calendar, the timeline. */
export interface Quality {
  readonly rng: Rng;
  readonly cal: WorkCalendar;
  readonly now: number;
  /** First day of the history. */
  readonly start: string;
  readonly years: readonly number[];
  /** The working days of the history, in order. */
  readonly workingDays: readonly string[];
  /** A dossier returned in the weeks before `at` (feedback is about one), if any. */
  readonly returnedBefore: (at: number) => Dossier | null;
  /** A dossier returned late in the months before `at`, if any. */
  readonly lateBefore: (at: number) => Dossier | null;
  readonly users: readonly { id: string; username: string; fullName: string; roles: string[] }[];
  readonly as: (username: string) => As;
  readonly id: (username: string) => string;
  /** Usernames of the active users with one of the roles. */
  readonly withRole: (...roles: string[]) => string[];
  /** Schedules a task at an instant (never before the clock; after `now`, never). */
  readonly add: (at: number, run: () => Promise<void>) => void;
  /** A working day `n` working days after `date` (n ≥ 0), at a clock time. */
  readonly workday: (date: string, n: number, time: string) => number;
  /** The current instant of the clock, and its civil date. */
  readonly at: () => number;
  readonly today: () => string;
  /** A transition as `who`, on the record's current rev. */
  /** `username` reads and acknowledges an effective revision (not one superseded since). */
  readonly acknowledge: (revisionId: string, documentId: string, username: string) => void;
  /** What the docs plan knows of a revision: its state, and its code + title and issue. */
  readonly revisionState: (id: string, state: string, title?: string, issueNo?: number) => void;
  readonly move: (
    who: string,
    id: string,
    transition: string,
    extra?: { comment?: string; date?: string; fields?: Record<string, unknown> },
  ) => Promise<OpOutput<'qms.transition'>>;
}

/** The generated staff's password (the demo's own is too common for users.create). */
export const STAFF_PASSWORD = 'Lich su van phong mot cua 2016';

/** A time of day in office hours ('08:05' .. '16:50'). */
export const officeTime = (rng: Rng): string => {
  const minutes = rng.chance(0.55)
    ? rng.int(7 * 60 + 35, 11 * 60 + 20)
    : rng.int(13 * 60 + 35, 16 * 60 + 50);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

export async function generateQuality(
  backend: AppBackend,
  clock: Clock,
  options: QualityOptions,
): Promise<QualityStats> {
  const started = performance.now();
  const sqlite = backend.database();
  const rng = createRng(options.seed + 7919);
  const now = options.now;
  const cal = buildCalendar(
    JSON.parse(
      sqlite.prepare('SELECT office_hours FROM desk_settings WHERE id = 1').pluck().get() as string,
    ) as OfficeHours,
    (sqlite.prepare('SELECT data FROM calendar_years').pluck().all() as string[]).map(
      (d) => JSON.parse(d) as unknown,
    ),
  );
  const lastDay = dayNumberOfInstant(now);
  const firstDay = lastDay - Math.round(options.years * 365.2425) + 1;
  const start = formatDayNumber(firstDay);
  const firstYear = Number(start.slice(0, 4));
  const years: number[] = [];
  for (let y = firstYear; y <= Number(civilDateOf(now).slice(0, 4)); y++) years.push(y);

  const workingDays: string[] = [];
  for (let d = firstDay; d <= lastDay; d++)
    if (cal.isWorkingDayNumber(d)) workingDays.push(formatDayNumber(d));
  const returned = sqlite
    .prepare(
      'SELECT id, code, returned_at AS returnedAt, outcome FROM dossiers WHERE returned_at IS NOT NULL ORDER BY returned_at',
    )
    .all() as (Dossier & { outcome: string })[];
  const late = returned.filter((d) => d.outcome === 'late');
  /** One of `list` returned in [at - days, at), at random; null when none. */
  const before = (list: readonly Dossier[], at: number, days: number): Dossier | null => {
    const upTo = (t: number) => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].returnedAt < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const a = upTo(at - days * 86_400_000);
    const b = upTo(at);
    return b > a ? (list[rng.int(a, b - 1)] ?? null) : null;
  };

  const users = (
    sqlite
      .prepare('SELECT id, username, full_name AS fullName, roles FROM users WHERE disabled = 0')
      .all() as { id: string; username: string; fullName: string; roles: string }[]
  ).map((u) => ({ ...u, roles: JSON.parse(u.roles) as string[] }));
  const idOf = new Map(users.map((u) => [u.username, u.id]));
  const byName = new Map(users.map((u) => [u.username, u]));
  const revs = new Map<string, number>();
  // Acknowledgements ("đã đọc và hiểu") are many: written as documents.acknowledge writes them
  // (the row and its chained audit row), without the document detail it answers with.
  const db = drizzle({ client: sqlite, schema });
  const insertAck = inserter(sqlite, qmsAcknowledgements, [
    'id',
    'revisionId',
    'documentId',
    'userId',
    'userName',
    'at',
  ]);
  const ackState = new Map<string, string>();
  const ackTitle = new Map<string, string>();
  const ackIssue = new Map<string, number>();

  // Every user logs in once, at the start; sessions outlive the jumps of the clock.
  const timeout = sqlite.prepare('SELECT session_timeout_minutes FROM office').pluck().get();
  sqlite.prepare('UPDATE office SET session_timeout_minutes = ?').run(100_000_000);
  clock.at = instantOf(start, '07:30');
  let calls = 0;
  const profile = new Map<string, [number, number]>();
  const callers = new Map<string, As>();
  const as = (username: string): As => {
    const known = callers.get(username);
    if (known) return known;
    const key = `history:${username}`;
    const caller = (async (name: OpName, input: unknown) => {
      calls++;
      const t0 = performance.now();
      const r = await backend.call(key, name, input);
      const spent = profile.get(name) ?? [0, 0];
      profile.set(name, [spent[0] + 1, spent[1] + performance.now() - t0]);
      if (!r.ok)
        throw new Error(
          `${name} as ${username} at ${new Date(clock.at).toISOString()}: ${r.error.code} ${r.error.message}`,
        );
      return r.value;
    }) as As;
    callers.set(username, caller);
    return caller;
  };
  for (const u of users) {
    if (u.roles.includes('admin')) continue;
    const key = `history:${u.username}`;
    const demo = await backend.call(key, 'auth.login', {
      username: u.username,
      password: DEMO_PASSWORD,
    });
    if (!demo.ok)
      await as(u.username)('auth.login', { username: u.username, password: STAFF_PASSWORD });
  }

  const timeline = new Timeline(clock, now);
  const add = (at: number, run: () => Promise<void>) => timeline.add(at, run);

  const workday = (date: string, n: number, time: string): number => {
    let d = instantOf(date, '12:00');
    let day = dayNumberOfInstant(d);
    while (!cal.isWorkingDayNumber(day)) day++;
    for (let i = 0; i < n; i++) {
      day++;
      while (!cal.isWorkingDayNumber(day)) day++;
    }
    d = instantOf(formatDayNumber(day), time);
    return d;
  };
  const q: Quality = {
    rng,
    cal,
    now,
    start,
    years,
    workingDays,
    returnedBefore: (at) => before(returned, at, 60),
    lateBefore: (at) => before(late, at, 120),
    users,
    as,
    id: (username) => {
      const id = idOf.get(username);
      if (!id) throw new Error(`No user ${username}`);
      return id;
    },
    withRole: (...roles) =>
      users.filter((u) => u.roles.some((r) => roles.includes(r))).map((u) => u.username),
    add,
    workday,
    at: () => clock.at,
    today: () => civilDateOf(clock.at),
    move: async (who, id, transition, extra = {}) => {
      // The rev last seen (a transition's answer); a record moved meanwhile by an effect
      // answers CONFLICT, and is read again once.
      const known = revs.get(id) ?? 1;
      const go = async (rev: number) => {
        const next = await as(who)('qms.transition', { id, transition, rev, ...extra });
        revs.set(id, next.rev);
        return next;
      };
      {
        const r = (await backend.call(`history:${who}`, 'qms.transition', {
          id,
          transition,
          rev: known,
          ...extra,
        })) as Result<OpOutput<'qms.transition'>>;
        calls++;
        const spent = profile.get('qms.transition (rev known)') ?? [0, 0];
        profile.set('qms.transition (rev known)', [spent[0] + 1, spent[1]]);
        if (r.ok) {
          revs.set(id, r.value.rev);
          return r.value;
        }
        if (r.error.code !== 'CONFLICT')
          throw new Error(`qms.transition ${transition}: ${r.error.code} ${r.error.message}`);
      }
      return go((await as(who)('qms.get', { id })).rev);
    },
    acknowledge: (revisionId, documentId, username) => {
      const u = byName.get(username);
      if (!u) throw new Error(`No user ${username}`);
      if (ackState.get(revisionId) !== 'effective') return;
      const at = clock.at;
      insertAck({
        id: uuid7(at, rng),
        revisionId,
        documentId,
        userId: u.id,
        userName: u.fullName,
        at,
      });
      appendAudit(db, db as unknown as Tx, {
        id: uuid7(at, rng),
        at,
        actorId: u.id,
        actorName: u.fullName,
        operation: 'documents.acknowledge',
        entity: 'qms_revision',
        entityId: revisionId,
        summary: `${ackTitle.get(revisionId) ?? ''}: đã đọc và hiểu lần ban hành ${ackIssue.get(revisionId) ?? ''}`,
      });
    },
    revisionState: (id, state, title, issueNo) => {
      ackState.set(id, state);
      if (title !== undefined) ackTitle.set(id, title);
      if (issueNo !== undefined) ackIssue.set(id, issueNo);
    },
  };

  const outboxBefore = sqlite
    .prepare('SELECT coalesce(max(client_seq), 0) FROM outbox')
    .pluck()
    .get();
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('synchronous = OFF');
  const batch = options.batchSize ?? 4000;
  try {
    planDocuments(q);
    planRecords(q);
    sqlite.exec('BEGIN');
    let inTx = 0;
    for (let task = timeline.next(); task; task = timeline.next()) {
      await task.run();
      if (calls - inTx >= batch) {
        // A synced office has pushed its history long ago (emptied per batch: pages reused).
        sqlite.prepare('DELETE FROM outbox WHERE client_seq > ?').run(outboxBefore);
        sqlite.exec('COMMIT');
        options.onProgress?.(calls);
        inTx = calls;
        sqlite.exec('BEGIN');
      }
    }
    // A synced office has pushed its history long ago.
    sqlite.prepare('DELETE FROM outbox WHERE client_seq > ?').run(outboxBefore);
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    sqlite.prepare('UPDATE office SET session_timeout_minutes = ?').run(timeout);
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.pragma(`cache_size = ${cacheSize}`);
    clock.at = now;
  }
  if (process.env['ISOXA_HISTORY_PROFILE'])
    for (const [name, [n, ms]] of [...profile].sort((a, b) => b[1][1] - a[1][1]))
      console.log(`${name}: ${n} calls, ${ms.toFixed(0)} ms, ${(ms / n).toFixed(2)} ms each`);
  const records = Object.fromEntries(
    (
      sqlite.prepare('SELECT kind, count(*) AS n FROM qms_records GROUP BY kind').all() as {
        kind: string;
        n: number;
      }[]
    ).map((r) => [r.kind, r.n]),
  );
  const acknowledgements = sqlite
    .prepare('SELECT count(*) FROM qms_acknowledgements')
    .pluck()
    .get() as number;
  return { calls, records, acknowledgements, ms: performance.now() - started };
}

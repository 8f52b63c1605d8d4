// The sync benchmark's office: a realistic history (scripts/generate-history.ts) whose newest
// dossier actions are replayed into the outbox through services/sync/outbox.ts, as the desk
// would have queued them while the office was offline. Built once into a template folder;
// every run drains a byte-identical copy (same op ids), each against its own server database.
import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openSqlite } from '../../db/open';
import { keyringFor, KEYRING_FILE } from '../../services/security/keyring';
import * as schema from '../../db/schema';
import { DB_FILE_NAME } from '../../services/backup';
import { enqueueDossierChange } from '../../services/sync/outbox';
import { generateOffice } from '../generate-history';

export interface Backlog {
  readonly dir: string;
  readonly ops: number;
  readonly dossiers: number;
  readonly actions: number;
  readonly byEntity: Record<string, number>;
  readonly firstAt: number;
  readonly lastAt: number;
  /** JSON bytes of the queued rows (what the outbox holds before compression). */
  readonly rowBytes: number;
  readonly buildMs: number;
}

/** Ops a dossier queues over its life (each action re-queues it and its open steps), measured. */
const OPS_PER_DOSSIER = 25;
/** The backlog covers this many days of the office's work (the "30 days offline"). */
const OFFLINE_DAYS = 30;

interface Action {
  readonly dossierId: string;
  readonly at: number;
  readonly events: number;
}

/**
 * Generates an office and queues the last `ops` ops of its history: the newest dossier actions
 * (one per distinct dossier and event time), oldest first, each through enqueueDossierChange
 * at its own time. The oldest queued ops past `ops` are trimmed so the count is exact.
 */
export async function buildBacklog(dir: string, ops: number, seed: number): Promise<Backlog> {
  const t0 = performance.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // An office busy enough to queue `ops` ops in OFFLINE_DAYS; the history spans twice that, so
  // the newest actions mix fresh receipts with hand-offs and returns of older dossiers.
  const dossiers = Math.max(200, Math.ceil((ops / OPS_PER_DOSSIER) * 2));
  const years = (2 * OFFLINE_DAYS) / 365.2425;
  await generateOffice(dir, { dossiers, years, seed, audit: false });
  // Opened without the backend: no sync engine, no backup timer, nothing else writing.
  const sqlite = openSqlite(path.join(dir, DB_FILE_NAME), keyringFor(dir).dbKey());
  try {
    sqlite.pragma('journal_mode = WAL');
    const db = drizzle({ client: sqlite, schema });
    const actions = sqlite
      .prepare(
        'SELECT dossier_id AS dossierId, at, count(*) AS events FROM dossier_events GROUP BY dossier_id, at ORDER BY at DESC',
      )
      .all() as Action[];
    // Pick the newest actions until they are sure to queue enough ops, then replay them in
    // time order; widen the window if they fell short.
    let factor = 1.2;
    let queued = 0;
    let taken: Action[] = [];
    for (;;) {
      let estimate = 0;
      taken = [];
      for (const a of actions) {
        if (estimate >= ops * factor) break;
        taken.push(a);
        estimate += 3 + a.events;
      }
      taken.reverse();
      sqlite.exec("DELETE FROM outbox; DELETE FROM counters WHERE scope = 'outbox'");
      db.transaction((tx) => {
        for (const a of taken) enqueueDossierChange(tx, db, a.dossierId, a.at);
      });
      queued = sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
      if (queued >= ops || taken.length === actions.length) break;
      factor *= (ops / Math.max(1, queued)) * 1.05;
    }
    // Keep the newest `ops` ops, renumbered from 1 as a device's first ops are.
    const cut = queued - ops;
    sqlite
      .prepare(
        'DELETE FROM outbox WHERE client_seq <= (SELECT min(client_seq) + ? - 1 FROM outbox)',
      )
      .run(cut);
    const base = sqlite.prepare('SELECT min(client_seq) FROM outbox').pluck().get() as number;
    // Through negative numbers, so no row ever takes a number another still holds.
    sqlite.prepare('UPDATE outbox SET client_seq = -(client_seq - ? + 1)').run(base);
    sqlite.exec('UPDATE outbox SET client_seq = -client_seq');
    sqlite
      .prepare(
        "UPDATE counters SET last = (SELECT max(client_seq) FROM outbox) WHERE scope = 'outbox'",
      )
      .run();
    const stats = sqlite
      .prepare(
        "SELECT count(*) AS n, min(created_at) AS firstAt, max(created_at) AS lastAt, sum(length(row)) AS rowBytes, count(DISTINCT CASE entity WHEN 'dossier' THEN entity_id END) AS dossiers FROM outbox",
      )
      .get() as { n: number; firstAt: number; lastAt: number; rowBytes: number; dossiers: number };
    const byEntity = Object.fromEntries(
      (
        sqlite.prepare('SELECT entity, count(*) AS n FROM outbox GROUP BY entity').all() as {
          entity: string;
          n: number;
        }[]
      ).map((r) => [r.entity, r.n]),
    );
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      dir,
      ops: stats.n,
      dossiers: stats.dossiers,
      actions: taken.length,
      byEntity,
      firstAt: stats.firstAt,
      lastAt: stats.lastAt,
      rowBytes: stats.rowBytes,
      buildMs: performance.now() - t0,
    };
  } finally {
    sqlite.close();
  }
}

/** A copy of the template office in `to`: database file, WAL, and the keyring that opens
 * them (the database is encrypted; without its key the copy is unreadable). */
export function copyOffice(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, KEYRING_FILE]) {
    const file = path.join(from, name);
    if (fs.existsSync(file)) fs.copyFileSync(file, path.join(to, name));
  }
}

/** Empties the outbox of an office copy (opened directly, before any backend runs on it). */
export function emptyOutbox(dir: string): void {
  const sqlite = openSqlite(path.join(dir, DB_FILE_NAME), keyringFor(dir).dbKey());
  try {
    sqlite.exec('DELETE FROM outbox');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
}

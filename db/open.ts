// Opens the office database: encrypted page by page with AEGIS-256 through SQLite3 Multiple
// Ciphers (a raw 256-bit key, so no KDF at open; databases written in the SQLCipher 4 format
// by earlier versions still open, and are re-encrypted on upgrade), exclusive lock (one
// process per database, ever), WAL, synchronous=FULL, foreign keys, start-up checks (locked /
// newer than the app / corrupt / wrong key), a backup before pending migrations, then the
// committed migrations.
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import Ciphers from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../core/errors';
import * as schema from './schema';

/** better-sqlite3's API with SQLite3 Multiple Ciphers inside (a drop-in replacement). */
export const Database = Ciphers;
export type Db = BetterSQLite3Database<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Sqlite = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

/**
 * How a database file is encrypted. 'aegis' (AEGIS-256, an authenticated cipher: each page
 * has its own nonce and tag, so a changed page fails to read) is what this version writes.
 * 'sqlcipher' (SQLCipher 4: AES-256-CBC and HMAC-SHA512 per page) is what versions before
 * 2026-12-05 wrote. Both are SQLite3 Multiple Ciphers schemes, with the same key.
 * Why AEGIS: the page's HMAC-SHA512 is computed in software and cost ~14 us per page written
 * on the reference PC, against ~1.3 us for AEGIS-256 on AES instructions (a 6-row insert,
 * CPU: plain 578 us, SQLCipher 992, AEGIS 615); a receive writes ~47 pages, so SQLCipher
 * made it ~40 % dearer in CPU, beyond the 15 % the product allows for encryption.
 */
export type CipherScheme = 'aegis' | 'sqlcipher';
export const CURRENT_SCHEME: CipherScheme = 'aegis';

const schemes = new WeakMap<Sqlite, CipherScheme>();

function applyScheme(sqlite: Sqlite, scheme: CipherScheme): void {
  if (scheme === 'sqlcipher') {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma('legacy = 4');
  } else {
    sqlite.pragma("cipher = 'aegis'");
    sqlite.pragma("algorithm = 'aegis-256'");
  }
}

function applyKey(sqlite: Sqlite, key: Uint8Array, scheme: CipherScheme): void {
  applyScheme(sqlite, scheme);
  sqlite.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  // The key is only tried when a page is read: read the first one now.
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  schemes.set(sqlite, scheme);
}

function isNotADatabase(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_NOTADB';
}

/**
 * Opens a database file with the office's key (null: a plain file, e.g. a benchmark without
 * encryption or a backup from before encryption). The key is set before anything is read; a
 * file the current scheme cannot read is tried in the earlier one (SQLCipher 4).
 */
export function openSqlite(
  file: string,
  key: Uint8Array | null,
  options: BetterSqlite3.Options = {},
): Sqlite {
  const attempt = (scheme: CipherScheme): Sqlite => {
    const sqlite = new Database(file, options);
    try {
      if (key) applyKey(sqlite, key, scheme);
      return sqlite;
    } catch (error) {
      sqlite.close();
      throw error;
    }
  };
  try {
    return attempt(CURRENT_SCHEME);
  } catch (error) {
    if (!key || !isNotADatabase(error)) throw error;
    try {
      return attempt('sqlcipher');
    } catch {
      throw error;
    }
  }
}

/** The scheme an open encrypted database was read with (null: opened without a key). */
export function cipherSchemeOf(sqlite: Sqlite): CipherScheme | null {
  return schemes.get(sqlite) ?? null;
}

/**
 * Re-encrypts a database opened in rollback-journal mode to `key` in the current scheme
 * (null: decrypts).
 */
export function rekey(sqlite: Sqlite, key: Uint8Array | null): void {
  if (!key) {
    sqlite.pragma("rekey = ''");
    schemes.delete(sqlite);
    return;
  }
  applyScheme(sqlite, CURRENT_SCHEME);
  sqlite.pragma(`rekey = "x'${Buffer.from(key).toString('hex')}'"`);
  schemes.set(sqlite, CURRENT_SCHEME);
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0');

/** True when the file is an unencrypted SQLite database (its header is readable). */
export function isPlainDatabase(file: string): boolean {
  const head = Buffer.alloc(PLAIN_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.equals(PLAIN_HEADER);
}

export interface Connection {
  readonly sqlite: Sqlite;
  readonly db: Db;
  readonly file: string;
}

export interface OpenOptions {
  readonly migrationsDir: string;
  /** The database key (Keyring.dbKey()); null only for a plain database (benchmarks). */
  readonly key: Uint8Array | null;
  /** Called with the open connection when migrations are pending on a non-empty database. */
  readonly beforeMigrate?: (sqlite: Sqlite) => Promise<void>;
}

interface JournalEntry {
  readonly tag: string;
  readonly when: number;
}

export function readJournal(migrationsDir: string): JournalEntry[] {
  const file = path.join(migrationsDir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

/** Maps SQLite failures at open time to the errors the user is told about. */
export function classifyOpenError(error: unknown): AppError | undefined {
  const code = sqliteCode(error);
  if (!code) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('DB_LOCKED');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DB_CORRUPT');
  }
  return undefined;
}

function appliedMigrationMax(sqlite: Sqlite): number | null {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!table) return null;
  const row = sqlite.prepare('SELECT max(created_at) AS m FROM __drizzle_migrations').get() as {
    m: number | null;
  };
  return row.m;
}

function configure(sqlite: Sqlite): void {
  // EXCLUSIVE locking holds the file lock for the connection's lifetime, so a second process
  // (a second window, browser mode beside the app) fails fast with SQLITE_BUSY.
  sqlite.pragma('locking_mode = EXCLUSIVE');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // SQLite's temporary files (statement journals, sorts and indexes too large for memory,
  // VACUUM INTO's work) are not encrypted: on disk they held plaintext pages of the office's
  // database in /var/tmp (an unlinked file still reaches the disk). In memory they never do,
  // and a receive no longer writes its statement journals through the file system.
  sqlite.pragma('temp_store = MEMORY');
  // 64 MiB of page cache: a 10-year office is over a gigabyte. Every page read from the file
  // is decrypted and its HMAC-SHA512 checked (~12 us); a name search reads ~2,000 dossier rows,
  // which 16 MiB could not keep from one search to the next. 200k office, CPU per search,
  // encrypted vs plain: 16 MiB 16-17 vs 8-10 ms, 64 MiB 5.0-5.6 vs 6.0-6.6 ms.
  sqlite.pragma(`cache_size = ${-PAGE_CACHE_KIB}`);
  // Checkpoints run when the app is idle (checkpointWhenIdle); a commit only checkpoints
  // itself once the WAL holds this many pages (16 MiB), e.g. during a long import.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  sqlite.exec('BEGIN EXCLUSIVE; COMMIT;');
  cacheStatements(sqlite);
}

export const WAL_AUTOCHECKPOINT_PAGES = 4000;
export const PAGE_CACHE_KIB = 64 * 1024;

/**
 * Idle work: merges the full-text indexes a little (see tuneFullText), then copies committed
 * WAL pages into the database file without waiting. Cheap when there is nothing to do.
 */
export function checkpointWhenIdle(sqlite: Sqlite): void {
  if (!sqlite.open || sqlite.inTransaction) return;
  mergeFullText(sqlite);
  sqlite.pragma('wal_checkpoint(PASSIVE)');
}

/** The FTS5 indexes over dossiers (applicant names, codes), kept in step by triggers. */
export const FULL_TEXT_TABLES = ['dossiers_fts', 'dossiers_code_fts'] as const;
/** FTS5 merges a level in the writing transaction only once it holds this many segments. */
export const FULL_TEXT_CRISIS_MERGE = 64;
/** Pages of merge work per index per idle moment. */
export const FULL_TEXT_IDLE_MERGE_PAGES = 200;

function fullTextTables(sqlite: Sqlite): string[] {
  const present = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)")
    .pluck()
    .all(...FULL_TEXT_TABLES) as string[];
  return FULL_TEXT_TABLES.filter((t) => present.includes(t));
}

/**
 * Every insert into an FTS5 index writes a small new segment; by default (automerge 4) FTS5
 * then merges segments inside the same transaction, a little at a time but in steps of up to
 * 64 pages per level: on the 200k office one receive in 20-30 rewrote 130-330 pages of the
 * code trigram index, each page encrypted and written to the WAL (the receive p95 tail).
 * With automerge off, a receive writes only its own segment; idle moments merge
 * (mergeFullText), and a level is merged inside a write only once it holds
 * FULL_TEXT_CRISIS_MERGE segments (a long run of writes without a pause). Both settings are
 * stored in the index's config table; set once per database.
 */
export function tuneFullText(sqlite: Sqlite): void {
  for (const table of fullTextTables(sqlite)) {
    const config = new Map(
      (
        sqlite.prepare(`SELECT k, v FROM "${table}_config"`).all() as { k: string; v: unknown }[]
      ).map((r) => [r.k, r.v]),
    );
    // FTS5 wants integers here; better-sqlite3 binds a number as a real, so they are literals.
    const set = (name: string, value: number) => {
      if (config.get(name) !== value)
        sqlite.exec(`INSERT INTO "${table}"("${table}", rank) VALUES ('${name}', ${value})`);
    };
    set('automerge', 0);
    set('crisismerge', FULL_TEXT_CRISIS_MERGE);
  }
}

/** One bounded step of FTS5 merge work per index (only levels with several segments). */
export function mergeFullText(sqlite: Sqlite): void {
  for (const table of fullTextTables(sqlite))
    sqlite
      .prepare(
        `INSERT INTO "${table}"("${table}", rank) VALUES ('merge', ${FULL_TEXT_IDLE_MERGE_PAGES})`,
      )
      .run();
}

/** Statements kept compiled per connection; beyond this the least recently used is dropped. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle prepares every query anew; SQLite compiling the same text again is a large part of
 * a short transaction. The connection keeps recently used statements by their SQL text. A
 * statement comes back in its default (object-row) mode, since drizzle switches it to raw
 * mode for some calls. Statements are never iterated lazily here, so sharing one is safe.
 */
function cacheStatements(sqlite: Sqlite): void {
  const cache = new Map<string, Statement>();
  const compile = sqlite.prepare.bind(sqlite);
  const prepare = (source: string): Statement => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const stmt = compile(source);
    cache.set(source, stmt);
    if (cache.size > STATEMENT_CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return stmt;
  };
  sqlite.prepare = prepare as Sqlite['prepare'];
}

function ownerOnly(file: string): void {
  if (process.platform === 'win32') return;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      fs.chmodSync(`${file}${suffix}`, 0o600);
    } catch {
      // absent: created later with the database's mode
    }
  }
}

export async function openDatabase(file: string, options: OpenOptions): Promise<Connection> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let sqlite: Sqlite | undefined;
  try {
    // Owner-only from the first byte; SQLite gives the -wal and -shm files the database's mode.
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    ownerOnly(file);
    sqlite = openSqlite(file, options.key, { timeout: 500 });
    configure(sqlite);
    const known = readJournal(options.migrationsDir);
    const latestKnown = Math.max(...known.map((e) => e.when));
    const applied = appliedMigrationMax(sqlite);
    if (applied !== null && applied > latestKnown) throw new AppError('DB_NEWER');
    const pending = known.some((e) => applied === null || e.when > applied);
    if (pending && applied !== null && options.beforeMigrate) await options.beforeMigrate(sqlite);
    const db = drizzle({ client: sqlite, schema });
    if (pending) migrate(db, { migrationsFolder: options.migrationsDir });
    tuneFullText(sqlite);
    return { sqlite, db, file };
  } catch (error) {
    sqlite?.close();
    throw classifyOpenError(error) ?? error;
  }
}

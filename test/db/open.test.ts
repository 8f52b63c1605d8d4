import { randomBytes } from 'node:crypto';
// The connection's settings: compiled statements are reused safely, and the WAL goes back
// into the database file when the app is idle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkpointWhenIdle,
  FULL_TEXT_CRISIS_MERGE,
  openDatabase,
  PAGE_CACHE_KIB,
  STATEMENT_CACHE_SIZE,
  WAL_AUTOCHECKPOINT_PAGES,
  type Connection,
} from '../../db/open';
import { counters } from '../../db/schema';

let dir = '';
let conn: Connection;
const key = randomBytes(32);
const open = (file: string) =>
  openDatabase(file, { migrationsDir: path.resolve('db/migrations'), key });
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-open-'));
  conn = await open(path.join(dir, 'isoxa.db'));
});
afterEach(() => {
  conn.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('statement cache', () => {
  it('hands the same compiled statement back, in object-row mode after drizzle used raw mode', () => {
    const { sqlite, db } = conn;
    db.insert(counters).values({ scope: 'x', last: 7 }).run();
    const query = () =>
      db.select({ last: counters.last }).from(counters).where(eq(counters.scope, 'x'));
    const source = query().toSQL().sql;
    expect(query().get()).toEqual({ last: 7 }); // drizzle reads this one in raw mode
    const again = sqlite.prepare(source);
    expect(sqlite.prepare(source)).toBe(again);
    expect(again.get('x')).toEqual({ last: 7 });
    again.pluck();
    expect(sqlite.prepare(source).get('x')).toEqual({ last: 7 });
  });

  it('keeps a bounded number of statements', () => {
    const { sqlite } = conn;
    const first = sqlite.prepare('SELECT 0 AS n');
    for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) sqlite.prepare(`SELECT ${i} AS n`);
    const recompiled = sqlite.prepare('SELECT 0 AS n');
    expect(recompiled).not.toBe(first);
    expect(recompiled.get()).toEqual({ n: 0 });
  });
});

describe('checkpoints', () => {
  it('a commit leaves its pages in the WAL; an idle checkpoint moves them all', () => {
    const { sqlite, db } = conn;
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    checkpointWhenIdle(sqlite);
    const start = fs.statSync(path.join(dir, 'isoxa.db')).size;
    db.transaction((tx) => {
      for (let i = 0; i < 2000; i++)
        tx.insert(counters)
          .values({ scope: `s${i}`, last: i })
          .run();
    });
    expect(fs.statSync(path.join(dir, 'isoxa.db')).size).toBe(start);
    checkpointWhenIdle(sqlite);
    expect(fs.statSync(path.join(dir, 'isoxa.db')).size).toBeGreaterThan(start);
    const [state] = sqlite.pragma('wal_checkpoint(PASSIVE)') as {
      log: number;
      checkpointed: number;
    }[];
    expect(state?.checkpointed).toBe(state?.log);
  });
});

describe('full-text indexes', () => {
  it('a write merges no segments in its own transaction; an idle moment merges them', () => {
    const { sqlite } = conn;
    for (const table of ['dossiers_fts', 'dossiers_code_fts']) {
      const config = sqlite.prepare(`SELECT k, v FROM ${table}_config`).all();
      expect(config).toContainEqual({ k: 'automerge', v: 0 });
      expect(config).toContainEqual({ k: 'crisismerge', v: FULL_TEXT_CRISIS_MERGE });
    }
    const segments = () =>
      sqlite.prepare('SELECT count(*) FROM dossiers_code_fts_data').pluck().get() as number;
    const insert = sqlite.prepare('INSERT INTO dossiers_code_fts (rowid, code) VALUES (?, ?)');
    const empty = segments();
    // One transaction each, like receives: each leaves its own segment (a leaf row).
    for (let i = 1; i <= 40; i++) insert.run(i, `H56.01-261204-${String(i).padStart(4, '0')}`);
    expect(segments()).toBeGreaterThanOrEqual(empty + 40);
    checkpointWhenIdle(sqlite);
    expect(segments()).toBeLessThan(empty + 5);
    const found = sqlite
      .prepare('SELECT rowid FROM dossiers_code_fts WHERE dossiers_code_fts MATCH \'"-0017"\'')
      .pluck()
      .all();
    expect(found).toEqual([17]);
    // Nothing left to merge: an idle moment writes nothing.
    const frames = () => (sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    checkpointWhenIdle(sqlite);
    expect(frames()).toBe(0);
  });

  it('sets them once: opening the database again writes nothing', async () => {
    conn.sqlite.close(); // checkpoints and removes the WAL
    conn = await open(conn.file);
    const [state] = conn.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(state?.log).toBe(0);
    const automerge = conn.sqlite
      .prepare("SELECT v FROM dossiers_fts_config WHERE k = 'automerge'")
      .pluck()
      .get();
    expect(automerge).toBe(0);
  });
});

/** SQLite's temporary files this process holds open (they are unlinked as soon as opened). */
function openTempFiles(): string[] {
  return fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return fs.readlinkSync(path.join('/proc/self/fd', fd));
      } catch {
        return '';
      }
    })
    .filter((target) => target.includes('etilqs_'));
}

describe('page cache', () => {
  it('holds 64 MiB of decrypted pages (a name search re-reads ~2,000 rows)', () => {
    expect(conn.sqlite.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    expect(PAGE_CACHE_KIB).toBe(65536);
  });
});

describe('temporary files', () => {
  it.runIf(process.platform === 'linux')(
    'a large statement journal stays in memory: no plaintext pages in a temporary file',
    () => {
      const { sqlite } = conn;
      expect(sqlite.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
      const before = openTempFiles().length;
      const insert = sqlite.prepare('INSERT INTO counters (scope, last) VALUES (?, ?)');
      sqlite.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run(`citizen-${'x'.repeat(60)}-${i}`, i);
        // A statement inside a transaction that may fail half-way keeps a statement journal
        // of every page it changes: here far more than SQLite's 64 KiB in-memory spill limit.
        sqlite.prepare('UPDATE counters SET last = last + 1').run();
      })();
      expect(openTempFiles().length).toBe(before);
    },
  );
});

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
  openDatabase,
  PAGE_CACHE_KIB,
  STATEMENT_CACHE_SIZE,
  WAL_AUTOCHECKPOINT_PAGES,
  type Connection,
} from '../../db/open';
import { counters } from '../../db/schema';

let dir = '';
let conn: Connection;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-open-'));
  conn = await openDatabase(path.join(dir, 'isoxa.db'), {
    migrationsDir: path.resolve('db/migrations'),
    key: randomBytes(32),
  });
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

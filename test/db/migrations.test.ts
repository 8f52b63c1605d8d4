// The migration chain: applied step by step in memory, each step may only add. A migration
// that drops or renames a table or column fails here, because offices on different app
// versions sync with one server.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../db/open';

const MIGRATIONS = path.resolve('db/migrations');

type Shape = Map<string, Map<string, string>>;

function shapeOf(db: Database.Database): Shape {
  const shape: Shape = new Map();
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    const cols = db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string }[];
    shape.set(t, new Map(cols.map((c) => [c.name, c.type])));
  }
  return shape;
}

/** Everything in `before` that is missing or changed in `after`. */
export function lostInMigration(before: Shape, after: Shape): string[] {
  const lost: string[] = [];
  for (const [table, cols] of before) {
    const next = after.get(table);
    if (!next) {
      lost.push(`table ${table}`);
      continue;
    }
    for (const [col, type] of cols) {
      if (!next.has(col)) lost.push(`column ${table}.${col}`);
      else if (next.get(col) !== type)
        lost.push(`type of ${table}.${col}: ${type} → ${next.get(col)}`);
    }
  }
  return lost;
}

function statements(tag: string): string[] {
  return fs
    .readFileSync(path.join(MIGRATIONS, `${tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A step of a table rebuild (SQLite's way to change a table's storage, e.g. WITHOUT ROWID): the
 * migration creates `__new_x`, and the DROP of x or the RENAME of `__new_x` to x is allowed;
 * the shape comparison after the migration still proves every column kept its name and type.
 */
function rebuildStep(sql: string, steps: readonly string[]): boolean {
  const table =
    /^DROP TABLE `(\w+)`;?$/i.exec(sql)?.[1] ??
    /^ALTER TABLE `__new_(\w+)` RENAME TO `\1`;?$/i.exec(sql)?.[1];
  if (!table) return false;
  const renamed = new RegExp(`^ALTER TABLE \`__new_${table}\` RENAME TO \`${table}\`;?$`, 'i');
  return (
    steps.some((s) => new RegExp(`^CREATE TABLE \`__new_${table}\``, 'm').test(s)) &&
    steps.some((s) => renamed.test(s))
  );
}

describe('migration chain', () => {
  const journal = readJournal(MIGRATIONS);

  it('has a SQL file per journal entry, in increasing time order', () => {
    expect(journal.length).toBeGreaterThan(0);
    for (let i = 0; i < journal.length; i++) {
      expect(fs.existsSync(path.join(MIGRATIONS, `${journal[i].tag}.sql`))).toBe(true);
      if (i > 0) expect(journal[i].when).toBeGreaterThan(journal[i - 1].when);
    }
  });

  it('only ever adds tables and columns, step by step', () => {
    const db = new Database(':memory:');
    let before = shapeOf(db);
    for (const entry of journal) {
      const steps = statements(entry.tag);
      for (const sql of steps) {
        if (!rebuildStep(sql, steps))
          expect(sql, `${entry.tag} uses a forbidden statement`).not.toMatch(
            /\bDROP\s+(TABLE|COLUMN)\b|\bRENAME\b/i,
          );
        db.exec(sql);
      }
      const after = shapeOf(db);
      expect(lostInMigration(before, after), `${entry.tag} removes or changes`).toEqual([]);
      before = after;
    }
    db.close();
  });

  it('0017 rebuilds counters WITHOUT ROWID and keeps every counter', () => {
    const db = new Database(':memory:');
    const at = journal.findIndex((e) => e.tag === '0017_counters_without_rowid');
    expect(at).toBeGreaterThan(0);
    for (const entry of journal.slice(0, at)) for (const sql of statements(entry.tag)) db.exec(sql);
    const insert = db.prepare('INSERT INTO counters(scope, last) VALUES (?, ?)');
    const kept = [
      ['audit_log', 1100222],
      ['book:2026', 22354],
      ['code:20261205', 905],
      ['outbox', 157770],
    ] as const;
    for (const [scope, last] of kept) insert.run(scope, last);
    for (const sql of statements(journal[at].tag)) db.exec(sql);
    const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'counters'").pluck().get();
    expect(ddl).toMatch(/WITHOUT ROWID/);
    expect(db.prepare('SELECT scope, last FROM counters ORDER BY scope').raw().all()).toEqual(
      kept.map((k) => [...k]),
    );
    // Still one row per scope, and the upsert the counters run still counts on.
    expect(() => insert.run('outbox', 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare(
      'INSERT INTO counters(scope, last) VALUES (?, 3) ON CONFLICT(scope) DO UPDATE SET last = last + 3',
    ).run('outbox');
    expect(db.prepare("SELECT last FROM counters WHERE scope = 'outbox'").pluck().get()).toBe(
      157773,
    );
    db.close();
  });

  it('the guard itself catches a dropped column and a dropped table', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE a (x TEXT, y INTEGER); CREATE TABLE b (z TEXT)');
    const before = shapeOf(db);
    db.exec('ALTER TABLE a DROP COLUMN y; DROP TABLE b');
    expect(lostInMigration(before, shapeOf(db))).toEqual(['column a.y', 'table b']);
    db.close();
  });
});

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
      for (const sql of statements(entry.tag)) {
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

  it('the guard itself catches a dropped column and a dropped table', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE a (x TEXT, y INTEGER); CREATE TABLE b (z TEXT)');
    const before = shapeOf(db);
    db.exec('ALTER TABLE a DROP COLUMN y; DROP TABLE b');
    expect(lostInMigration(before, shapeOf(db))).toEqual(['column a.y', 'table b']);
    db.close();
  });
});

// Bulk writing for the generated history: a prepared INSERT per table over drizzle's column
// names, the search indexes filled per batch instead of per row, and the office's counters
// (codes, book lines, the audit chain's sequence) kept in memory and flushed per batch.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppBackend } from '../../services/platform';

export type Sqlite = ReturnType<AppBackend['database']>;
type SqlValue = string | number | null;

/** A prepared INSERT over the named columns of a drizzle table (column names from the schema). */
export function inserter<T extends SQLiteTable, K extends keyof T['$inferInsert'] & string>(
  sqlite: Sqlite,
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
export function ftsBulkLoader(sqlite: Sqlite) {
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

/** The office's counters, read once, advanced in memory, written back by flush(). */
export function counters(sqlite: Sqlite) {
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
  const flush = () => {
    for (const scope of dirty) writeCounter.run(scope, counterCache.get(scope) ?? 0);
    dirty.clear();
  };

  return { next: nextCounter, flush };
}

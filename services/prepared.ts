// Hot queries built once per connection with placeholders. drizzle builds the SQL of a query
// on every call, which costs more than running it on the few small rows a desk action reads;
// a prepared query skips the building. Keyed by the connection's Db object, so a restore that
// swaps the connection starts afresh. better-sqlite3 has one connection, so a query prepared
// on the Db also runs inside a transaction opened on it (and sees that transaction's writes).
import type { Db } from '../db/open';

const byDb = new WeakMap<Db, Map<string, unknown>>();

export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  let queries = byDb.get(db);
  if (!queries) {
    queries = new Map();
    byDb.set(db, queries);
  }
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(key, query);
  }
  return query;
}

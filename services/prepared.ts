// Hot queries built once per connection with placeholders. drizzle builds the SQL of a query
// on every call, which costs more than running it on the few small rows a desk action reads;
// a prepared query skips the building. Keyed by the connection's drizzle session, which a
// transaction shares with its Db, so a restore that swaps the connection starts afresh and a
// helper holding only a Tx finds the same queries. better-sqlite3 has one connection, so a
// query prepared on the Db also runs inside a transaction opened on it (and sees that
// transaction's writes).
import type { Db, Tx } from '../db/open';

const bySession = new WeakMap<object, Map<string, unknown>>();

/** The object a Db and its transactions share (drizzle's session on the one connection). */
function sessionOf(db: Db | Tx): object {
  return (db as unknown as { session?: object }).session ?? db;
}

export function prepared<T>(db: Db | Tx, key: string, build: (db: Db) => T): T {
  const session = sessionOf(db);
  let queries = bySession.get(session);
  if (!queries) {
    queries = new Map();
    bySession.set(session, queries);
  }
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    // A Tx builds the same queries as its Db: same session, same connection.
    query = build(db);
    queries.set(key, query);
  }
  return query;
}

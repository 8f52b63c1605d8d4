// Monotonic counters (dossier codes, tracking-book lines, outbox sequence): never reused,
// incremented inside the caller's transaction.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/open';
import { counters } from '../db/schema';

export function nextCounter(tx: Tx, scope: string): number {
  const row = tx
    .insert(counters)
    .values({ scope, last: 1 })
    .onConflictDoUpdate({ target: counters.scope, set: { last: sql`${counters.last} + 1` } })
    .returning({ last: counters.last })
    .get();
  return row.last;
}

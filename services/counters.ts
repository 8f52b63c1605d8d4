// Monotonic counters (dossier codes, tracking-book lines, outbox sequence): never reused,
// incremented inside the caller's transaction.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/open';
import { counters } from '../db/schema';

export function nextCounter(tx: Tx, scope: string): number {
  return reserveCounter(tx, scope, 1);
}

/** Reserves `n` consecutive numbers in one statement and returns the first of them. */
export function reserveCounter(tx: Tx, scope: string, n: number): number {
  const row = tx
    .insert(counters)
    .values({ scope, last: n })
    .onConflictDoUpdate({ target: counters.scope, set: { last: sql`${counters.last} + ${n}` } })
    .returning({ last: counters.last })
    .get();
  return row.last - n + 1;
}

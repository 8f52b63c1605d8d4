// Monotonic counters (dossier codes, tracking-book lines, outbox sequence): never reused,
// incremented inside the caller's transaction.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/open';
import { counters } from '../db/schema';
import { prepared } from './prepared';

export function nextCounter(tx: Tx, scope: string): number {
  return reserveCounter(tx, scope, 1);
}

/** Reserves `n` consecutive numbers in one statement and returns the first of them. */
export function reserveCounter(tx: Tx, scope: string, n: number): number {
  const row = prepared(tx, 'counters.reserve', (db) =>
    db
      .insert(counters)
      .values({ scope: sql.placeholder('scope'), last: sql.placeholder('n') })
      .onConflictDoUpdate({
        target: counters.scope,
        set: { last: sql`${counters.last} + ${sql.placeholder('n')}` },
      })
      .returning({ last: counters.last })
      .prepare(),
  ).get({ scope, n });
  if (!row) throw new Error(`counter ${scope} not reserved`);
  return row.last - n + 1;
}

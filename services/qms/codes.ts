// Register numbers of quality-system records: <PREFIX>-<year>-NNN, counted per kind and year.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/open';
import { qmsRecords } from '../../db/schema';

export function nextRecordCode(tx: Tx, kind: string, prefix: string, year: string): string {
  const stem = `${prefix}-${year}-`;
  // A range on the (kind, code) index, not LIKE (which SQLite cannot serve from that index):
  // counting the year's codes stays a short index walk however large the register grows.
  // Codes are upper case, so [stem, stem with '-' raised to '.') is exactly "starts with stem".
  const row = tx
    .select({ n: sql<number>`count(*)` })
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, kind),
        gte(qmsRecords.code, stem),
        lt(qmsRecords.code, `${prefix}-${year}.`),
      ),
    )
    .get();
  return `${stem}${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
}

// Register numbers of quality-system records: <PREFIX>-<year>-NNN, counted per kind and year.
import { and, eq, like, sql } from 'drizzle-orm';
import type { Tx } from '../../db/open';
import { qmsRecords } from '../../db/schema';

export function nextRecordCode(tx: Tx, kind: string, prefix: string, year: string): string {
  const stem = `${prefix}-${year}-`;
  const row = tx
    .select({ n: sql<number>`count(*)` })
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, kind), like(qmsRecords.code, `${stem}%`)))
    .get();
  return `${stem}${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
}

// Restore of the quality system's rows on a new PC: records, history lines and
// acknowledgements come back as they were (no foreign keys tie them, so any order works), and
// the procedure versions the office made by approving its procedure documents are recreated
// in the catalog before the dossiers received under them arrive.
import { and, eq, getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { procedureVersionSchema } from '../../core/catalog/schema';
import type { RestoreRow } from '../../core/sync/protocol';
import { fold } from '../../core/text/fold';
import type { Tx } from '../../db/open';
import {
  procedureVersions,
  procedures,
  qmsAcknowledgements,
  qmsHistory,
  qmsRecords,
} from '../../db/schema';

const TABLES: Readonly<Record<string, SQLiteTable>> = {
  qms_record: qmsRecords,
  qms_history: qmsHistory,
  qms_acknowledgement: qmsAcknowledgements,
};

export const QMS_RESTORE_ENTITIES = new Set([...Object.keys(TABLES), 'procedure_version']);

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function pick(table: SQLiteTable, row: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(getTableColumns(table))) if (key in row) out[key] = row[key];
  return out;
}

function restoreVersion(tx: Tx, r: Readonly<RestoreRow>): boolean {
  const code = typeof r.row.procedureCode === 'string' ? r.row.procedureCode : '';
  const body = procedureVersionSchema.safeParse(r.row.body);
  const procedure = tx
    .select({ id: procedures.id })
    .from(procedures)
    .where(eq(procedures.code, code))
    .get();
  if (!procedure || !body.success) return false;
  const exists = tx
    .select({ id: procedureVersions.id })
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, procedure.id),
        eq(procedureVersions.version, body.data.version),
      ),
    )
    .get();
  if (exists) return true;
  tx.insert(procedureVersions)
    .values({
      id: r.entityId,
      procedureId: procedure.id,
      version: body.data.version,
      effectiveFrom: body.data.effectiveFrom,
      body: body.data,
      createdAt: Number(r.row.updatedAt) || 0,
    })
    .run();
  return true;
}

/** Applies the page's quality-system rows; returns how many were restored. Procedure versions
 * first, so a dossier of the same page finds its version. */
export function applyQmsRestoreRows(tx: Tx, rows: readonly RestoreRow[]): number {
  let count = 0;
  for (const r of rows) if (r.entity === 'procedure_version' && restoreVersion(tx, r)) count++;
  for (const r of rows) {
    const table = TABLES[r.entity];
    if (!table) continue;
    const values: Record<string, unknown> = { ...pick(table, r.row), id: r.entityId };
    if (r.entity === 'qms_record')
      values.searchText = fold(`${text(r.row.code)} ${text(r.row.title)}`);
    const set = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'id'));
    const target = (getTableColumns(table) as Record<string, never>).id;
    // Each row in its own savepoint: a row the local schema refuses is skipped, not fatal.
    try {
      tx.transaction((sp) => {
        sp.insert(table)
          .values(values as never)
          .onConflictDoUpdate({ target, set: set as never })
          .run();
      });
      count++;
    } catch (error) {
      console.error('[isoxa] a quality-system row could not be restored', r.entity, error);
    }
  }
  return count;
}

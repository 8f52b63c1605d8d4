// Restore: an office's own rows (latest snapshot of each), by cursor, for a new PC.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { RestoreRow } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { entities } from '../database/schema/index';

export const readRestorePage = async (db: Db, officeId: string, cursor: number, limit: number) => {
  // Deleted rows are skipped: a new PC has nothing to delete.
  const rows = await db
    .select({
      serverSeq: entities.serverSeq,
      entity: entities.entity,
      entityId: entities.entityId,
      row: entities.row,
      deleted: entities.deleted,
    })
    .from(entities)
    .where(and(eq(entities.officeId, officeId), gt(entities.serverSeq, cursor)))
    .orderBy(asc(entities.serverSeq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const out: RestoreRow[] = page
    .filter((r) => !r.deleted)
    .map((r) => ({ serverSeq: r.serverSeq, entity: r.entity, entityId: r.entityId, row: r.row }));
  const last = page.at(-1);
  return { rows: out, nextCursor: last ? last.serverSeq : cursor, more: rows.length > limit };
};

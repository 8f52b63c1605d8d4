// The dashboard's view of each office's audit trail at the province: the last row held and
// the breaks of continuity found when rows arrived (server/sync/audit-chain.ts).
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { AuditBreakView, AuditChainView } from '../../core/sync/admin';
import type { Db } from '../database/connect';
import { auditBreaks } from '../database/schema/index';

export const NO_AUDIT: AuditChainView = {
  lastSeq: null,
  lastAt: null,
  breaks: 0,
  firstBreak: null,
};
const RECENT_BREAKS = 20;

type BreakRow = typeof auditBreaks.$inferSelect;
const view = (b: BreakRow): AuditBreakView => ({
  foundAt: b.foundAt.getTime(),
  deviceId: b.deviceId,
  kind: b.kind,
  seq: b.seq,
  rowId: b.rowId,
  rowAt: b.rowAt,
  summary: b.summary,
  message: b.message,
});

/** Every office's audit view (or one office's), keyed by office id. The last row is read
 * through the chain's primary key per office, never by scanning a large trail. */
export const auditFigures = async (
  db: Db,
  officeId?: string,
): Promise<Map<string, AuditChainView>> => {
  const only = officeId === undefined ? sql`true` : sql`o.id = ${officeId}::uuid`;
  const heads = await db.execute(sql`
    select o.id::text as office_id, h.seq, h.row_at
    from offices o
    cross join lateral (select seq, row_at from audit_chain c where c.office_id = o.id
      order by seq desc limit 1) h
    where ${only}`);
  const firsts = await db
    .selectDistinctOn([auditBreaks.officeId])
    .from(auditBreaks)
    .where(officeId === undefined ? sql`true` : eq(auditBreaks.officeId, officeId))
    .orderBy(asc(auditBreaks.officeId), asc(auditBreaks.id));
  const counts = await db
    .select({ officeId: auditBreaks.officeId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(auditBreaks)
    .where(officeId === undefined ? sql`true` : eq(auditBreaks.officeId, officeId))
    .groupBy(auditBreaks.officeId);
  const out = new Map<string, AuditChainView>();
  for (const h of (heads as { rows: Record<string, unknown>[] }).rows) {
    out.set(String(h.office_id), {
      ...NO_AUDIT,
      lastSeq: Number(h.seq),
      lastAt: Number(h.row_at),
    });
  }
  const countBy = new Map(counts.map((c) => [c.officeId, c.n]));
  for (const b of firsts) {
    const base = out.get(b.officeId) ?? NO_AUDIT;
    out.set(b.officeId, { ...base, breaks: countBy.get(b.officeId) ?? 1, firstBreak: view(b) });
  }
  return out;
};

/** The office's latest breaks, newest first. */
export const recentAuditBreaks = async (db: Db, officeId: string): Promise<AuditBreakView[]> =>
  (
    await db
      .select()
      .from(auditBreaks)
      .where(eq(auditBreaks.officeId, officeId))
      .orderBy(desc(auditBreaks.id))
      .limit(RECENT_BREAKS)
  ).map(view);

// Drill-down of one office for the dashboard: its summary, enrollment codes, figures by
// procedure and by month, and the latest rejected ops with their reasons.
import { and, desc, eq, sql } from 'drizzle-orm';
import { civilMonthOf } from '../../core/calendar/civil-time';
import type { OfficeDetail } from '../../core/sync/admin';
import type { Db } from '../database/connect';
import {
  enrollmentCodes,
  entities,
  feed,
  provinceUsers,
  rejectedOps,
} from '../database/schema/index';
import { HttpError } from '../http/errors';
import {
  countWhere,
  dossierFigureColumns,
  isDossier,
  num,
  resolvedAt,
  text,
  vietnamMonthOf,
  vietnamMonthsBack,
} from './figures';
import { recentAuditBreaks } from './audit-figures';
import { officeSummary } from './summary';

const MONTHS = 12;
const RECENT_REJECTED = 50;

/** The last 12 months (YYYY-MM, Vietnam time), oldest first. */
const monthKeys = (now: number): string[] =>
  Array.from({ length: MONTHS }, (_, i) => civilMonthOf(vietnamMonthsBack(now, MONTHS - 1 - i)));

export const officeDetail = async (
  db: Db,
  officeId: string,
  now: number,
): Promise<OfficeDetail> => {
  const office = await officeSummary(db, officeId, now);
  if (!office) throw new HttpError(404, 'NOT_FOUND');
  const mine = and(eq(entities.officeId, officeId), isDossier);

  const codes = await db
    .select({
      createdAt: enrollmentCodes.createdAt,
      expiresAt: enrollmentCodes.expiresAt,
      usedAt: enrollmentCodes.usedAt,
      usedByDevice: enrollmentCodes.usedByDevice,
      createdBy: provinceUsers.displayName,
    })
    .from(enrollmentCodes)
    .leftJoin(provinceUsers, eq(provinceUsers.id, enrollmentCodes.createdBy))
    .where(eq(enrollmentCodes.officeId, officeId))
    .orderBy(desc(enrollmentCodes.createdAt));

  const procedure = sql<string>`coalesce(${text('procedureCode')}, '')`;
  const byProcedure = await db
    .select({
      procedureCode: procedure,
      procedureName: sql<string | null>`max(${text('procedureName')})`,
      ...dossierFigureColumns(now),
    })
    .from(entities)
    .where(mine)
    .groupBy(procedure)
    .orderBy(procedure);

  // Names for dossiers sent before snapshots carried one: the catalog the province published.
  const published = new Map(
    (
      await db
        .select({ key: feed.key, name: sql<string | null>`${feed.body} ->> 'name'` })
        .from(feed)
        .where(eq(feed.kind, 'catalog'))
        .orderBy(feed.version)
    ).map((r) => [r.key, r.name ?? '']),
  );

  // Received by month of receipt, resolved by month of resolution: two grouped scans.
  const since = vietnamMonthsBack(now, MONTHS - 1);
  const receivedMonth = vietnamMonthOf(num('receivedAt'));
  const received = await db
    .select({ month: sql<string>`${receivedMonth}`, n: sql<number>`count(*)`.mapWith(Number) })
    .from(entities)
    .where(and(mine, sql`${num('receivedAt')} >= ${since}`))
    .groupBy(receivedMonth);
  const resolvedMonth = vietnamMonthOf(resolvedAt);
  const resolved = await db
    .select({
      month: sql<string>`${resolvedMonth}`,
      n: sql<number>`count(*)`.mapWith(Number),
      onTime: countWhere(sql`${text('outcome')} in ('early', 'on_time')`),
    })
    .from(entities)
    .where(and(mine, sql`${text('outcome')} is not null and ${resolvedAt} >= ${since}`))
    .groupBy(resolvedMonth);
  const receivedBy = new Map(received.map((r) => [r.month, r.n]));
  const resolvedBy = new Map(resolved.map((r) => [r.month, r]));

  const rejected = await db
    .select()
    .from(rejectedOps)
    .where(eq(rejectedOps.officeId, officeId))
    .orderBy(desc(rejectedOps.receivedAt))
    .limit(RECENT_REJECTED);

  return {
    office,
    enrollmentCodes: codes.map((c) => ({
      createdAt: c.createdAt.getTime(),
      expiresAt: c.expiresAt.getTime(),
      usedAt: c.usedAt?.getTime() ?? null,
      usedByDevice: c.usedByDevice,
      createdBy: c.createdBy,
    })),
    byProcedure: byProcedure.map(({ procedureCode, procedureName, ...f }) => ({
      procedureCode,
      procedureName: procedureName ?? published.get(procedureCode) ?? '',
      total: f.total,
      thisMonth: f.thisMonth,
      resolvedThisYear: f.resolvedThisYear,
      onTimeThisYear: f.onTimeThisYear,
      overdue: f.overdue,
    })),
    byMonth: monthKeys(now).map((month) => ({
      month,
      received: receivedBy.get(month) ?? 0,
      resolved: resolvedBy.get(month)?.n ?? 0,
      onTime: resolvedBy.get(month)?.onTime ?? 0,
    })),
    rejectedCount: office.rejectedCount,
    recentRejected: rejected.map((r) => ({
      opId: r.opId,
      deviceId: r.deviceId,
      entity: r.entity,
      entityId: r.entityId,
      reason: r.reason,
      receivedAt: r.receivedAt.getTime(),
    })),
    auditBreaks: await recentAuditBreaks(db, officeId),
  };
};

// The province-wide quality-system table (GET /v1/admin/qms): every office's status for the
// year, its score and rank (core/qms/office-score.ts), the province-wide line. Offices are in
// rank order; the same score shares a rank and is ordered by name in Vietnamese collation.
import { max } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import { officeScore } from '../../core/qms/office-score';
import { provinceTotals } from '../../core/qms/office-status';
import type { OfficeQmsRow, QmsOverview } from '../../core/sync/admin-qms';
import { viCollator } from '../../core/text/fold';
import type { Db } from '../database/connect';
import { devices, offices } from '../database/schema/index';
import { officeStatuses } from './qms-status';

/**
 * HOOK(yearly): the offices whose yearly report of `year` reached the province. The 'yearly'
 * engineer adds server/province/yearly-reports.ts; until it answers here, null (unknown: the
 * column says so and the score's "Báo cáo năm" criterion gives no points to anyone).
 */
export function yearlyReportsReceived(_db: Db, _year: number): Promise<Set<string> | null> {
  return Promise.resolve(null);
}

export async function qmsOverview(db: Db, now: number): Promise<QmsOverview> {
  const today = civilDateOf(now);
  const year = Number(today.slice(0, 4));
  const officeRows = await db
    .select({ id: offices.id, agencyCode: offices.agencyCode, name: offices.name })
    .from(offices);
  const seen = await db
    .select({ officeId: devices.officeId, at: max(devices.lastSeenAt) })
    .from(devices)
    .groupBy(devices.officeId);
  const seenBy = new Map(seen.map((s) => [s.officeId, s.at?.getTime() ?? null]));
  const statuses = await officeStatuses(db, now);
  const reports = await yearlyReportsReceived(db, year);
  const rows = officeRows.flatMap((o) => {
    const kept = statuses.get(o.id);
    if (!kept) return [];
    const yearlyReport = reports === null ? null : reports.has(o.id);
    return [
      {
        id: o.id,
        agencyCode: o.agencyCode,
        name: o.name,
        lastSyncAt: seenBy.get(o.id) ?? null,
        status: kept.status,
        yearlyReport,
        score: officeScore({ status: kept.status, yearlyReport }),
        rank: 0,
      } satisfies OfficeQmsRow,
    ];
  });
  rows.sort((a, b) => b.score.total - a.score.total || viCollator.compare(a.name, b.name));
  rows.forEach((r, i) => {
    const previous = rows[i - 1];
    r.rank = previous && previous.score.total === r.score.total ? previous.rank : i + 1;
  });
  return {
    year,
    asOf: today,
    offices: rows,
    province: provinceTotals(rows.map((r) => r.status)),
    recomputed: [...statuses.values()].filter((s) => s.fresh).length,
  };
}

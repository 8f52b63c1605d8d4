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
  const rows = officeRows.flatMap((o) => {
    const kept = statuses.get(o.id);
    if (!kept) return [];
    return [
      {
        id: o.id,
        agencyCode: o.agencyCode,
        name: o.name,
        lastSyncAt: seenBy.get(o.id) ?? null,
        status: kept.status,
        score: officeScore({ status: kept.status }),
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

// The dashboard's view of every office: devices, last sync, op and rejection counts, the
// queues its PCs report (waiting, refused), and dossier figures read from the latest
// snapshots offices pushed.
import { asc, count, eq } from 'drizzle-orm';
import type { OfficeSummary } from '../../core/sync/admin';
import type { Db } from '../database/connect';
import { devices, offices, rejectedOps } from '../database/schema/index';
import { NO_QMS, type QmsFigures } from './qms-figures';
import { auditFigures, NO_AUDIT } from './audit-figures';
import { keptOfficeFigures } from './office-figures';

export { vietnamMonthStart } from './figures';

type OfficeRow = typeof offices.$inferSelect;
type DeviceRow = typeof devices.$inferSelect;
type Figures = OfficeSummary['dossiers'];

const NO_FIGURES: Figures = {
  total: 0,
  thisMonth: 0,
  resolved: 0,
  onTime: 0,
  resolvedThisYear: 0,
  onTimeThisYear: 0,
  overdue: 0,
};

/** The queues of the office's active devices, added up; null until one has reported. */
const outboxOf = (own: readonly DeviceRow[]): OfficeSummary['outbox'] => {
  const reported = own.filter((d) => d.revokedAt === null && d.pendingReportedAt !== null);
  if (reported.length === 0) return { pending: null, rejected: null, reportedAt: null };
  const sum = (f: (d: DeviceRow) => number | null) => reported.reduce((n, d) => n + (f(d) ?? 0), 0);
  return {
    pending: sum((d) => d.pendingOps),
    rejected: sum((d) => d.rejectedOps),
    reportedAt: Math.max(...reported.map((d) => d.pendingReportedAt?.getTime() ?? 0)),
  };
};

const summarize = (
  o: OfficeRow,
  own: readonly DeviceRow[],
  opCount: number,
  rejectedCount: number,
  figures: Figures | undefined,
  qms: QmsFigures = NO_QMS,
  auditChain: OfficeSummary['auditChain'] = NO_AUDIT,
): OfficeSummary => {
  const seen = own.map((d) => d.lastSeenAt?.getTime() ?? 0).filter((t) => t > 0);
  return {
    id: o.id,
    agencyCode: o.agencyCode,
    name: o.name,
    createdAt: o.createdAt.getTime(),
    lastSyncAt: seen.length > 0 ? Math.max(...seen) : null,
    devices: own.map((dv) => ({
      id: dv.id,
      name: dv.name,
      enrolledAt: dv.enrolledAt.getTime(),
      revokedAt: dv.revokedAt?.getTime() ?? null,
      lastSeenAt: dv.lastSeenAt?.getTime() ?? null,
      appVersion: dv.appVersion,
      schemaVersion: dv.schemaVersion,
      pendingOps: dv.pendingOps,
      rejectedOps: dv.rejectedOps,
      pendingReportedAt: dv.pendingReportedAt?.getTime() ?? null,
    })),
    opCount,
    rejectedCount,
    outbox: outboxOf(own),
    dossiers: figures ? { ...NO_FIGURES, ...figures } : NO_FIGURES,
    qms,
    auditChain,
  };
};

/** Every office: its devices, rejected ops and audit trail read as they are (small tables,
 * office indexes), its dossier, document and op figures from the kept rows (office-figures.ts)
 * rather than from every dossier, record and op of the province. */
export const listOfficeSummaries = async (db: Db, now: number): Promise<OfficeSummary[]> => {
  const officeRows = await db.select().from(offices).orderBy(asc(offices.agencyCode));
  const deviceRows = await db.select().from(devices).orderBy(asc(devices.enrolledAt));
  const rejectedCounts = await db
    .select({ officeId: rejectedOps.officeId, n: count() })
    .from(rejectedOps)
    .groupBy(rejectedOps.officeId);
  const rejectedBy = new Map(rejectedCounts.map((r) => [r.officeId, Number(r.n)]));
  const { byOffice } = await keptOfficeFigures(db, now);
  const auditBy = await auditFigures(db);
  return officeRows.map((o) => {
    const kept = byOffice.get(o.id);
    return summarize(
      o,
      deviceRows.filter((d) => d.officeId === o.id),
      kept?.opCount ?? 0,
      rejectedBy.get(o.id) ?? 0,
      kept?.dossiers,
      kept?.qms,
      auditBy.get(o.id),
    );
  });
};

/** One office's summary, or null when there is no such office. */
export const officeSummary = async (
  db: Db,
  officeId: string,
  now: number,
): Promise<OfficeSummary | null> => {
  const [office] = await db.select().from(offices).where(eq(offices.id, officeId));
  if (!office) return null;
  const own = await db
    .select()
    .from(devices)
    .where(eq(devices.officeId, officeId))
    .orderBy(asc(devices.enrolledAt));
  const [rejectedRow] = await db
    .select({ n: count() })
    .from(rejectedOps)
    .where(eq(rejectedOps.officeId, officeId));
  const kept = (await keptOfficeFigures(db, now, officeId)).byOffice.get(officeId);
  const audit = (await auditFigures(db, officeId)).get(officeId);
  return summarize(
    office,
    own,
    kept?.opCount ?? 0,
    Number(rejectedRow?.n ?? 0),
    kept?.dossiers,
    kept?.qms,
    audit,
  );
};

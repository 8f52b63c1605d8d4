// Each dossier's retention from its procedure (catalog data, then the shipped record lists),
// and the "đến hạn hủy" list: closed dossiers whose retention has run out, by procedure and
// the year they closed. One indexed query per procedure version with a finite retention.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { dayNumberFromParts, startOfDayNumber, VN_OFFSET_MS } from '../../core/calendar/civil-time';
import type { DueGroup } from '../../core/contract/records-control';
import { AppError } from '../../core/errors';
import { recordItemSchema, retentionYearsSchema } from '../../core/qms/record-list';
import { retainUntil, retentionOf, type Retention } from '../../core/qms/retention';
import type { Db, Sqlite, Tx } from '../../db/open';
import { dossiers, procedureVersions, procedures } from '../../db/schema';
import type { Ctx } from '../context';

/** What the retention reads need of the context (a transaction's caller passes its ctx). */
type Scope = Pick<Ctx, 'cache' | 'resourcesDir' | 'conn'>;

/** resources/qms/record-lists.json: the record list and dossier retention shipped per
 * procedure, and the record lists of the internal processes. */
export const recordListSeedSchema = z.object({
  schemaVersion: z.literal(1),
  procedures: z.array(
    z.object({
      procedureCode: z.string(),
      processName: z.string(),
      retentionYears: retentionYearsSchema,
      items: z.array(recordItemSchema).min(1),
    }),
  ),
  internal: z.array(
    z.object({
      code: z.string(),
      processName: z.string(),
      items: z.array(recordItemSchema).min(1),
    }),
  ),
});
export type RecordListSeed = z.infer<typeof recordListSeedSchema>;

export function recordListSeed(ctx: Pick<Ctx, 'cache' | 'resourcesDir'>): RecordListSeed {
  const cached = ctx.cache.get('qms.recordListSeed') as RecordListSeed | undefined;
  if (cached) return cached;
  const file = path.join(ctx.resourcesDir, 'qms', 'record-lists.json');
  const seed = recordListSeedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  ctx.cache.set('qms.recordListSeed', seed);
  return seed;
}

function seededYears(ctx: Pick<Ctx, 'cache' | 'resourcesDir'>, code: string) {
  return recordListSeed(ctx).procedures.find((p) => p.procedureCode === code)?.retentionYears;
}

type ProcedureRow = typeof procedures.$inferSelect;
type VersionRow = typeof procedureVersions.$inferSelect;

export function versionRetention(
  ctx: Pick<Ctx, 'cache' | 'resourcesDir'>,
  procedure: Pick<ProcedureRow, 'code' | 'field'>,
  version: Pick<VersionRow, 'body'>,
): Retention {
  return retentionOf(
    version.body.retentionYears,
    seededYears(ctx, procedure.code),
    procedure.field,
  );
}

export const CLOSED_STATUSES = ['returned', 'refused', 'stopped'] as const;
const CLOSED_SQL = `status IN (${CLOSED_STATUSES.map((s) => `'${s}'`).join(',')})`;
/** When the dossier's work ended: returned, else resolved, else (refused, stopped) received. */
export const CLOSED_AT_SQL = 'coalesce(returned_at, resolved_at, received_at)';
const yearOfSql = (ms: string) =>
  `CAST(strftime('%Y', (${ms} + ${VN_OFFSET_MS}) / 1000, 'unixepoch') AS INTEGER)`;

export const startOfYear = (year: number): number =>
  startOfDayNumber(dayNumberFromParts(year, 1, 1));

export function closedYearOf(row: {
  status: string;
  returnedAt: number | null;
  resolvedAt: number | null;
  receivedAt: number;
}): number | null {
  if (!(CLOSED_STATUSES as readonly string[]).includes(row.status)) return null;
  const at = row.returnedAt ?? row.resolvedAt ?? row.receivedAt;
  return new Date(at + VN_OFFSET_MS).getUTCFullYear();
}

interface DueRow {
  closedYear: number;
  n: number;
  firstCode: string;
  lastCode: string;
}

/** The due dossiers of one procedure version, grouped by the year they closed. */
function dueOfVersion(sqlite: Sqlite, versionId: string, procedureId: string, before: number) {
  return sqlite
    .prepare(
      `SELECT ${yearOfSql(CLOSED_AT_SQL)} AS closedYear, count(*) AS n, min(code) AS firstCode, max(code) AS lastCode
       FROM dossiers WHERE procedure_id = ? AND ${CLOSED_SQL} AND received_at < ?
         AND ${CLOSED_AT_SQL} < ? AND disposed_at IS NULL AND procedure_version_id = ?
       GROUP BY closedYear ORDER BY closedYear`,
    )
    .all(procedureId, before, before, versionId) as DueRow[];
}

/** Ids of the due dossiers of a procedure closed in `closedYear` (for the erasure). */
export function dueDossierIds(
  ctx: Scope,
  db: Db | Tx,
  procedureId: string,
  closedYear: number,
  todayYear: number,
): string[] {
  const sqlite = ctx.conn.sqlite;
  const ids: string[] = [];
  for (const { version, retention } of versionsOf(ctx, db, procedureId)) {
    if (typeof retention.years !== 'number') continue;
    if (closedYear + retention.years >= todayYear) continue;
    const from = startOfYear(closedYear);
    const to = startOfYear(closedYear + 1);
    ids.push(
      ...(sqlite
        .prepare(
          `SELECT id FROM dossiers WHERE procedure_id = ? AND ${CLOSED_SQL} AND received_at < ?
             AND ${CLOSED_AT_SQL} >= ? AND ${CLOSED_AT_SQL} < ? AND disposed_at IS NULL
             AND procedure_version_id = ? ORDER BY code`,
        )
        .pluck()
        .all(procedureId, to, from, to, version.id) as string[]),
    );
  }
  return ids;
}

function versionsOf(ctx: Pick<Ctx, 'cache' | 'resourcesDir'>, db: Db | Tx, procedureId: string) {
  const procedure = db.select().from(procedures).where(eq(procedures.id, procedureId)).get();
  if (!procedure) return [];
  return db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId))
    .all()
    .map((version) => ({
      procedure,
      version,
      retention: versionRetention(ctx, procedure, version),
    }));
}

/** Every group of dossiers due for disposal on `today`, by procedure then year. */
export function dueGroups(ctx: Scope, db: Db | Tx, today: string) {
  const todayYear = Number(today.slice(0, 4));
  const groups = new Map<string, DueGroup>();
  for (const p of db.select().from(procedures).all()) {
    for (const { version, retention } of versionsOf(ctx, db, p.id)) {
      if (typeof retention.years !== 'number') continue;
      // Closed in year Y, kept N years: due once Y + N < this year.
      const before = startOfYear(todayYear - retention.years);
      for (const r of dueOfVersion(ctx.conn.sqlite, version.id, p.id, before)) {
        const key = `${p.id}:${r.closedYear}`;
        const g = groups.get(key);
        if (g) {
          g.count += r.n;
          if (r.firstCode < g.firstCode) g.firstCode = r.firstCode;
          if (r.lastCode > g.lastCode) g.lastCode = r.lastCode;
          continue;
        }
        groups.set(key, {
          procedureId: p.id,
          procedureCode: p.code,
          procedureName: p.name,
          closedYear: r.closedYear,
          retentionYears: retention.years,
          retainUntil: retainUntil(r.closedYear, retention.years) ?? '',
          count: r.n,
          firstCode: r.firstCode,
          lastCode: r.lastCode,
        });
      }
    }
  }
  return [...groups.values()].sort(
    (a, b) => a.procedureName.localeCompare(b.procedureName, 'vi') || a.closedYear - b.closedYear,
  );
}

/** One dossier's retention, closing year and last day kept. */
export function dossierRetention(ctx: Ctx, dossierId: string) {
  const row = ctx.db
    .select({ dossier: dossiers, procedure: procedures, version: procedureVersions })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(eq(dossiers.id, dossierId))
    .get();
  if (!row) throw new AppError('NOT_FOUND');
  const retention = versionRetention(ctx, row.procedure, row.version);
  const closedYear = closedYearOf(row.dossier);
  return {
    retention,
    closedYear,
    retainUntil: closedYear === null ? null : retainUntil(closedYear, retention.years),
    disposedAt: row.dossier.disposedAt,
    disposalId: row.dossier.disposalId,
  };
}

// The procedure catalog: seeding from resources/, upserting whole catalogs in one
// transaction (seed, Excel import, province publication), and the catalog screens' reads.
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import {
  procedureCatalogSchema,
  type Procedure,
  type ProcedureVersion,
} from '../../core/catalog/schema';
import { civilDateOf } from '../../core/calendar/civil-time';
import { AppError } from '../../core/errors';
import type { Db, Tx } from '../../db/open';
import { procedureVersions, procedures } from '../../db/schema';
import { newId, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { prepared } from '../prepared';

export function timeLimitText(v: Readonly<ProcedureVersion>): string {
  if (v.timeLimit.unit === 'working_hours') return `${v.timeLimit.value} giờ làm việc`;
  if (v.timeLimit.value === 0)
    return v.cutoff ? `Trong ngày (nhận trước ${v.cutoff})` : 'Trong ngày';
  return `${v.timeLimit.value} ngày làm việc`;
}

/**
 * Inserts or updates procedures and their versions. A version number already stored is left
 * as is (dossiers may point at it); new version numbers are added. Returns how many changed.
 */
export function upsertCatalog(
  tx: Tx,
  list: readonly Procedure[],
  source: 'seed' | 'import' | 'province',
  now: number,
): number {
  let changed = 0;
  for (const p of list) {
    let row = tx.select().from(procedures).where(eq(procedures.code, p.code)).get();
    if (row) {
      tx.update(procedures)
        .set({ name: p.name, field: p.field, isoCode: p.isoCode, updatedAt: now })
        .where(eq(procedures.id, row.id))
        .run();
    } else {
      row = tx
        .insert(procedures)
        .values({
          id: newId(),
          code: p.code,
          isoCode: p.isoCode,
          name: p.name,
          field: p.field,
          source,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
    }
    for (const v of p.versions) {
      const exists = tx
        .select({ id: procedureVersions.id })
        .from(procedureVersions)
        .where(
          and(eq(procedureVersions.procedureId, row.id), eq(procedureVersions.version, v.version)),
        )
        .get();
      if (exists) continue;
      tx.insert(procedureVersions)
        .values({
          id: newId(),
          procedureId: row.id,
          version: v.version,
          effectiveFrom: v.effectiveFrom,
          body: v,
          createdAt: now,
        })
        .run();
    }
    changed++;
  }
  return changed;
}

export function seedCatalog(tx: Tx, resourcesDir: string, now: number): void {
  const file = path.join(resourcesDir, 'catalog', 'procedures.json');
  const catalog = procedureCatalogSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  upsertCatalog(tx, catalog.procedures, 'seed', now);
}

/** The version of a procedure in force on a civil date (the latest whose effectiveFrom ≤ date). */
export function versionInForce(db: Db | Tx, procedureId: string, date: string) {
  return (
    prepared(db, 'catalog.versionInForce', (d) =>
      d
        .select()
        .from(procedureVersions)
        .where(
          and(
            eq(procedureVersions.procedureId, sql.placeholder('procedureId')),
            lte(procedureVersions.effectiveFrom, sql.placeholder('date')),
          ),
        )
        .orderBy(desc(procedureVersions.effectiveFrom), desc(procedureVersions.version))
        .limit(1)
        .prepare(),
    ).get({ procedureId, date }) ?? null
  );
}

function summary(ctx: Ctx, p: typeof procedures.$inferSelect) {
  const today = civilDateOf(ctx.now());
  const v = versionInForce(ctx.db, p.id, today) ?? versionInForce(ctx.db, p.id, '9999-12-31');
  if (!v) throw new AppError('NOT_FOUND', `Thủ tục ${p.name} chưa có phiên bản nào.`);
  return {
    id: p.id,
    code: p.code,
    isoCode: p.isoCode,
    name: p.name,
    field: p.field,
    active: p.active,
    versionId: v.id,
    version: v.version,
    timeLimitText: timeLimitText(v.body),
    cutoff: v.body.cutoff,
    stepCount: v.body.steps.length,
  };
}

export const catalogHandlers: PartialHandlers = {
  'catalog.list': (ctx) =>
    ctx.db
      .select()
      .from(procedures)
      .all()
      .map((p) => summary(ctx, p))
      .sort((a, b) => a.field.localeCompare(b.field, 'vi') || a.name.localeCompare(b.name, 'vi')),
  'catalog.get': (ctx, input) => {
    const p = ctx.db.select().from(procedures).where(eq(procedures.id, input.id)).get();
    if (!p) throw new AppError('NOT_FOUND');
    const versions = ctx.db
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, p.id))
      .orderBy(desc(procedureVersions.version))
      .all();
    return {
      procedure: summary(ctx, p),
      versions: versions.map((v) => ({
        id: v.id,
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        body: v.body,
      })),
    };
  },
};

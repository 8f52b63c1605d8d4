// Each office's figures for the overview of offices (GET /v1/admin/offices), kept per office
// in office_figures: the dossier figures, the quality-system document figures and the op
// count. The overview used to aggregate every dossier, record and op of the province on each
// request; now it reads one kept row per office and computes again only the offices whose row
// no longer holds: they pushed since (their highest server_seq, one index probe each on
// ops_office_seq_idx and entities_office_seq_idx), or the clock passed the row's valid_until
// (a new month, an open dossier falling due, a document's review date passing). An office is
// computed from its own rows (the entities primary key's office prefix). The background
// refresh after a push (qms-refresh.ts) computes the pushing office's row too.
import { and, eq, sql } from 'drizzle-orm';
import {
  civilDateOf,
  addCivilDays,
  instantOf,
  startOfCivilMonth,
} from '../../core/calendar/civil-time';
import type { OfficeSummary } from '../../core/sync/admin';
import type { Db } from '../database/connect';
import { entities, ops } from '../database/schema/index';
import { dossierFigureColumns, isDossier, num, text } from './figures';
import { NO_QMS, qmsFigures } from './qms-figures';
import { rowsOf } from './qms-status';

export interface OfficeFigures {
  readonly dossiers: OfficeSummary['dossiers'];
  readonly qms: OfficeSummary['qms'];
  readonly opCount: number;
}

const NO_DOSSIERS: OfficeSummary['dossiers'] = {
  total: 0,
  thisMonth: 0,
  resolved: 0,
  onTime: 0,
  resolvedThisYear: 0,
  onTimeThisYear: 0,
  overdue: 0,
};

/** Computes one office's figures from its rows, and the last instant they hold. */
export async function computeOfficeFigures(
  db: Db,
  officeId: string,
  now: number,
): Promise<{ figures: OfficeFigures; validUntil: number }> {
  const mine = and(eq(entities.officeId, officeId), isDossier);
  const [dossiers] = await db.select(dossierFigureColumns(now)).from(entities).where(mine);
  // The next open dossier to fall due: 'overdue' counts it from the instant after its dueAt.
  const [due] = await db
    .select({ at: sql<number | null>`min(${num('dueAt')})` })
    .from(entities)
    .where(
      and(
        mine,
        sql`${text('outcome')} is null and ${text('status')} in ('processing', 'supplement', 'ready') and ${num('dueAt')} >= ${now}`,
      ),
    );
  const today = civilDateOf(now);
  // The next document review date: 'reviews overdue' counts it from the day after.
  const [review] = rowsOf(
    await db.execute(sql`
      select min(r.row ->> 'dueDate') as day from entities r
      where r.office_id = ${officeId}::uuid and r.entity = 'qms_record' and not r.deleted
        and r.row ->> 'kind' = 'document' and r.row ->> 'state' = 'active'
        and r.row -> 'data' ->> 'docType' <> 'external' and r.row ->> 'dueDate' >= ${today}`),
  );
  const [counted] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(ops)
    .where(eq(ops.officeId, officeId));
  const limits = [startOfCivilMonth(now, -1) - 1];
  if (due?.at !== null && due?.at !== undefined) limits.push(Number(due.at));
  if (typeof review?.day === 'string')
    limits.push(instantOf(addCivilDays(review.day, 1), '00:00') - 1);
  return {
    figures: {
      dossiers: dossiers ? { ...NO_DOSSIERS, ...dossiers } : NO_DOSSIERS,
      qms: (await qmsFigures(db, now, officeId)).get(officeId) ?? NO_QMS,
      opCount: counted?.n ?? 0,
    },
    validUntil: Math.min(...limits),
  };
}

/** How many offices are computed again at once (PostgreSQL pool of 20; PGlite queues). */
const PARALLEL = 4;

/** Every office's figures (or one office's): kept rows where they hold, the others computed
 * again and kept. `fresh` counts the offices computed for this read. */
export async function keptOfficeFigures(
  db: Db,
  now: number,
  officeId?: string,
): Promise<{ byOffice: Map<string, OfficeFigures>; fresh: number }> {
  const only = officeId === undefined ? sql`true` : sql`o.id = ${officeId}::uuid`;
  const kept = rowsOf(
    await db.execute(sql`
      select o.id::text as office_id, f.seq, f.valid_until, f.figures,
        greatest(coalesce((select max(p.server_seq) from ops p where p.office_id = o.id), 0),
          coalesce((select max(e.server_seq) from entities e where e.office_id = o.id), 0)) as seq_now
      from offices o left join office_figures f on f.office_id = o.id
      where ${only}`),
  );
  const byOffice = new Map<string, OfficeFigures>();
  const stale: { officeId: string; seq: number }[] = [];
  for (const k of kept) {
    const id = String(k.office_id);
    const seqNow = Number(k.seq_now);
    if (k.figures !== null && Number(k.seq) === seqNow && now <= Number(k.valid_until))
      byOffice.set(id, k.figures as OfficeFigures);
    else stale.push({ officeId: id, seq: seqNow });
  }
  for (let i = 0; i < stale.length; i += PARALLEL) {
    await Promise.all(
      stale.slice(i, i + PARALLEL).map(async (s) => {
        const { figures, validUntil } = await computeOfficeFigures(db, s.officeId, now);
        const at = new Date(now).toISOString();
        await db.execute(sql`
          insert into office_figures (office_id, seq, valid_until, figures, computed_at)
          values (${s.officeId}::uuid, ${s.seq}, ${validUntil}, ${JSON.stringify(figures)}::jsonb,
            ${at}::timestamptz)
          on conflict (office_id) do update set seq = excluded.seq,
            valid_until = excluded.valid_until, figures = excluded.figures,
            computed_at = excluded.computed_at`);
        byOffice.set(s.officeId, figures);
      }),
    );
  }
  return { byOffice, fresh: stale.length };
}

/** Every office's figures by a scan of all their rows, as the overview computed them on each
 * request before they were kept: the reference the kept figures must equal (tests) and the
 * "before" of bench:sync. */
export async function scannedOfficeFigures(
  db: Db,
  now: number,
): Promise<Map<string, OfficeFigures>> {
  const dossierRows = await db
    .select({ officeId: entities.officeId, ...dossierFigureColumns(now) })
    .from(entities)
    .where(isDossier)
    .groupBy(entities.officeId);
  const opCounts = await db
    .select({ officeId: ops.officeId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(ops)
    .groupBy(ops.officeId);
  const qmsBy = await qmsFigures(db, now);
  const dossiersBy = new Map(dossierRows.map(({ officeId, ...f }) => [officeId, f]));
  const opsBy = new Map(opCounts.map((r) => [r.officeId, r.n]));
  const ids = rowsOf(await db.execute(sql`select id::text as id from offices`));
  return new Map(
    ids.map((r) => {
      const id = String(r.id);
      const d = dossiersBy.get(id);
      return [
        id,
        {
          dossiers: d ? { ...NO_DOSSIERS, ...d } : NO_DOSSIERS,
          qms: qmsBy.get(id) ?? NO_QMS,
          opCount: opsBy.get(id) ?? 0,
        },
      ];
    }),
  );
}

// The province-wide quality-system table (GET /v1/admin/qms, issue #10: ≤ 1 s at 3,300
// offices on PostgreSQL): offices with a year of dossiers, ratings, complaints and quality
// records written straight into `entities` with generate_series, then the table computed cold
// (every office's figures computed and kept) and warm (kept figures, nothing pushed since),
// and the read after every office pushed: with the background refresh drained first (what the
// server does after each push, server/province/qms-refresh.ts) and without it (the on-read
// fallback computes every office).
import { sql } from 'drizzle-orm';
import { qmsOverview } from '../../server/province/qms-overview';
import { DEFAULT_REFRESH, qmsRefresher } from '../../server/province/qms-refresh';
import { officeStatuses } from '../../server/province/qms-status';
import { keptOfficeFigures, scannedOfficeFigures } from '../../server/province/office-figures';
import { startProvince } from './sync-server';

export interface QmsDashboardResult {
  readonly offices: number;
  readonly rows: number;
  readonly buildMs: number;
  readonly coldMs: number;
  readonly warmMs: number[];
  readonly oneStaleMs: number;
  /** Every office pushed, then the background refresh drained: its time, then the read. */
  readonly refreshDrainMs: number;
  readonly afterAllPushedMs: number;
  /** Every office pushed, no refresh: the read computes them all (the fallback). */
  readonly afterAllPushedNoRefreshMs: number;
  /** The overview of offices' figures: the former scan of every dossier, the kept rows. */
  readonly officesScanMs: number;
  readonly officesKeptColdMs: number;
  readonly officesKeptMs: number;
}

export async function qmsDashboard(offices: number, dossiers: number): Promise<QmsDashboardResult> {
  const province = await startProvince('qms');
  const db = province.database.db;
  try {
    const t0 = performance.now();
    const now = Date.now();
    const year = new Date(now).getUTCFullYear();
    await db.execute(sql`insert into offices (id, agency_code, name, created_at)
      select gen_random_uuid(), '000.' || lpad((g / 100)::text, 2, '0') || '.' || lpad((g % 100)::text, 2, '0') || '.Q' || lpad((g / 10000)::text, 2, '0'),
        'UBND xã Thử ' || g, now() from generate_series(0, ${offices - 1}) g`);
    const device = sql`'00000000-0000-0000-0000-000000000000'::uuid`;
    // Dossiers resolved this year, a rating on every other one, a complaint on every 20th.
    await db.execute(sql`insert into entities (office_id, entity, entity_id, row, deleted, server_seq, device_id, client_seq, updated_at)
      select o.id, 'dossier', o.id::text || '-' || g, jsonb_build_object('id', o.id::text || '-' || g,
        'outcome', (array['early','on_time','late'])[1 + g % 3], 'resolvedAt', ${now}::bigint - (g % 300) * 86400000::bigint,
        'status', 'returned'), false, g, ${device}, g, now()
      from offices o cross join generate_series(1, ${dossiers}) g`);
    await db.execute(sql`insert into entities (office_id, entity, entity_id, row, deleted, server_seq, device_id, client_seq, updated_at)
      select o.id, 'qms_record', 'r-' || o.id::text || '-' || g, jsonb_build_object('kind', 'rating', 'state', 'recorded',
        'sourceId', o.id::text || '-' || g, 'data', jsonb_build_object('satisfied', g % 7 <> 0,
        'returnedOn', ${`${year}-`}::text || lpad((1 + g % 11)::text, 2, '0') || '-15')), false, ${dossiers}::int + g, ${device}, g, now()
      from offices o cross join generate_series(1, ${dossiers}, 2) g`);
    await db.execute(sql`insert into entities (office_id, entity, entity_id, row, deleted, server_seq, device_id, client_seq, updated_at)
      select o.id, 'qms_record', 'q-' || o.id::text || '-' || g, jsonb_build_object('kind', (array['objective', 'nonconformity', 'risk', 'audit', 'review', 'announcement', 'document'])[1 + g % 7],
        'state', (array['met','open','identified','reported','held','approved','active'])[1 + g % 7], 'dueDate', ${`${year + 1}-01-01`}::text,
        'data', jsonb_build_object('year', ${year}::int, 'deadline', ${`${year + 1}-01-01`}::text, 'type', 'risk', 'likelihood', 1 + g % 5,
          'impact', 1 + (g / 7) % 5, 'date', ${`${year}-03-01`}::text, 'decisionNo', '1/QĐ-UBND', 'docType', 'procedure')),
        false, ${2 * dossiers}::int + g, ${device}, g, now()
      from offices o cross join generate_series(1, 140) g`);
    await db.execute(sql`analyze entities`);
    const count = await db.execute(sql`select count(*)::int as n from entities`);
    const rows = Number((count as { rows: { n: number }[] }).rows[0]?.n ?? 0);
    const buildMs = performance.now() - t0;
    let t = performance.now();
    await qmsOverview(db, now);
    const coldMs = performance.now() - t;
    const warmMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await qmsOverview(db, now);
      warmMs.push(performance.now() - t);
    }
    // One office pushed since: only it is computed again.
    await db.execute(sql`update entities set server_seq = server_seq + 10000000
      where office_id = (select id from offices order by agency_code limit 1) and entity = 'dossier' and entity_id like '%-1'`);
    t = performance.now();
    await qmsOverview(db, now);
    const oneStaleMs = performance.now() - t;
    // The overview of offices (GET /v1/admin/offices): its former scan, then the kept rows.
    t = performance.now();
    await scannedOfficeFigures(db, now);
    const officesScanMs = performance.now() - t;
    t = performance.now();
    await keptOfficeFigures(db, now);
    const officesKeptColdMs = performance.now() - t;
    t = performance.now();
    await keptOfficeFigures(db, now);
    const officesKeptMs = performance.now() - t;
    // Every office pushed: each one's latest row moves on, as a push would.
    const everyOfficePushes = () =>
      db.execute(sql`update entities set server_seq = server_seq + 10000000
        where entity = 'dossier' and entity_id like '%-1'`);
    await everyOfficePushes();
    const refresher = qmsRefresher((id) => officeStatuses(db, now, id), {
      ...DEFAULT_REFRESH,
      delayMs: 0,
    });
    const ids = await db.execute(sql`select id::text as id from offices`);
    t = performance.now();
    for (const r of (ids as { rows: { id: string }[] }).rows) refresher.schedule(r.id);
    await refresher.idle();
    const refreshDrainMs = performance.now() - t;
    await refresher.close();
    t = performance.now();
    const refreshed = await qmsOverview(db, now);
    const afterAllPushedMs = performance.now() - t;
    if (refreshed.recomputed !== 0) throw new Error(`${refreshed.recomputed} offices still stale`);
    await everyOfficePushes();
    t = performance.now();
    await qmsOverview(db, now);
    const afterAllPushedNoRefreshMs = performance.now() - t;
    return {
      offices,
      rows,
      buildMs,
      coldMs,
      warmMs,
      oneStaleMs,
      refreshDrainMs,
      afterAllPushedMs,
      afterAllPushedNoRefreshMs,
      officesScanMs,
      officesKeptColdMs,
      officesKeptMs,
    };
  } finally {
    await province.close();
  }
}

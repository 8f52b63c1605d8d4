// The audit trail leaves the PC (office-feed.ts) and the province checks it (server/sync/
// audit-chain.ts): the rows it holds continue one chain; a log rebuilt on the PC after a sync —
// every hash recomputed, so the PC's own check passes — is caught at the next sync and shown on
// the dashboard with the first broken row, while the province keeps its original copy.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { OfficeDetail } from '../../core/sync/admin';
import type { Sqlite } from '../../db/open';
import { chainHash } from '../../services/security/audit-chain';
import type { Harness } from '../server/support/harness';
import {
  deviceIdOf,
  outboxRows,
  provinceFixture,
  queueOfficeFeed,
  receive,
} from '../sync/support/env';

const province = provinceFixture();

async function detailOf(officeId: string): Promise<OfficeDetail> {
  const r = await province.h.admin.call('GET', `/v1/admin/offices/${officeId}`);
  expect(r.status).toBe(200);
  return r.body as unknown as OfficeDetail;
}

async function heldRows(h: Harness, officeId: string) {
  const r = await h.database.db.execute(
    sql`select seq::int as seq, hash, row_id from audit_chain where office_id = ${officeId}::uuid order by seq`,
  );
  return (r as { rows: { seq: number; hash: string; row_id: string }[] }).rows;
}

interface AuditRow {
  id: string;
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  operation: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

/** What someone holding the database key can do with the app closed: rewrite a row and
 * recompute every hash from there on, so the chain holds again on this PC. */
function rebuildChainFrom(db: Sqlite, seq: number, summary: string): void {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq')
    .all(seq) as AuditRow[];
  let prev = (db
    .prepare('SELECT hash FROM audit_log WHERE seq = ?')
    .pluck()
    .get(seq - 1) ?? '0'.repeat(64)) as string;
  const update = db.prepare(
    'UPDATE audit_log SET summary = ?, prev_hash = ?, hash = ? WHERE id = ?',
  );
  db.transaction(() => {
    for (const r of rows) {
      const s = r.seq === seq ? summary : r.summary;
      const hash = chainHash({
        id: r.id,
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        operation: r.operation,
        entity: r.entity,
        entityId: r.entity_id,
        summary: s,
        prevHash: prev,
      });
      update.run(s, prev, hash, r.id);
      prev = hash;
    }
  })();
}

describe('audit trail at the province', () => {
  it('holds the chain, then catches a log rebuilt on the PC after a sync', async () => {
    const o = await province.office();
    await receive(o.app, 2);
    expect((await o.engine.run()).ok).toBe(true);
    const db = o.app.backend.database();
    const local = db.prepare('SELECT seq, hash, id FROM audit_log ORDER BY seq').all() as {
      seq: number;
      hash: string;
      id: string;
    }[];
    // Every row the PC wrote is at the province, in the same place with the same hash.
    expect(await heldRows(province.h, o.officeId)).toEqual(
      local.map((r) => ({ seq: r.seq, hash: r.hash, row_id: r.id })),
    );
    let detail = await detailOf(o.officeId);
    expect(detail.office.auditChain).toMatchObject({
      lastSeq: local.length,
      breaks: 0,
      firstBreak: null,
    });
    expect(detail.auditBreaks).toEqual([]);

    // A more-than-routine edit: the enrolment row is reworded, every later hash rebuilt.
    const enrolled = db
      .prepare("SELECT seq, summary FROM audit_log WHERE operation = 'sync.enroll'")
      .get() as { seq: number; summary: string };
    rebuildChainFrom(db, enrolled.seq, 'Không có gì');
    expect((await o.app.ok('admin')('audit.verify', { fresh: true })).ok).toBe(true);

    // Work goes on; the next sync sends the rows after the last one the province holds.
    await receive(o.app, 1);
    expect((await o.engine.run()).ok).toBe(true);
    detail = await detailOf(o.officeId);
    const first = local.length + 1;
    expect(detail.office.auditChain.breaks).toBe(1);
    expect(detail.office.auditChain.firstBreak).toMatchObject({
      kind: 'unlinked',
      seq: first,
      deviceId: deviceIdOf(o.app),
    });
    expect(detail.office.auditChain.firstBreak?.message).toContain(
      `Dòng số ${first} không nối tiếp dòng số ${first - 1} tỉnh đang giữ`,
    );
    expect(detail.auditBreaks).toHaveLength(1);
    // The chain goes on from there: one break, not one per sync.
    await receive(o.app, 1);
    expect((await o.engine.run()).ok).toBe(true);
    expect((await detailOf(o.officeId)).office.auditChain.breaks).toBe(1);

    // The reworded row sent again (its queue position reset): refused as a rewrite, and the
    // province keeps the row as it first received it.
    db.prepare("UPDATE counters SET last = ? WHERE scope = 'audit_outbox'").run(enrolled.seq - 1);
    queueOfficeFeed(o.app);
    expect(outboxRows(o.app).some((r) => r.entity === 'audit_row')).toBe(true);
    expect((await o.engine.run()).ok).toBe(true);
    detail = await detailOf(o.officeId);
    expect(detail.auditBreaks[0]).toMatchObject({
      kind: 'rewritten',
      seq: enrolled.seq,
      summary: 'Không có gì',
    });
    expect(detail.auditBreaks[0]?.message).toContain('đã bị viết lại');
    // The earliest break stays the one named first.
    expect(detail.office.auditChain.firstBreak?.seq).toBe(first);
    const kept = await province.h.database.db.execute(
      sql`select row ->> 'summary' as summary from entities where office_id = ${o.officeId}::uuid
        and entity = 'audit_row' and (row ->> 'seq')::int = ${enrolled.seq}`,
    );
    expect((kept as { rows: { summary: string }[] }).rows).toEqual([{ summary: enrolled.summary }]);
    // On the list too.
    const list = await province.h.admin.call('GET', '/v1/admin/offices');
    const mine = (list.body.offices as OfficeDetail['office'][]).find((x) => x.id === o.officeId);
    expect(mine?.auditChain.breaks).toBe(detail.office.auditChain.breaks);
  });

  it('holds rows sent twice once, without a break (a queue sent again)', async () => {
    const o = await province.office();
    await receive(o.app, 1);
    const rows = outboxRows(o.app).filter((r) => r.entity === 'audit_row');
    expect(rows.length).toBeGreaterThan(0);
    // The same rows queued again under new op ids (a PC restored from an older backup).
    const db = o.app.backend.database();
    expect((await o.engine.run()).ok).toBe(true);
    db.prepare("UPDATE counters SET last = 0 WHERE scope = 'audit_outbox'").run();
    queueOfficeFeed(o.app);
    expect((await o.engine.run()).ok).toBe(true);
    const detail = await detailOf(o.officeId);
    expect(detail.auditBreaks).toEqual([]);
    expect(detail.office.auditChain.lastSeq).toBe(
      db.prepare("SELECT last FROM counters WHERE scope = 'audit_log'").pluck().get(),
    );
  });
});

// The audit trail as a hash chain: each way of tampering with the log while the app is closed
// (edit, delete, insert, reorder, cut the tail, rebuild a row's hash) is found by the check,
// which names the first row that does not hold. Each fails on a log without the chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../db/open';
import { startSetUpApp, startTestApp, OFFICE, type TestApp } from '../support/backend';
import { chainHash } from '../../services/security/audit-chain';

let app: TestApp;
let db: Sqlite;
let pristine: Record<string, unknown>[];
let counter: number;

async function verify() {
  return app.ok('admin')('audit.verify', { fresh: true });
}

beforeAll(async () => {
  app = await startSetUpApp();
  for (let i = 1; i <= 6; i++)
    await app.ok('admin')('office.update', {
      ...OFFICE,
      address: `Số ${i} đường Làng`,
      sessionTimeoutMinutes: 15,
      backupKeep: 14,
    });
  db = app.backend.database();
  pristine = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
  counter = (db.prepare("SELECT last FROM counters WHERE scope = 'audit_log'").pluck().get() ??
    0) as number;
});
afterAll(() => app?.close());

/** Puts the log back as it was before each attack. */
function reset(): void {
  db.transaction(() => {
    db.prepare('DELETE FROM audit_log').run();
    const insert = db.prepare(
      `INSERT INTO audit_log (id, at, actor_id, actor_name, operation, entity, entity_id, summary, seq, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @actor_name, @operation, @entity, @entity_id, @summary, @seq, @prev_hash, @hash)`,
    );
    for (const r of pristine) insert.run(r);
    db.prepare("UPDATE counters SET last = ? WHERE scope = 'audit_log'").run(counter);
  })();
}

describe('audit trail hash chain', () => {
  it('holds for the log the app wrote: every row chained, in order', async () => {
    expect(pristine.length).toBeGreaterThanOrEqual(7);
    expect(pristine.map((r) => r.seq)).toEqual(pristine.map((_, i) => i + 1));
    expect(counter).toBe(pristine.length);
    const r = await verify();
    expect(r).toMatchObject({ ok: true, checked: pristine.length, broken: null });
    expect(r.message).toContain('Nhật ký toàn vẹn');
  });

  it('finds an edited row and names it', async () => {
    db.prepare("UPDATE audit_log SET summary = 'Không có gì' WHERE seq = 4").run();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({ seq: 4, summary: 'Không có gì' });
    expect(r.message).toContain('Nội dung dòng số 4 đã bị sửa');
    reset();
  });

  it('finds an edited row whose own hash was recomputed: the next row no longer links', async () => {
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, never>;
    const summary = 'Sửa lại cho đẹp';
    const hash = chainHash({
      id: row.id,
      seq: 3,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      operation: row.operation,
      entity: row.entity,
      entityId: row.entity_id,
      summary,
      prevHash: row.prev_hash,
    });
    db.prepare('UPDATE audit_log SET summary = ?, hash = ? WHERE seq = 3').run(summary, hash);
    const r = await verify();
    expect(r.broken).toMatchObject({ seq: 4 });
    expect(r.message).toContain('Dòng số 4 không nối tiếp dòng trước nó');
    reset();
  });

  it('finds a deleted row', async () => {
    db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    const r = await verify();
    expect(r.broken).toMatchObject({ seq: 6 });
    expect(r.message).toContain('Thiếu dòng trước dòng số 6');
    expect(r.checked).toBe(4);
    reset();
  });

  it('finds a row inserted outside the app, with or without a place in the chain', async () => {
    db.prepare(
      `INSERT INTO audit_log (id, at, operation, entity, summary) VALUES ('x1', 1, 'users.create', 'user', 'Thêm người dùng giả')`,
    ).run();
    let r = await verify();
    expect(r.ok).toBe(false);
    expect(r.broken?.summary).toBe('Thêm người dùng giả');
    expect(r.message).toContain('Có dòng không thuộc chuỗi nhật ký');
    reset();
    // Slipped in between rows 2 and 3 by renumbering the rest.
    db.prepare('UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3').run();
    db.prepare('UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1003').run();
    db.prepare(
      `INSERT INTO audit_log (id, at, operation, entity, summary, seq, prev_hash, hash)
       SELECT 'x2', at, 'users.create', 'user', 'Thêm người dùng giả', 3, hash, hash FROM audit_log WHERE seq = 2`,
    ).run();
    r = await verify();
    expect(r.broken).toMatchObject({ seq: 3, summary: 'Thêm người dùng giả' });
    reset();
  });

  it('finds two rows swapped', async () => {
    db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = 5').run();
    db.prepare('UPDATE audit_log SET seq = 5 WHERE seq = 6').run();
    db.prepare('UPDATE audit_log SET seq = 6 WHERE seq = -1').run();
    const r = await verify();
    expect(r.broken?.seq).toBe(5);
    expect(r.message).toContain('Dòng số 5 không nối tiếp');
    reset();
  });

  it('finds the tail cut off', async () => {
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(pristine.length - 2);
    const r = await verify();
    expect(r.broken).toMatchObject({ seq: pristine.length - 1, summary: null });
    expect(r.message).toContain(`Các dòng cuối của nhật ký, từ dòng số ${pristine.length - 1}`);
    reset();
    expect((await verify()).ok).toBe(true);
  });

  it('keeps chaining after the check, and the start-up check is kept for the screen', async () => {
    await app.ok('admin')('office.update', {
      ...OFFICE,
      sessionTimeoutMinutes: 20,
      backupKeep: 14,
    });
    const r = await verify();
    expect(r).toMatchObject({ ok: true, checked: pristine.length + 1 });
    const startup = await app.ok('admin')('audit.verify', { fresh: false });
    expect(startup.ok).toBe(true);
  });

  it('chains, once, the log of an office from before the chain (the upgrade)', async () => {
    const old = await startSetUpApp();
    const sqlite = old.backend.database();
    const rows = sqlite.prepare('SELECT id FROM audit_log ORDER BY seq').pluck().all();
    sqlite.prepare('UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL').run();
    sqlite.prepare("DELETE FROM counters WHERE scope = 'audit_log'").run();
    old.close();
    const upgraded = await startTestApp({ dataDir: old.dataDir });
    try {
      const again = upgraded.backend.database();
      expect(again.prepare('SELECT id FROM audit_log ORDER BY seq').pluck().all()).toEqual(rows);
      await upgraded.ok('admin2')('auth.login', { username: 'quantri', password: 'matkhau-123' });
      expect((await upgraded.ok('admin2')('audit.verify', { fresh: true })).ok).toBe(true);
      // Once chained, an unchained row is a forgery, not history: it is not sealed again.
      again
        .prepare(
          `INSERT INTO audit_log (id, at, operation, entity, summary) VALUES ('x3', 2, 'x', 'x', 'Giả')`,
        )
        .run();
      upgraded.close();
      const third = await startTestApp({ dataDir: old.dataDir });
      await third.ok('a')('auth.login', { username: 'quantri', password: 'matkhau-123' });
      expect((await third.ok('a')('audit.verify', { fresh: true })).ok).toBe(false);
      third.close();
    } finally {
      if (upgraded.backend.database().open) upgraded.close();
    }
  });
});

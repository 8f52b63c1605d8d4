// The office sync client against the real provincial server on 127.0.0.1 (PGlite): enrolment,
// push with exactly-once effect, rejections, clocks, pull of catalog and calendar, restore on a
// new PC, the USB sync file, and the update-required stop.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSyncFile } from '../../core/sync/sync-file';
import { syncEngineFor } from '../../services/sync/engine';
import { MESSAGES, SyncFailure } from '../../services/sync/http';
import { startDemoDesk } from '../support/desk';
import { tempDir } from '../support/backend';
import {
  deviceIdOf,
  enrollDesk,
  outboxRows,
  pendingDossierOps,
  pendingOpIds,
  receive,
  serverOps,
  provinceFixture,
} from '../sync/support/env';

const province = provinceFixture();

const office = () => province.office();

describe('enrolment', () => {
  it('enrols with a one-time code, and explains bad URLs and codes in Vietnamese', async () => {
    const app = await startDemoDesk();
    province.track(app);
    const call = app.as('admin');
    const { officeId, code } = await province.h.admin.createOffice(
      '000.00.98.H56',
      'UBND xã Đăng Ký',
    );

    const http = await call('sync.enroll', { serverUrl: 'http://tinh.example.vn', code });
    expect(http).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!http.ok) expect(http.error.message).toContain('https://');

    const down = await call('sync.enroll', { serverUrl: 'http://127.0.0.1:9', code });
    expect(down.ok).toBe(false);
    if (!down.ok) expect(down.error.message).toContain('Không kết nối được máy chủ tỉnh');

    const bad = await call('sync.enroll', { serverUrl: province.h.url, code: 'AAAA-BBBB-CCCC' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('Mã đăng ký không đúng hoặc đã được sử dụng.');

    const denied = await app.as('tuphap')('sync.enroll', { serverUrl: province.h.url, code });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const { engine } = await enrollDesk(province.h.url, code, undefined, app);
    const status = await app.ok('tuphap')('sync.status', {});
    expect(status).toMatchObject({
      enrolled: true,
      serverUrl: province.h.url,
      officeName: 'UBND xã Đăng Ký',
      officeAgencyCode: '000.00.98.H56',
      pending: 0,
      lastError: null,
    });
    expect(status.lastSyncAt).not.toBeNull();
    expect(engine.auth.lastClientSeq).toBe(0);

    const used = await call('sync.enroll', { serverUrl: province.h.url, code });
    expect(used.ok).toBe(false);
    if (!used.ok) expect(used.error.message).toBe('Mã đăng ký không đúng hoặc đã được sử dụng.');
    const audit = await app.ok('admin')('audit.list', {});
    expect(audit.rows.some((r) => r.operation === 'sync.enroll')).toBe(true);
    expect(officeId).toBeTruthy();
  });
});

describe('push', () => {
  it('sends received dossiers; the province has them, the outbox is empty', async () => {
    const o = await office();
    await receive(o.app, 3);
    const made = pendingOpIds(o.app);
    expect(pendingDossierOps(o.app)).toHaveLength(12);
    // With the office's audit rows, officials and settings (office-feed.ts).
    const entities = new Set(outboxRows(o.app).map((r) => r.entity));
    expect([...entities].sort()).toEqual(
      ['audit_row', 'dossier', 'dossier_event', 'dossier_step', 'office_settings', 'user'].sort(),
    );
    const result = await o.engine.run();
    expect(result).toMatchObject({ ok: true, pushed: made.length });
    expect(outboxRows(o.app)).toEqual([]);
    expect((await serverOps(province.h, deviceIdOf(o.app))).sort()).toEqual([...made].sort());
    const offices = await province.h.admin.call('GET', '/v1/admin/offices');
    const summary = (
      offices.body.offices as { id: string; dossiers: { total: number }; rejectedCount: number }[]
    ).find((x) => x.id === o.officeId);
    expect(summary?.dossiers.total).toBe(3);
    const status = await o.app.ok('motcua')('sync.status', {});
    expect(status).toMatchObject({ pending: 0, rejectedCount: 0, running: false, stalled: false });
  });

  it('a lost acknowledgement is answered "duplicate" next time: nothing doubled', async () => {
    const o = await office();
    await receive(o.app, 2);
    const made = pendingOpIds(o.app);
    let crash = true;
    o.engine.tuning.beforeSettle = () => {
      if (!crash) return;
      crash = false;
      throw new SyncFailure('network', MESSAGES.network('lost-ack'));
    };
    const first = await o.engine.run();
    expect(first.ok).toBe(false);
    expect(pendingOpIds(o.app)).toEqual(made);
    expect(await serverOps(province.h, deviceIdOf(o.app))).toHaveLength(made.length);
    expect((await o.app.ok('admin')('sync.status', {})).lastError).toContain('lost-ack');
    const second = await o.engine.run();
    expect(second.ok).toBe(true);
    expect(outboxRows(o.app)).toEqual([]);
    const held = await serverOps(province.h, deviceIdOf(o.app));
    expect(held.sort()).toEqual([...made].sort());
    expect((await o.app.ok('admin')('sync.status', {})).lastError).toBeNull();
  });

  it('a rejected op is shown with its reason and never sent again', async () => {
    const o = await office();
    await receive(o.app, 1);
    const db = o.app.backend.database();
    const first = outboxRows(o.app)[0];
    const row = JSON.parse(first.row) as Record<string, unknown>;
    delete row.code;
    db.prepare('UPDATE outbox SET row = ? WHERE client_seq = ?').run(
      JSON.stringify(row),
      first.client_seq,
    );
    expect((await o.engine.run()).ok).toBe(true);
    const status = await o.app.ok('motcua')('sync.status', {});
    expect(status.pending).toBe(0);
    expect(status.rejectedCount).toBe(1);
    expect(status.rejected[0]).toMatchObject({ entity: 'dossier', entityLabel: 'Hồ sơ' });
    expect(status.rejected[0]?.reason).toContain('code');
    const held = (await serverOps(province.h, deviceIdOf(o.app))).length;
    await receive(o.app, 1);
    const next = pendingOpIds(o.app).length;
    expect(pendingDossierOps(o.app)).toHaveLength(4);
    expect((await o.engine.run()).ok).toBe(true);
    expect((await serverOps(province.h, deviceIdOf(o.app))).length).toBe(held + next);
    expect(outboxRows(o.app).map((r) => r.status)).toEqual(['rejected']);
  });

  it('the PC clock a day ahead or behind changes nothing', async () => {
    const o = await office();
    const made: string[] = [];
    for (const shift of [24 * 3600_000, -48 * 3600_000, 24 * 3600_000]) {
      o.app.clock.now += shift;
      await o.app.relogin();
      await receive(o.app, 1);
      const pending = pendingOpIds(o.app);
      made.push(...pending);
      expect(pendingDossierOps(o.app)).toHaveLength(4);
      o.engine.auth.clear();
      expect(await o.engine.run()).toMatchObject({ ok: true, pushed: pending.length });
    }
    expect((await serverOps(province.h, deviceIdOf(o.app))).sort()).toEqual([...made].sort());
  });

  it('426 from the server stops pushing and asks for an update', async () => {
    const o = await office();
    await receive(o.app, 1);
    o.engine.tuning.fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify({ code: 'UPGRADE_REQUIRED', message: 'cũ' }), { status: 426 }),
      );
    expect((await o.engine.run()).ok).toBe(false);
    const status = await o.app.ok('motcua')('sync.status', {});
    expect(status.needsUpdate).toBe(true);
    expect(status.lastError).toContain('Cần cập nhật phần mềm');
    expect(status.pending).toBe(pendingOpIds(o.app).length);
    expect(pendingDossierOps(o.app)).toHaveLength(4);
    delete o.engine.tuning.fetch;
    expect((await o.engine.run()).ok).toBe(true);
    expect((await o.app.ok('motcua')('sync.status', {})).needsUpdate).toBe(false);
  });

  it('flags a queue that has not moved for many attempts', async () => {
    const o = await office();
    await receive(o.app, 1);
    o.engine.tuning.fetch = () => Promise.reject(new TypeError('fetch failed'));
    for (let i = 0; i < 8; i++) expect((await o.engine.run()).ok).toBe(false);
    const status = await o.app.ok('motcua')('sync.status', {});
    expect(status.stalled).toBe(true);
    expect(status.lastError).toContain('Không kết nối được máy chủ tỉnh');
    delete o.engine.tuning.fetch;
    expect((await o.engine.run()).ok).toBe(true);
    expect((await o.app.ok('motcua')('sync.status', {})).stalled).toBe(false);
  });

  it('sync.now returns at once and status shows the run', async () => {
    const o = await office();
    await receive(o.app, 2);
    expect(await o.app.ok('motcua')('sync.now', {})).toEqual({ started: true });
    expect((await o.app.ok('motcua')('sync.status', {})).running).toBe(true);
    await o.engine.idle();
    expect((await o.app.ok('motcua')('sync.status', {})).pending).toBe(0);
    expect(await o.app.as('tuphap')('sync.now', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('pull', () => {
  it('applies the published catalog and calendar; a bad entry is kept with its error', async () => {
    const o = await office();
    const catalog = JSON.parse(
      fs.readFileSync(path.resolve('resources/catalog/procedures.json'), 'utf8'),
    ) as { procedures: Record<string, unknown>[] };
    const procedure: Record<string, unknown> = {
      ...catalog.procedures[0],
      code: '1.999001',
      isoCode: 'QT-TH-99',
      name: 'Thủ tục do tỉnh công bố',
    };
    const calendar = {
      year: 2031,
      daysOff: [{ date: '2031-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' }],
      workingDays: [],
      replaceDefaults: false,
    };
    const published = await province.h.admin.call('POST', '/v1/admin/feed', {
      body: {
        entries: [
          { kind: 'catalog', key: '1.999001', version: 1, body: procedure },
          { kind: 'calendar', key: '2031-bad', version: 1, body: { year: 'năm' } },
          { kind: 'calendar', key: '2031', version: 1, body: calendar },
          {
            kind: 'notice',
            key: 'tb-1',
            version: 1,
            body: { title: 'Thông báo', body: 'Nội dung' },
          },
        ],
      },
    });
    expect(published.status).toBe(201);
    expect((await o.engine.run()).ok).toBe(true);
    const list = await o.app.ok('motcua')('catalog.list', {});
    expect(list.find((p) => p.code === '1.999001')?.name).toBe('Thủ tục do tỉnh công bố');
    const year = await o.app.ok('admin')('calendar.get', { year: 2031 });
    expect(year.source).toBe('province');
    expect(year.daysOff.map((d) => d.date)).toContain('2031-04-30');
    const status = await o.app.ok('admin')('sync.status', {});
    expect(status.feedProblems).toBe(1);
    const feed = o.app.backend
      .database()
      .prepare('SELECT kind, key, error FROM sync_feed ORDER BY server_seq')
      .all() as { kind: string; key: string; error: string | null }[];
    expect(feed.map((f) => f.key)).toEqual(expect.arrayContaining(['1.999001', '2031', 'tb-1']));
    expect(feed.find((f) => f.key === '2031-bad')?.error).toContain('Lịch làm việc không hợp lệ');
    // The cursor moved past everything: a second sync receives nothing new.
    expect(await o.engine.run()).toMatchObject({ ok: true, pulled: 0 });
  });
});

describe('restore and USB file', () => {
  it('a second PC enrolled for the same office gets the dossiers back', async () => {
    const o = await office();
    const ids = await receive(o.app, 3);
    await o.app.ok('tuphap')('dossiers.forward', {
      id: ids[0],
      expectedStep: 2,
      toUserId: o.app.users['chutich'],
      note: '',
    });
    expect((await o.engine.run()).ok).toBe(true);
    const before = await o.app.ok('motcua')('dossiers.list', { pageSize: 100 });

    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    expect((await fresh.ok('admin')('sync.status', {})).canRestore).toBe(true);
    expect(await fresh.as('tuphap')('sync.restore', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const counts = await fresh.ok('admin')('sync.restore', {});
    expect(counts.dossiers).toBe(3);
    expect(counts.steps).toBeGreaterThanOrEqual(6);
    const after = await fresh.ok('motcua')('dossiers.list', { pageSize: 100 });
    expect(after.rows.map((r) => r.code).sort()).toEqual(before.rows.map((r) => r.code).sort());
    // Nothing queued for push by the restore itself, and a second restore is refused.
    expect(outboxRows(fresh)).toEqual([]);
    expect((await fresh.ok('admin')('sync.status', {})).canRestore).toBe(false);
    expect(await fresh.as('admin')('sync.restore', {})).toMatchObject({ ok: false });
    // The restored office keeps working: a new dossier gets a fresh book line and syncs.
    await receive(fresh, 1);
    expect((await syncEngineOf(fresh).run()).ok).toBe(true);
  });

  it('exports pending ops as a signed file the province applies as a push', async () => {
    const o = await office();
    await receive(o.app, 2);
    const made = pendingOpIds(o.app);
    const target = path.join(tempDir('isoxa-usb-'), 'dong-bo.isoxa-sync');
    const exported = await o.app.ok('admin')('sync.exportFile', { path: target });
    const n = made.length;
    expect(pendingDossierOps(o.app)).toHaveLength(8);
    expect(exported).toEqual({
      path: target,
      paths: [target],
      ops: n,
      attachments: 0,
      missingAttachments: 0,
      notice: `Đã xuất ${n} thay đổi ra ${target}.`,
    });
    // Sealed to the province (version 3), scans or not: only a province server that handed out
    // its sealing key (so one that reads version 3) is ever written to.
    expect(decodeSyncFile(fs.readFileSync(target))?.header.version).toBe(3);
    const upload = await province.h.admin.call('POST', '/v1/admin/sync-files', {
      raw: fs.readFileSync(target),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({ applied: n, duplicate: 0, rejected: 0 });
    expect(pendingOpIds(o.app)).toEqual(made);
    expect((await o.engine.run()).ok).toBe(true);
    expect(outboxRows(o.app)).toEqual([]);
    // Each op once; the push added only the audit row of the export itself.
    const held = await serverOps(province.h, deviceIdOf(o.app));
    expect(new Set(held).size).toBe(held.length);
    expect(held).toEqual(expect.arrayContaining(made));
    expect(held).toHaveLength(made.length + 1);
  });
});

function syncEngineOf(app: { dataDir: string }) {
  return syncEngineFor(app.dataDir);
}

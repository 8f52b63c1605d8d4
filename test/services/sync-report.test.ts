// What the office tells the province besides its ops, and what the province offers back: the
// outbox counts on each push and pull (and in a USB file) shown per office on the dashboard,
// the server key a PC learns on its next sync, and the app-update manifest from a file in the
// server's updates directory down to the PC's data folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OfficeSummary } from '../../core/sync/admin';
import { pglite } from '../server/support/backends';
import { send } from '../server/support/client';
import { startServer } from '../server/support/harness';
import { tempDir } from '../support/backend';
import { outboxRows, receive, provinceFixture } from '../sync/support/env';
import { exportFile, uploadFile } from '../sync/support/files';

const updatesDir = tempDir('isoxa-updates-');
const installer = Buffer.alloc(300_000, 'ISO Xã 9.9.9 ');
const province = provinceFixture(async () => {
  fs.writeFileSync(path.join(updatesDir, 'ISO-Xa-Setup-9.9.9.exe'), installer);
  return startServer(pglite, {}, undefined, { updatesDir });
});

const office = () => province.office();

async function summary(officeId: string): Promise<OfficeSummary> {
  const reply = await province.h.admin.call('GET', `/v1/admin/offices/${officeId}`);
  return (reply.body as { office: OfficeSummary }).office;
}

describe('outbox counts on the dashboard', () => {
  it('each push and pull reports the queue; the drill-down shows it per office and PC', async () => {
    const o = await office();
    expect((await summary(o.officeId)).outbox).toMatchObject({ pending: 0, rejected: 0 });
    await receive(o.app, 2);
    const db = o.app.backend.database();
    const first = outboxRows(o.app)[0];
    const row = JSON.parse(first?.row ?? '{}') as Record<string, unknown>;
    delete row.code;
    db.prepare('UPDATE outbox SET row = ? WHERE client_seq = ?').run(
      JSON.stringify(row),
      first?.client_seq,
    );
    // The network is down: the USB file carries its counts, answered by the province.
    const before = Date.now();
    const uploaded = await uploadFile(province.h, await exportFile(o.app));
    expect(uploaded.rejected).toBe(1);
    const afterFile = await summary(o.officeId);
    expect(afterFile.outbox).toMatchObject({ pending: 0, rejected: 1 });
    expect(afterFile.outbox.reportedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(afterFile.devices[0]).toMatchObject({ pendingOps: 0, rejectedOps: 1 });

    // Two more changes wait on the PC; the next sync reports them, then its pull reports 0.
    await receive(o.app, 1);
    let pushedWith: string | null = null;
    o.engine.tuning.fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (new Request(input).url.endsWith('/v1/push')) pushedWith = headers.get('x-isoxa-outbox');
      return fetch(input, init);
    };
    expect((await o.engine.run()).ok).toBe(true);
    delete o.engine.tuning.fetch;
    // 4 new ops and the file's 8, still queued: no reply file was imported.
    expect(pushedWith).toBe('pending=12;rejected=0');
    expect((await summary(o.officeId)).outbox).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('a malformed report is refused with 400 and stores nothing', async () => {
    const { officeId, device } = await province.h.office('000.00.77.H56');
    const reply = await send(province.h.url, 'GET', '/v1/pull?cursor=0', {
      headers: { ...device.authHeaders(), 'x-isoxa-outbox': 'pending=-1;rejected=x' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'INVALID_REQUEST', details: ['x-isoxa-outbox'] });
    expect((await summary(officeId)).outbox).toEqual({
      pending: null,
      rejected: null,
      reportedAt: null,
    });
    const ok = await send(province.h.url, 'GET', '/v1/pull?cursor=0', {
      headers: { ...device.authHeaders(), 'x-isoxa-outbox': 'pending=3;rejected=2' },
    });
    expect(ok.status).toBe(200);
    expect((await summary(officeId)).outbox).toMatchObject({ pending: 3, rejected: 2 });
  });

  it('a PC enrolled before reply files learns the server key on its next sync', async () => {
    const o = await office();
    const db = o.app.backend.database();
    const key = () =>
      (
        db.prepare("SELECT value FROM app_meta WHERE key = 'sync.serverPublicKey'").get() as
          { value: string } | undefined
      )?.value;
    const learned = key();
    expect(learned).toMatch(/^[A-Za-z0-9_-]{43}$/);
    db.prepare("DELETE FROM app_meta WHERE key = 'sync.serverPublicKey'").run();
    o.engine.auth.clear();
    expect((await o.engine.run()).ok).toBe(true);
    expect(key()).toBe(learned);
  });
});

describe('app updates', () => {
  it('refuses a manifest for a missing file, or one published through the raw feed', async () => {
    const missing = await province.h.admin.call('POST', '/v1/admin/updates', {
      body: { file: 'ISO-Xa-Setup-9.9.8.exe', version: '9.9.8', notes: 'Sửa lỗi' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('ISO-Xa-Setup-9.9.8.exe');
    const traversal = await province.h.admin.call('POST', '/v1/admin/updates', {
      body: { file: '../package.json', version: '9.9.8', notes: 'x' },
    });
    expect(traversal.status).toBe(400);
    const raw = await province.h.admin.call('POST', '/v1/admin/feed', {
      body: { kind: 'app_update', key: 'desktop', version: 1, body: { version: '9.9.9' } },
    });
    expect(raw.status).toBe(400);
    const listed = await province.h.admin.call('GET', '/v1/admin/updates');
    expect(listed.body).toMatchObject({
      configured: true,
      files: [{ name: 'ISO-Xa-Setup-9.9.9.exe', size: installer.length }],
      latest: null,
    });
  });

  it('publish, pull: the PC shows the new version and fetches the installer, verified', async () => {
    const o = await office();
    expect((await o.app.ok('motcua')('sync.status', {})).update).toBeNull();
    const published = await province.h.admin.call('POST', '/v1/admin/updates', {
      body: { file: 'ISO-Xa-Setup-9.9.9.exe', version: '9.9.9', notes: 'Thêm tệp phản hồi USB.' },
    });
    expect(published.status).toBe(201);
    const sha256 = createHash('sha256').update(installer).digest('hex');
    expect(published.body).toMatchObject({
      feedVersion: 1,
      manifest: { version: '9.9.9', size: installer.length, sha256 },
    });
    expect((await o.engine.run()).ok).toBe(true);
    const status = await o.app.ok('motcua')('sync.status', {});
    expect(status.update).toMatchObject({
      version: '9.9.9',
      notes: 'Thêm tệp phản hồi USB.',
      path: '/v1/updates/ISO-Xa-Setup-9.9.9.exe',
      downloaded: false,
    });
    expect(await o.app.as('motcua')('sync.downloadUpdate', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const done = await o.app.ok('admin')('sync.downloadUpdate', {});
    expect(done.path).toBe(path.join(o.app.dataDir, 'updates', 'ISO-Xa-Setup-9.9.9.exe'));
    expect(fs.readFileSync(done.path).equals(installer)).toBe(true);
    expect((await o.app.ok('motcua')('sync.status', {})).update?.downloaded).toBe(true);
    // Only enrolled devices get installers.
    const anonymous = await send(province.h.url, 'GET', '/v1/updates/ISO-Xa-Setup-9.9.9.exe', {
      headers: { 'x-isoxa-app-version': '1.0.0', 'x-isoxa-schema-version': '2' },
    });
    expect(anonymous.status).toBe(401);
  });
});

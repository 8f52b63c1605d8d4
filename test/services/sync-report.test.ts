// What the office tells the province besides its ops, and what the province offers back: the
// outbox counts on each push and pull (and in a USB file) shown per office on the dashboard,
// and the server key a PC learns on its next sync. App updates: test/services/app-updates.test.ts.
import { describe, expect, it } from 'vitest';
import type { OfficeSummary } from '../../core/sync/admin';
import { send } from '../server/support/client';
import { DOSSIERS_ONLY, outboxRows, receive, provinceFixture } from '../sync/support/env';
import { exportFile, uploadFile } from '../sync/support/files';

const province = provinceFixture();

const office = () => province.office(DOSSIERS_ONLY);

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

// The real server on 127.0.0.1 with the real client: enrollment, auth, push, duplicate push,
// pull by cursor, restore — on PGlite, and on PostgreSQL when a URL is configured.
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpResult } from '../../core/sync/protocol';
import { HEADERS, MIN_CLIENT_SCHEMA, SCHEMA_VERSION } from '../../core/sync/protocol';
import { BACKENDS } from './support/backends';
import { dossierRow, send, TestDevice } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';
import { syncFileCases } from './support/sync-file-cases';

const results = (body: Record<string, unknown>) => body.results as OpResult[];

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`sync server on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startServer(backend);
    }, 30_000);
    afterAll(async () => h?.close());
    syncFileCases(() => h);

    it('enrolls, pushes once, treats a resent batch as duplicates, pulls and restores', async () => {
      const { officeId, device } = await h.office('000.00.01.H56');
      expect(device.officeId).toBe(officeId);
      const dossierId = uuidv7();
      const ops = [
        device.op('dossier', dossierRow(dossierId)),
        device.op('dossier_step', {
          id: uuidv7(),
          dossierId,
          stepNo: 1,
          dueAt: 1_763_650_000_000,
          finishedAt: null,
          updatedAt: 1_763_600_000_000,
        }),
        device.op('dossier_event', {
          id: uuidv7(),
          dossierId,
          kind: 'received',
          at: 1_763_600_000_000,
          updatedAt: 1_763_600_000_000,
          data: { note: 'Tiếp nhận tại quầy' },
        }),
      ];
      const first = await device.push(ops);
      expect(first.status).toBe(200);
      const applied = results(first.body);
      expect(applied.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const seqs = applied.map((r) => r.serverSeq as number);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

      // The same batch again (a lost acknowledgement), gzip this time: nothing doubles.
      const before = await h.fingerprint();
      const again = await device.push(ops, true);
      expect(again.status).toBe(200);
      expect(results(again.body)).toEqual(
        applied.map((r) => ({ opId: r.opId, status: 'duplicate', serverSeq: r.serverSeq })),
      );
      expect(await h.fingerprint()).toBe(before);

      // The province publishes three entries; the office reads them two at a time.
      const published = await h.admin.call('POST', '/v1/admin/feed', {
        body: {
          entries: [
            { kind: 'catalog', key: '1.001193', version: 1, body: { name: 'Đăng ký khai sinh' } },
            { kind: 'calendar', key: '2026', version: 1, body: { holidays: ['2026-01-01'] } },
            { kind: 'notice', key: 'n-1', version: 1, body: { title: 'Thông báo' } },
          ],
        },
      });
      expect(published.status).toBe(201);
      const page1 = await device.pull(0, 2);
      expect(page1.status).toBe(200);
      const entries1 = page1.body.entries as { key: string; serverSeq: number }[];
      expect(entries1.map((e) => e.key)).toEqual(['1.001193', '2026']);
      expect(page1.body.more).toBe(true);
      const page2 = await device.pull(page1.body.nextCursor as number, 2);
      expect((page2.body.entries as { key: string }[]).map((e) => e.key)).toEqual(['n-1']);
      expect(page2.body.more).toBe(false);
      const page3 = await device.pull(page2.body.nextCursor as number, 2);
      expect(page3.body.entries).toEqual([]);
      expect(page3.body.nextCursor).toBe(page2.body.nextCursor);

      // A new PC of the same office gets the office's rows back, page by page.
      const fresh = await h.device(officeId);
      const r1 = await fresh.restore(0, 2);
      expect(r1.status).toBe(200);
      expect(r1.body.more).toBe(true);
      const r2 = await fresh.restore(r1.body.nextCursor as number, 2);
      expect(r2.body.more).toBe(false);
      const rows = [...(r1.body.rows as []), ...(r2.body.rows as [])] as {
        entity: string;
        row: Record<string, unknown>;
      }[];
      expect(rows.map((r) => r.entity)).toEqual(['dossier', 'dossier_step', 'dossier_event']);
      expect(rows[0]?.row).toEqual(dossierRow(dossierId));
    });

    it('gzips a large answer for a device that asks for it, and only then', async () => {
      const { device } = await h.office('000.00.77.H56');
      const text = 'Thông báo lịch tiếp công dân của Sở. '.repeat(80);
      const published = await h.admin.call('POST', '/v1/admin/feed', {
        body: { entries: [{ kind: 'notice', key: 'gz-1', version: 1, body: { title: text } }] },
      });
      expect(published.status).toBe(201);
      const raw = (acceptEncoding: string | null) =>
        new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
          const headers: Record<string, string> = { ...device.authHeaders() };
          if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
          http
            .get(`${h.url}/v1/pull?cursor=0&limit=50`, { headers }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
              );
            })
            .on('error', reject);
        });
      const zipped = await raw('gzip, deflate');
      expect(zipped.encoding).toBe('gzip');
      const page = JSON.parse(gunzipSync(zipped.body).toString('utf8')) as {
        entries: { key: string; body: { title: string } }[];
      };
      expect(page.entries.find((e) => e.key === 'gz-1')?.body.title).toBe(text);
      expect(zipped.body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(page)) / 4);
      const plain = await raw(null);
      expect(plain.encoding).toBeUndefined();
      expect((JSON.parse(plain.body.toString('utf8')) as typeof page).entries).toEqual(
        page.entries,
      );
    });

    it('rejects bad rows with a Vietnamese reason (2xx) and applies the rest', async () => {
      const { device } = await h.office('000.00.02.H56');
      const good = device.op('dossier', dossierRow(uuidv7()));
      const unknown = device.op('spaceship', { id: 'x', updatedAt: 1 });
      const missing = device.op('dossier', { id: 'd-1', updatedAt: 1, code: 'C' });
      const mismatch = { ...device.op('dossier', dossierRow(uuidv7())), entityId: 'other' };
      const reply = await device.push([good, unknown, missing, mismatch]);
      expect(reply.status).toBe(200);
      const r = results(reply.body);
      expect(r.map((x) => x.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected']);
      expect(r[1]?.reason).toContain('không được máy chủ tiếp nhận');
      expect(r[2]?.reason).toContain('status');
      // A different op reusing an acknowledged sequence number is refused, not dropped.
      const reused = { ...device.op('dossier', dossierRow(uuidv7())), clientSeq: good.clientSeq };
      const reply2 = await device.push([reused]);
      expect(results(reply2.body)[0]?.status).toBe('rejected');
      expect(results(reply2.body)[0]?.reason).toContain('Số thứ tự');
      const offices = await h.admin.call('GET', '/v1/admin/offices');
      const mine = (
        offices.body.offices as { agencyCode: string; rejectedCount: number; opCount: number }[]
      ).find((o) => o.agencyCode === '000.00.02.H56');
      expect(mine).toMatchObject({ opCount: 1, rejectedCount: 4 });
    });

    it("keeps each office's data out of every other office's reach", async () => {
      const a = await h.office('000.00.03.H56');
      const b = await h.office('000.00.04.H56');
      const sharedId = uuidv7();
      const pushed = await a.device.push([
        a.device.op('dossier', dossierRow(sharedId, { applicantName: 'Trần Thị Bình' })),
      ]);
      expect(results(pushed.body)[0]?.status).toBe('applied');

      const seenByB = await b.device.restore(0, 1000);
      expect(seenByB.status).toBe(200);
      expect(seenByB.body.rows).toEqual([]);

      // B writing the same entity id writes B's own row; A's stays as it was.
      await b.device.push([
        b.device.op('dossier', dossierRow(sharedId, { applicantName: 'Giả mạo' })),
      ]);
      const seenByA = await a.device.restore(0, 1000);
      const rowsA = seenByA.body.rows as { row: { applicantName: string } }[];
      expect(rowsA.map((r) => r.row.applicantName)).toEqual(['Trần Thị Bình']);

      // B's token presented with A's device id is refused.
      const forged = await send(h.url, 'POST', '/v1/push', {
        headers: { ...b.device.authHeaders(), [HEADERS.device]: a.device.deviceId },
        body: { ops: [a.device.op('dossier', dossierRow(uuidv7()))] },
      });
      expect(forged.status).toBe(401);
      // B's own token with ops claiming to be A's device is refused as a whole.
      const before = await h.fingerprint();
      const claimed = await b.device.push([a.device.op('dossier', dossierRow(uuidv7()))]);
      expect(claimed.status).toBe(403);
      // No token, or a made-up one, gets nothing.
      const anonymous = await send(h.url, 'GET', '/v1/restore', {
        headers: { ...a.device.versionHeaders(), [HEADERS.device]: a.device.deviceId },
      });
      expect(anonymous.status).toBe(401);
      const madeUp = await send(h.url, 'GET', '/v1/restore', {
        headers: { ...a.device.authHeaders(), authorization: `Bearer ${'A'.repeat(43)}` },
      });
      expect(madeUp.status).toBe(401);
      expect(await h.fingerprint()).toBe(before);
    });

    it('refuses a revoked device at once, in Vietnamese', async () => {
      const { device } = await h.office('000.00.05.H56');
      const revoke = await h.admin.call('POST', `/v1/admin/devices/${device.deviceId}/revoke`);
      expect(revoke.status).toBe(200);
      const push = await device.push([device.op('dossier', dossierRow(uuidv7()))]);
      expect(push.status).toBe(403);
      expect(push.body).toMatchObject({ code: 'DEVICE_REVOKED' });
      expect(push.body.message).toContain('thu hồi');
      const auth = await device.authenticate();
      expect(auth.status).toBe(403);
    });

    it('accepts an enrollment code once, and not after it expires', async () => {
      const { officeId, code } = await h.admin.createOffice('000.00.06.H56', 'UBND xã Hòa Bình');
      const first = new TestDevice(h.url);
      expect((await first.enroll(code.toLowerCase().replaceAll('-', ' '))).status).toBe(200);
      const second = new TestDevice(h.url);
      const reuse = await second.enroll(code);
      expect(reuse.status).toBe(403);
      expect(reuse.body).toMatchObject({ code: 'ENROLL_CODE_INVALID' });

      const late = await h.admin.newCode(officeId);
      h.advance(7 * 24 * 60 * 60 * 1000 + 1000);
      try {
        const expired = await new TestDevice(h.url).enroll(late);
        expect(expired.status).toBe(403);
        expect(expired.body).toMatchObject({ code: 'ENROLL_CODE_EXPIRED' });
        expect(expired.body.message).toContain('hết hạn');
      } finally {
        h.advance(-(7 * 24 * 60 * 60 * 1000 + 1000));
      }
      // A newer code replaces an unused older one.
      const older = await h.admin.newCode(officeId);
      const newer = await h.admin.newCode(officeId);
      expect((await new TestDevice(h.url).enroll(older)).status).toBe(403);
      expect((await new TestDevice(h.url).enroll(newer)).status).toBe(200);
    });

    it('expires tokens by the server clock only', async () => {
      const { device } = await h.office('000.00.07.H56');
      h.advance(16 * 60 * 1000);
      try {
        expect((await device.pull(0)).status).toBe(401);
        expect((await device.authenticate()).status).toBe(200);
        expect((await device.pull(0)).status).toBe(200);
      } finally {
        h.advance(-16 * 60 * 1000);
      }
    });

    it('ignores client clocks a day off for auth and ordering', async () => {
      const day = 24 * 60 * 60 * 1000;
      const { officeId, device: ahead } = await h.office('000.00.08.H56', { clockOffsetMs: day });
      const behind = await h.device(officeId, { clockOffsetMs: -day });
      const id = uuidv7();
      // The PC a day ahead writes first (its row claims a later time), the one a day behind
      // writes next: arrival order wins, whatever the clocks say.
      const v1 = ahead.op(
        'dossier',
        dossierRow(id, { status: 'processing', updatedAt: ahead.now() }),
      );
      const v2 = behind.op('dossier', dossierRow(id, { status: 'ready', updatedAt: behind.now() }));
      const r1 = await ahead.push([v1]);
      const r2 = await behind.push([v2]);
      expect(r1.status).toBe(200);
      expect(r2.status).toBe(200);
      const s1 = results(r1.body)[0]?.serverSeq as number;
      const s2 = results(r2.body)[0]?.serverSeq as number;
      expect(s2).toBeGreaterThan(s1);
      const restored = await ahead.restore(0);
      const rows = restored.body.rows as { row: { status: string } }[];
      expect(rows.map((r) => r.row.status)).toEqual(['ready']);
    });

    it('upgrades a schema-1 op and tells a too-old client to update', async () => {
      const { device } = await h.office('000.00.09.H56', { schemaVersion: MIN_CLIENT_SCHEMA });
      const id = uuidv7();
      const old = device.op('dossier', {
        id,
        code: 'C-1',
        status: 'processing',
        applicant_name: 'Lê Văn Cường',
        received_at: 1_763_600_000_000,
        due_at: 1_763_700_000_000,
        updated_at: 1_763_600_000_000,
      });
      expect(old.schemaVersion).toBe(1);
      const reply = await device.push([old]);
      expect(results(reply.body)[0]?.status).toBe('applied');
      const restored = await device.restore(0);
      expect((restored.body.rows as { row: unknown }[])[0]?.row).toEqual({
        id,
        code: 'C-1',
        status: 'processing',
        applicantName: 'Lê Văn Cường',
        receivedAt: 1_763_600_000_000,
        dueAt: 1_763_700_000_000,
        updatedAt: 1_763_600_000_000,
      });

      const before = await h.fingerprint();
      const tooOld = await send(h.url, 'POST', '/v1/push', {
        headers: {
          ...device.authHeaders(),
          [HEADERS.schemaVersion]: String(MIN_CLIENT_SCHEMA - 1),
        },
        body: { ops: [device.op('dossier', dossierRow(uuidv7()))] },
      });
      expect(tooOld.status).toBe(426);
      expect(tooOld.body).toMatchObject({
        code: 'UPGRADE_REQUIRED',
        minClientSchema: MIN_CLIENT_SCHEMA,
      });
      expect(tooOld.body.message).toContain('cập nhật');
      // An op in a format below the minimum fails the batch: nothing is half applied.
      const mixed = await device.push([
        device.op('dossier', dossierRow(uuidv7())),
        { ...device.op('dossier', dossierRow(uuidv7())), schemaVersion: MIN_CLIENT_SCHEMA - 1 },
      ]);
      expect(mixed.status).toBe(426);
      expect(await h.fingerprint()).toBe(before);
      expect(tooOld.headers.get(HEADERS.schemaRange)).toBe(
        `${MIN_CLIENT_SCHEMA}-${SCHEMA_VERSION}`,
      );
    });
  });
}

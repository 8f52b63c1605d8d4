// The province's app releases on PGlite and PostgreSQL: publishing one from the updates
// directory (sha512, blockmap), latest.yml made per PC by its staged rollout, raise / pause /
// withdraw, the installer with byte ranges, a PC too old to sync still offered its update,
// the token grace for long downloads, the counts the dashboard shows and the signed USB file.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdatesResponse } from '../../core/sync/admin';
import { HEADERS } from '../../core/sync/protocol';
import { formatUpdateHeader, UPDATE_HEADER } from '../../core/update/report';
import { inStage } from '../../core/update/staging';
import { decodeUsbUpdate, usbUpdateEnvelope } from '../../core/update/usb-update';
import { verifyEd25519 } from '../../server/security/crypto';
import { ephemeralSigner } from '../../server/security/signing-key';
import { tempDir } from '../support/backend';
import { BACKENDS } from './support/backends';
import type { TestDevice } from './support/client';
import { send } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

const BASE = new URL('http://tinh.example/v1/updates/');

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`app releases on ${backend.name}`, () => {
    let h: Harness;
    let dir: string;
    const signer = ephemeralSigner();
    const installer = randomBytes(300_000);
    const older = randomBytes(200_000);
    let officeId: string;
    let devices: TestDevice[];

    const latest = async (d: TestDevice, headers: Record<string, string> = {}) =>
      send<string>(h.url, 'GET', '/v1/updates/latest.yml', {
        headers: { ...d.authHeaders(), ...headers },
      });
    const offered = async (d: TestDevice) => {
      const r = await latest(d);
      if (r.status !== 200) return { status: r.status, version: null, staging: null };
      const info = parseUpdateInfo(r.body, 'latest.yml', BASE);
      return { status: 200, version: info.version, staging: info.stagingPercentage ?? null };
    };
    const updates = async () =>
      (await h.admin.call('GET', '/v1/admin/updates')).body as UpdatesResponse;

    beforeAll(async () => {
      dir = tempDir('isoxa-releases-');
      fs.writeFileSync(path.join(dir, 'ISO-Xa-Setup-1.2.0.exe'), installer);
      fs.writeFileSync(path.join(dir, 'ISO-Xa-Setup-1.1.0.exe'), older);
      h = await startServer(backend, {}, undefined, { updatesDir: dir, signer });
      const first = await h.office('000.00.71.H56');
      officeId = first.officeId;
      devices = [first.device];
      for (let i = 0; i < 7; i++) devices.push(await h.device(officeId));
    });
    afterAll(async () => {
      await h?.close();
    });

    it('publishes a release at 50 %: sha512 and size measured, a blockmap made', async () => {
      const r = await h.admin.call('POST', '/v1/admin/updates', {
        body: {
          file: 'ISO-Xa-Setup-1.2.0.exe',
          version: '1.2.0',
          notes: 'Sửa lỗi in phiếu hẹn',
          stagingPercentage: 50,
        },
      });
      expect(r.status).toBe(201);
      expect(r.body.release).toMatchObject({
        version: '1.2.0',
        size: installer.length,
        sha512: createHash('sha512').update(installer).digest('base64'),
        blockMap: true,
        stagingPercentage: 50,
        withdrawnAt: null,
      });
      expect(fs.existsSync(path.join(dir, 'ISO-Xa-Setup-1.2.0.exe.blockmap'))).toBe(true);
      const again = await h.admin.call('POST', '/v1/admin/updates', {
        body: {
          file: 'ISO-Xa-Setup-1.2.0.exe',
          version: '1.2.0',
          notes: 'x',
        },
      });
      expect(again.status).toBe(409);
      const bad = await h.admin.call('POST', '/v1/admin/updates', {
        body: {
          file: 'ISO-Xa-Setup-1.2.0.exe',
          version: '1.3.0',
          notes: 'x',
          stagingPercentage: 150,
        },
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('Tỷ lệ từ 0 đến 100');
      const absent = await h.admin.call('POST', '/v1/admin/updates', {
        body: {
          file: 'ISO-Xa-Setup-9.0.0.exe',
          version: '9.0.0',
          notes: 'x',
        },
      });
      expect(absent.status).toBe(404);
    });

    it('offers it to the PCs in the staged half only, and its sha512 matches the file', async () => {
      for (const d of devices) {
        const o = await offered(d);
        expect(o.status).toBe(200);
        expect(o.version).toBe('1.2.0');
        expect(o.staging).toBe(inStage(d.deviceId, 50) ? 50 : 0);
      }
      const text = (await latest(devices[0])).body;
      const info = parseUpdateInfo(text, 'latest.yml', BASE);
      const file = (await send<string>(h.url, 'GET', `/v1/updates/${info.path}`, {
        headers: devices[0].authHeaders(),
      })) as unknown as { status: number };
      expect(file.status).toBe(200);
      expect(info.sha512).toBe(createHash('sha512').update(installer).digest('base64'));
      expect((await send(h.url, 'GET', '/v1/updates/latest.yml')).status).toBe(401);
    });

    it('serves byte ranges: one, several (multipart), none satisfiable', async () => {
      const d = devices[0];
      const get = (range: string) =>
        fetch(`${h.url}/v1/updates/ISO-Xa-Setup-1.2.0.exe`, {
          headers: { ...d.authHeaders(), range },
        });
      const one = await get('bytes=10-19');
      expect(one.status).toBe(206);
      expect(Buffer.from(await one.arrayBuffer())).toEqual(installer.subarray(10, 20));
      const many = await get('bytes=0-4, 1000-1009, 299990-');
      expect(many.status).toBe(206);
      expect(many.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=/);
      const body = Buffer.from(await many.arrayBuffer());
      for (const slice of [
        [0, 5],
        [1000, 1010],
        [299_990, 300_000],
      ] as const) {
        expect(body.includes(installer.subarray(...slice))).toBe(true);
      }
      expect(body.toString('latin1')).toContain('Content-Range: bytes 1000-1009/300000');
      expect((await get('bytes=400000-400010')).status).toBe(416);
      const blockmap = await fetch(`${h.url}/v1/updates/ISO-Xa-Setup-1.2.0.exe.blockmap`, {
        headers: d.authHeaders(),
      });
      expect(blockmap.status).toBe(200);
      const parsed = JSON.parse(
        gunzipSync(Buffer.from(await blockmap.arrayBuffer())).toString(),
      ) as {
        files: { sizes: number[] }[];
      };
      expect(parsed.files[0]?.sizes.reduce((a, b) => a + b, 0)).toBe(300_000);
    });

    it('raising to 100 % reaches every PC; pausing stops offering it', async () => {
      const raise = await h.admin.call('POST', '/v1/admin/updates/1.2.0/rollout', {
        body: {
          stagingPercentage: 100,
        },
      });
      expect(raise.status).toBe(200);
      for (const d of devices) expect((await offered(d)).staging).toBe(100);
      await h.admin.call('POST', '/v1/admin/updates/1.2.0/rollout', { body: { paused: true } });
      for (const d of devices) expect((await offered(d)).staging).toBe(0);
      await h.admin.call('POST', '/v1/admin/updates/1.2.0/rollout', { body: { paused: false } });
      expect((await offered(devices[1])).staging).toBe(100);
      const empty = await h.admin.call('POST', '/v1/admin/updates/1.2.0/rollout', { body: {} });
      expect(empty.status).toBe(400);
    });

    it('offers the update to a PC too old to sync, and lets a long download finish', async () => {
      const d = devices[2];
      const old = { [HEADERS.schemaVersion]: '0' };
      const push = await send(h.url, 'POST', '/v1/push', {
        headers: { ...d.authHeaders(), ...old },
        body: { ops: [] },
      });
      expect(push.status).toBe(426);
      expect((await latest(d, old)).status).toBe(200);
      const file = await fetch(`${h.url}/v1/updates/ISO-Xa-Setup-1.2.0.exe`, {
        headers: { ...d.authHeaders(), ...old },
      });
      expect(file.status).toBe(200);
      await file.arrayBuffer();
      // Two hours later the token no longer syncs, but the download it started may go on.
      h.advance(2 * 3600_000);
      expect((await d.pull(0)).status).toBe(401);
      expect((await latest(d)).status).toBe(200);
      h.advance(5 * 3600_000);
      expect((await latest(d)).status).toBe(401);
      h.advance(-7 * 3600_000);
    });

    it('counts what the PCs report: running, downloaded, failed, old versions', async () => {
      const [a, b, c] = devices as [TestDevice, TestDevice, TestDevice];
      const report = (d: TestDevice, r: Parameters<typeof formatUpdateHeader>[0], v = '1.1.0') =>
        send(h.url, 'GET', '/v1/pull?cursor=0', {
          headers: {
            ...d.authHeaders(),
            [HEADERS.appVersion]: v,
            [UPDATE_HEADER]: formatUpdateHeader(r),
          },
        });
      expect((await report(a, { phase: 'downloaded', version: '1.2.0', error: null })).status).toBe(
        200,
      );
      await report(b, { phase: 'failed', version: '1.2.0', error: 'Mất kết nối giữa chừng' });
      await report(c, { phase: 'idle', version: null, error: null }, '1.2.0');
      // A malformed report is ignored, the sync goes through.
      const odd = await send(h.url, 'GET', '/v1/pull?cursor=0', {
        headers: { ...devices[3].authHeaders(), [UPDATE_HEADER]: '!!' },
      });
      expect(odd.status).toBe(200);
      const u = await updates();
      const r = u.releases.find((x) => x.version === '1.2.0');
      expect(r).toMatchObject({ running: 1, downloaded: 1, failed: 1, reached: devices.length });
      expect(r?.errors[0]).toMatchObject({ office: 'UBND xã 000.00.71.H56' });
      expect(r?.errors[0]?.message).toBe('Mất kết nối giữa chừng');
      expect(u.activeDevices).toBe(devices.length);
      expect(u.versions).toContainEqual({ version: '1.1.0', devices: 2 });
      expect(u.versions[0]).toEqual({ version: '1.2.0', devices: 1 });
    });

    it('a withdrawn release is offered to nobody; the one before it is', async () => {
      const older110 = await h.admin.call('POST', '/v1/admin/updates', {
        body: {
          file: 'ISO-Xa-Setup-1.1.0.exe',
          version: '1.1.0',
          notes: 'Bản trước',
          stagingPercentage: 100,
        },
      });
      expect(older110.status).toBe(201);
      expect((await offered(devices[0])).version).toBe('1.2.0');
      expect((await h.admin.call('POST', '/v1/admin/updates/1.2.0/withdraw')).status).toBe(200);
      for (const d of devices) expect((await offered(d)).version).toBe('1.1.0');
      const again = await h.admin.call('POST', '/v1/admin/updates/1.2.0/rollout', {
        body: {
          stagingPercentage: 50,
        },
      });
      expect(again.status).toBe(409);
      expect((await h.admin.call('POST', '/v1/admin/updates/1.1.0/withdraw')).status).toBe(200);
      expect((await offered(devices[0])).status).toBe(404);
      expect((await updates()).releases.every((x) => x.reached === 0)).toBe(true);
    });

    it('gives the province a USB manifest signed with its key, and the installer', async () => {
      await h.admin.call('POST', '/v1/admin/updates', {
        body: {
          file: 'ISO-Xa-Setup-1.2.0.exe',
          version: '1.2.1',
          notes: 'USB',
        },
      });
      const res = await fetch(`${h.url}/v1/admin/updates/1.2.1/usb`, {
        headers: { cookie: h.admin.cookie },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(
        'ISO-Xa-Setup-1.2.0.exe.isoxa-update',
      );
      const parts = decodeUsbUpdate(new Uint8Array(await res.arrayBuffer()));
      expect(parts).not.toBeNull();
      if (!parts) return;
      const signature = Buffer.from(parts.signature).toString('base64url');
      expect(verifyEd25519(signer.publicKey, parts.payload, signature)).toBe(true);
      const envelope = usbUpdateEnvelope.parse(JSON.parse(gunzipSync(parts.payload).toString()));
      expect(envelope).toMatchObject({ appVersion: '1.2.1', size: installer.length });
      const withdrawn = await fetch(`${h.url}/v1/admin/updates/1.2.0/usb`, {
        headers: { cookie: h.admin.cookie },
      });
      expect(withdrawn.status).toBe(409);
      const file = await fetch(`${h.url}/v1/admin/update-files/ISO-Xa-Setup-1.2.0.exe`, {
        headers: { cookie: h.admin.cookie },
      });
      expect(Buffer.from(await file.arrayBuffer())).toEqual(installer);
      expect((await fetch(`${h.url}/v1/admin/update-files/ISO-Xa-Setup-1.2.0.exe`)).status).toBe(
        401,
      );
    });
  });
}

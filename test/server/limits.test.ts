// The HTTP edge: body limits (plain and gzip, USB sync files), batch size, rate limits, load
// shedding.
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, LIMITS } from '../../core/sync/protocol';
import { pglite } from './support/backends';
import type { TestDevice } from './support/client';
import { buildSyncFile, dossierRow, send } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

let h: Harness;
let device: TestDevice;
beforeAll(async () => {
  h = await startServer(pglite);
  device = (await h.office('000.00.31.H56')).device;
}, 30_000);
afterAll(async () => h?.close());

describe('request limits', () => {
  it('refuses a body over 1 MiB on the wire, and a gzip bomb once inflated', async () => {
    const before = await h.fingerprint();
    const big = { ops: [device.op('dossier', dossierRow(uuidv7(), { note: 'x'.repeat(1.1e6) }))] };
    const plain = await send(h.url, 'POST', '/v1/push', {
      headers: device.authHeaders(),
      body: big,
    });
    expect(plain.status).toBe(413);
    expect(plain.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // The same JSON gzipped is small on the wire and within the inflated limit: accepted.
    const zipped = await device.push(big.ops, true);
    expect(zipped.status).toBe(200);
    const bomb = await send(h.url, 'POST', '/v1/push', {
      headers: {
        ...device.authHeaders(),
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      raw: gzipSync(Buffer.alloc(LIMITS.maxInflatedBytes + 1024, 0x20)),
    });
    expect(bomb.status).toBe(413);
    const brotli = await send(h.url, 'POST', '/v1/push', {
      headers: {
        ...device.authHeaders(),
        'content-type': 'application/json',
        'content-encoding': 'br',
      },
      raw: '{}',
    });
    expect(brotli.status).toBe(415);
    const after = await h.fingerprint();
    expect(after.split('|')[0]).toBe(String(Number(before.split('|')[0]) + 1));
  });

  it('refuses a batch of more than 500 ops', async () => {
    const ops = Array.from({ length: LIMITS.maxOpsPerPush + 1 }, () =>
      device.op('dossier', dossierRow(uuidv7())),
    );
    const reply = await device.push(ops, true);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('Yêu cầu không hợp lệ.');
  });

  it('takes a USB sync file with scans up to its own limit, larger than other uploads', async () => {
    const small = await startServer(
      pglite,
      { adminBodyBytes: 1024 * 1024, syncFileBytes: 3 * 1024 * 1024 },
      h.database,
    );
    try {
      const file = (size: number) => {
        const scan = randomBytes(size);
        const sha256 = createHash('sha256').update(scan).digest('hex');
        const op = device.op('attachment', {
          id: uuidv7(),
          dossierId: uuidv7(),
          sha256,
          size,
          mimeType: 'application/pdf',
          fileName: 'scan.pdf',
          addedAt: 1,
          updatedAt: 1,
        });
        const claims = { deviceId: device.deviceId, agencyCode: '000.00.31.H56' };
        return buildSyncFile(device, claims, [op], [{ sha256, bytes: scan }]);
      };
      const upload = (raw: Uint8Array) =>
        small.admin.call('POST', '/v1/admin/sync-files', {
          raw,
          headers: { 'content-type': 'application/octet-stream' },
        });
      expect((await upload(file(2 * 1024 * 1024))).body).toMatchObject({ applied: 1, files: 1 });
      const over = await upload(file(3 * 1024 * 1024));
      expect(over.status).toBe(413);
      expect(over.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      const feed = await small.admin.call('POST', '/v1/admin/feed', {
        body: { kind: 'notice', key: 'lon', version: 1, body: 'x'.repeat(1.5 * 1024 * 1024) },
      });
      expect(feed.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('rate limits and load shedding', () => {
  it('limits requests per device, and unauthenticated ones per address', async () => {
    const limited = await startServer(pglite, { rateMax: 3, credentialRateMax: 2 }, h.database);
    try {
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await send(limited.url, 'GET', '/v1/version')).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      const refused = await send(limited.url, 'GET', '/v1/version');
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(refused.body.message).toContain('Quá nhiều yêu cầu');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another office PC behind the same address, with a valid token, has its own budget.
      const other = await send(limited.url, 'GET', '/v1/version', {
        headers: device.authHeaders(),
      });
      expect(other.status).toBe(200);
      // Credential routes have a tighter budget per address.
      const enrolls = [];
      for (let i = 0; i < 3; i++) {
        const r = await send(limited.url, 'POST', '/v1/enroll', {
          headers: { ...device.versionHeaders(), [HEADERS.device]: uuidv7() },
          body: {},
        });
        enrolls.push(r.status);
      }
      expect(enrolls).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });

  it('sheds database work with 503 and Retry-After when too much is in flight', async () => {
    const busy = await startServer(pglite, { maxInflight: 0 }, h.database);
    try {
      const { device: d } = await busy.office('000.00.32.H56');
      const before = await busy.fingerprint();
      const push = await d.push([d.op('dossier', dossierRow(uuidv7()))]);
      expect(push.status).toBe(503);
      expect(push.body).toMatchObject({ code: 'BUSY' });
      expect(push.headers.get('retry-after')).toBe('5');
      expect((await d.pull(0)).status).toBe(503);
      expect(await busy.fingerprint()).toBe(before);
    } finally {
      await busy.close();
    }
  });
});

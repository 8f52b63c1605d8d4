// USB sync files: uploaded by the province, verified against the device key, applied like a
// push — and a file and a later push of the same ops never double anything. Run inside the
// sync suite (sync.test.ts), on its server, to spare a database start per backend.
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSyncFile } from '../../../core/sync/sync-file';
import type { TestDevice } from './client';
import { buildSyncFile, dossierRow } from './client';
import type { Harness } from './harness';

export const syncFileCases = (harness: () => Harness) => {
  describe('USB sync files', () => {
    let h: Harness;
    let a: TestDevice;
    let b: TestDevice;
    beforeAll(async () => {
      h = harness();
      a = (await h.office('000.00.41.H56')).device;
      b = (await h.office('000.00.42.H56')).device;
    });

    const upload = (bytes: Uint8Array) =>
      h.admin.call('POST', '/v1/admin/sync-files', {
        raw: bytes,
        headers: { 'content-type': 'application/octet-stream' },
      });

    it('applies a signed file once; the same ops pushed later are duplicates', async () => {
      const ops = [1, 2, 3].map(() => a.op('dossier', dossierRow(uuidv7())));
      const file = buildSyncFile(a, { deviceId: a.deviceId, agencyCode: '000.00.41.H56' }, ops);
      expect(decodeSyncFile(file)?.header.opCount).toBe(3);
      const first = await upload(file);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ applied: 3, duplicate: 0, rejected: 0 });
      const again = await upload(file);
      expect(again.body).toMatchObject({ applied: 0, duplicate: 3 });
      const pushed = await a.push(ops);
      expect((pushed.body.results as { status: string }[]).map((r) => r.status)).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
    });

    it('refuses a tampered, misaddressed or forged file without touching anything', async () => {
      const before = await h.fingerprint();
      const ops = [a.op('dossier', dossierRow(uuidv7()))];
      const good = buildSyncFile(a, { deviceId: a.deviceId, agencyCode: '000.00.41.H56' }, ops);
      const tampered = Uint8Array.from(good);
      tampered[tampered.length - 20] = tampered[tampered.length - 20] ^ 0xff;
      const wrongOffice = buildSyncFile(
        a,
        { deviceId: a.deviceId, agencyCode: '000.00.42.H56' },
        ops,
      );
      // Office B's PC signing a file that claims to come from office A's PC.
      const forged = buildSyncFile(b, { deviceId: a.deviceId, agencyCode: '000.00.41.H56' }, ops);
      for (const bytes of [tampered, wrongOffice, forged, good.subarray(0, 40)]) {
        const reply = await upload(bytes);
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({ code: 'SYNC_FILE_INVALID' });
      }
      expect(await h.fingerprint()).toBe(before);
    });
  });
};

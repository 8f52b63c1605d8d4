// USB sync files: uploaded by the province, verified against the device key, applied like a
// push — and a file and a later push of the same ops never double anything. The scans a file
// carries end verified exactly as a network upload leaves them, or the file is refused whole.
// Run inside the sync suite (sync.test.ts), on its server, to spare a database start per
// backend.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../../core/sync/files';
import type { Op } from '../../../core/sync/protocol';
import { decodeSyncFile } from '../../../core/sync/sync-file';
import type { TestDevice } from './client';
import { buildSyncFile, dossierRow, send } from './client';
import type { Harness } from './harness';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const attachmentOp = (d: TestDevice, dossierId: string, bytes: Uint8Array): Op =>
  d.op('attachment', {
    id: uuidv7(),
    dossierId,
    sha256: sha(bytes),
    size: bytes.length,
    mimeType: 'application/pdf',
    fileName: 'Tờ khai.pdf',
    addedBy: uuidv7(),
    addedAt: 1_763_600_000_000,
    updatedAt: 1_763_600_000_000,
  });

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

    const filesOf = async (officeId: string) => {
      const result = await h.database.db.execute(sql`
        select f.sha256, f.size::int as size, f.received::int as received,
          (f.verified_at is not null) as verified,
          (select array_agg(c.offset::int order by c.offset) from file_chunks c
            where c.office_id = f.office_id and c.sha256 = f.sha256) as offsets
        from files f where f.office_id = ${officeId} order by f.sha256`);
      return (result as { rows: unknown[] }).rows;
    };
    const claims = () => ({ deviceId: a.deviceId, agencyCode: '000.00.41.H56' });

    it('stores the scans it carries as verified files, then applies their ops', async () => {
      const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1_300_000)]);
      const dossierId = uuidv7();
      const ops = [a.op('dossier', dossierRow(dossierId)), attachmentOp(a, dossierId, scan)];
      // Half a network upload of the same scan: the file replaces it.
      const partial = await send(
        a.baseUrl,
        'PUT',
        `/v1/files/${sha(scan)}?offset=0&size=${scan.length}`,
        {
          raw: scan.subarray(0, 1000),
          headers: { ...a.authHeaders(), 'content-type': 'application/octet-stream' },
        },
      );
      expect(partial.status).toBe(200);
      const file = buildSyncFile(a, claims(), ops, [{ sha256: sha(scan), bytes: scan }]);
      expect(decodeSyncFile(file)?.header).toMatchObject({ version: 2, fileCount: 1 });
      const first = await upload(file);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ applied: 2, deferred: 0, rejected: 0, files: 1 });
      // Chunked as the desktop's uploads are, verified, and served back whole to the office.
      const step = FILE_LIMITS.chunkBytes;
      expect(await filesOf(a.officeId)).toContainEqual({
        sha256: sha(scan),
        size: scan.length,
        received: scan.length,
        verified: true,
        offsets: [0, step, 2 * step],
      });
      const content = await fetch(`${a.baseUrl}/v1/files/${sha(scan)}/content`, {
        headers: a.authHeaders(),
      });
      const opened = a.openFile(new Uint8Array(await content.arrayBuffer()), sha(scan));
      expect(opened && sha(opened)).toBe(sha(scan));
      const before = await h.fingerprint();
      const again = await upload(file);
      expect(again.body).toMatchObject({ applied: 0, duplicate: 2, deferred: 0, files: 1 });
      expect(await h.fingerprint()).toBe(before);
    });

    it('refuses a changed scan byte, a scan under a wrong name or cut short; stores nothing', async () => {
      const scan = randomBytes(200_000);
      const ops = [attachmentOp(a, uuidv7(), scan)];
      const good = buildSyncFile(a, claims(), ops, [{ sha256: sha(scan), bytes: scan }]);
      const tampered = Uint8Array.from(good);
      tampered[tampered.length - 1000] = (tampered[tampered.length - 1000] ?? 0) ^ 0x01;
      // Signed by the device, but the bytes are not the scan they claim to be.
      const misnamed = buildSyncFile(a, claims(), ops, [
        { sha256: sha(scan), bytes: randomBytes(scan.length) },
      ]);
      const parts = decodeSyncFile(good);
      const short = buildSyncFile(a, claims(), ops, [
        { sha256: sha(scan), bytes: scan.subarray(1) },
      ]);
      expect(parts?.header.payloadBytes).toBeGreaterThan(scan.length);
      const before = [await h.fingerprint(), await filesOf(a.officeId)];
      for (const bytes of [tampered, misnamed, short, good.subarray(0, good.length - 1)]) {
        const reply = await upload(bytes);
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({ code: 'SYNC_FILE_INVALID' });
      }
      expect([await h.fingerprint(), await filesOf(a.officeId)]).toEqual(before);
    });

    it('counts an op whose scan the file lacks as deferred, not applied', async () => {
      const ops = [
        a.op('dossier', dossierRow(uuidv7())),
        attachmentOp(a, uuidv7(), randomBytes(99)),
      ];
      const reply = await upload(buildSyncFile(a, claims(), ops));
      expect(reply.body).toMatchObject({ applied: 1, deferred: 1, rejected: 0, files: 0 });
      const seen = await h.database.db.execute(
        sql`select count(*)::int as n from ops where op_id = ${ops[1]?.opId ?? ''}`,
      );
      expect((seen as { rows: unknown[] }).rows[0]).toEqual({ n: 0 });
    });
  });
};

// Scans by USB: an office that never reaches the network attaches a scan, exports its sync
// file, the province uploads it — the scan is verified there and the attachment applied, not
// deferred — and the reply file empties the queue. A changed byte is refused with nothing
// written; a scan missing or damaged on the PC leaves the export working and its op queued; an
// export larger than one file goes out in parts that apply in any order.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../core/sync/files';
import { decodeSyncFile } from '../../core/sync/sync-file';
import * as schema from '../../db/schema';
import { storedFilePath } from '../../services/file-store';
import { identityOf, readState } from '../../services/sync/state';
import { exportNotice, exportSyncFiles } from '../../services/sync/usb';
import { tempDir } from '../support/backend';
import type { DeskApp } from '../support/desk';
import {
  deviceIdOf,
  enrollDesk,
  DOSSIERS_ONLY,
  offlineOffice as offlineOfficeOf,
  outboxRows,
  provinceFixture,
  receive,
} from '../sync/support/env';
import { downloadReply, exportFile, importReply, uploadFile } from '../sync/support/files';

const province = provinceFixture();

const offlineOffice = () => offlineOfficeOf(province, DOSSIERS_ONLY);

/** A scan spanning three upload chunks: a PDF header, then noise. */
const scan = (extra = FILE_LIMITS.chunkBytes * 2 + 321): Buffer =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(extra)]);

async function attach(app: DeskApp, dossierId: string, bytes: Buffer, fileName: string) {
  return app.ok('motcua')('dossiers.attach', {
    dossierId,
    fileName,
    base64: bytes.toString('base64'),
  });
}

async function heldFiles(officeId: string) {
  const result = await province.h.database.db.execute(
    sql`select sha256, received::int as received, (verified_at is not null) as verified
        from files where office_id = ${officeId} order by sha256`,
  );
  return (result as { rows: { sha256: string; received: number; verified: boolean }[] }).rows;
}

const uploadRaw = (bytes: Uint8Array) =>
  province.h.admin.call('POST', '/v1/admin/sync-files', {
    raw: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });

describe('scans in USB sync files', () => {
  it('travel with the ops: verified at the province, applied, cleared by the reply', async () => {
    const o = await offlineOffice();
    const [first] = await receive(o.app, 1);
    const bytes = scan();
    const attached = await attach(o.app, first ?? '', bytes, 'Tờ khai đã ký.pdf');
    await receive(o.app, 1);
    expect((await o.engine.run()).ok).toBe(false);
    expect(await heldFiles(o.officeId)).toEqual([]);

    const target = path.join(tempDir('isoxa-usb-'), 'dong-bo.isoxa-sync');
    const exported = await o.app.ok('admin')('sync.exportFile', { path: target });
    expect(exported).toMatchObject({ paths: [target], ops: 9, attachments: 1 });
    expect(exported.notice).toBe(`Đã xuất 9 thay đổi và 1 tệp đính kèm ra ${target}.`);
    const file = fs.readFileSync(target);
    expect(decodeSyncFile(file)?.header).toMatchObject({ version: 3, opCount: 9, fileCount: 1 });

    const uploaded = await uploadFile(province.h, file);
    expect(uploaded).toMatchObject({ applied: 9, deferred: 0, rejected: 0, files: 1 });
    expect(await heldFiles(o.officeId)).toEqual([
      { sha256: attached.sha256, received: bytes.length, verified: true },
    ]);
    const reply = await downloadReply(province.h, deviceIdOf(o.app), uploaded);
    expect(await importReply(o.app, reply.bytes)).toMatchObject({
      ok: true,
      value: { acknowledged: 9, rejected: 0 },
    });
    expect(outboxRows(o.app)).toEqual([]);

    // The same state as a network upload: a new PC of the office gets the scan back.
    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    expect(await fresh.ok('admin')('sync.restore', {})).toMatchObject({
      attachments: 1,
      filesMissing: 0,
    });
    const back = await fresh.ok('danhgia')('dossiers.attachment', { id: attached.id });
    expect(Buffer.from(back.base64, 'base64').equals(bytes)).toBe(true);
  });

  it('refuses a file with one changed scan byte; nothing changes at either end', async () => {
    const o = await offlineOffice();
    const [id] = await receive(o.app, 1);
    await attach(o.app, id ?? '', scan(), 'scan.pdf');
    const good = await exportFile(o.app);
    const queued = outboxRows(o.app);
    const before = [await province.h.fingerprint(), await heldFiles(o.officeId)];
    // The scan is the file's tail.
    const tampered = Buffer.from(good);
    tampered[tampered.length - 5000] = (tampered[tampered.length - 5000] ?? 0) ^ 0x10;
    const reply = await uploadRaw(tampered);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'SYNC_FILE_INVALID' });
    expect([await province.h.fingerprint(), await heldFiles(o.officeId)]).toEqual(before);
    expect(outboxRows(o.app)).toEqual(queued);
    // The untouched file still goes through.
    expect(await uploadFile(province.h, good)).toMatchObject({ applied: 5, deferred: 0 });
  });

  it('exports without a scan missing or damaged on the PC, says so, and keeps its op', async () => {
    const o = await offlineOffice();
    const [a, b] = await receive(o.app, 2);
    const gone = await attach(o.app, a ?? '', scan(1000), 'Giấy khai sinh.pdf');
    const broken = await attach(o.app, b ?? '', scan(2000), 'CCCD.pdf');
    const kept = await attach(o.app, b ?? '', scan(3000), 'Ảnh.pdf');
    fs.rmSync(storedFilePath(o.app.dataDir, gone.sha256));
    fs.writeFileSync(storedFilePath(o.app.dataDir, broken.sha256), 'hỏng');

    const target = path.join(tempDir('isoxa-usb-'), 'dong-bo.isoxa-sync');
    const exported = await o.app.ok('admin')('sync.exportFile', { path: target });
    expect(exported).toMatchObject({ ops: 11, attachments: 1, missingAttachments: 2 });
    expect(exported.notice).toContain('2 tài liệu đính kèm không đọc được trên máy này');
    expect(exported.notice).toContain('Giấy khai sinh.pdf, CCCD.pdf');
    expect(exported.notice).toContain('vẫn chờ trên máy');

    const uploaded = await uploadFile(province.h, fs.readFileSync(target));
    expect(uploaded).toMatchObject({ applied: 9, deferred: 2, rejected: 0, files: 1 });
    expect((await heldFiles(o.officeId)).map((f) => f.sha256)).toEqual([kept.sha256]);
    const reply = await downloadReply(province.h, deviceIdOf(o.app), uploaded);
    expect(await importReply(o.app, reply.bytes)).toMatchObject({
      ok: true,
      value: { acknowledged: 9, rejected: 0 },
    });
    const left = outboxRows(o.app).map((r) => [r.status, (JSON.parse(r.row) as { id: string }).id]);
    expect(left).toEqual([
      ['pending', gone.id],
      ['pending', broken.id],
    ]);
  });

  it('splits an export larger than one file into parts that apply in any order', async () => {
    const o = await offlineOffice();
    const [a, b] = await receive(o.app, 2);
    const scans = [scan(), scan(), scan()];
    await attach(o.app, a ?? '', scans[0] ?? scan(), 'mot.pdf');
    await attach(o.app, b ?? '', scans[1] ?? scan(), 'hai.pdf');
    await attach(o.app, b ?? '', scans[2] ?? scan(), 'ba.pdf');
    const db = drizzle({ client: o.app.backend.database(), schema });
    const id = identityOf(readState(db), o.app.dataDir);
    if (!id) throw new Error('not enrolled');
    const max = 1536 * 1024;
    const target = path.join(tempDir('isoxa-usb-'), 'dong-bo.isoxa-sync');
    const done = await exportSyncFiles(db, o.app.dataDir, id, Date.now(), target, max, false);
    expect(done).toMatchObject({ ops: 11, attachments: 3, missing: [] });
    expect(done.paths.map((p) => path.basename(p))).toEqual([
      'dong-bo-phan-1-tren-3.isoxa-sync',
      'dong-bo-phan-2-tren-3.isoxa-sync',
      'dong-bo-phan-3-tren-3.isoxa-sync',
    ]);
    expect(exportNotice(done)).toContain('ra 3 tệp vì quá 64 MB một tệp');
    const files = done.paths.map((p) => fs.readFileSync(p));
    for (const f of files) expect(f.length).toBeLessThanOrEqual(max);

    const results = [];
    for (const f of [...files].reverse()) results.push(await uploadFile(province.h, f));
    expect(results.map((r) => r.part)).toEqual([
      { index: 3, count: 3 },
      { index: 2, count: 3 },
      { index: 1, count: 3 },
    ]);
    expect(results.reduce((n, r) => n + r.applied, 0)).toBe(11);
    expect(results.reduce((n, r) => n + r.deferred, 0)).toBe(0);
    expect((await heldFiles(o.officeId)).every((f) => f.verified)).toBe(true);
    // Any part's answer starts the reply at the export's first op.
    expect(new Set(results.map((r) => r.fromClientSeq)).size).toBe(1);
    const reply = await downloadReply(province.h, deviceIdOf(o.app), results[0]);
    expect(await importReply(o.app, reply.bytes)).toMatchObject({
      ok: true,
      value: { acknowledged: 11 },
    });
    expect(outboxRows(o.app)).toEqual([]);
    // Each part reports the queue as it is once the parts before it are in: uploaded in order
    // (as the dashboard does with several files), the last one leaves nothing waiting.
    for (const f of files) {
      expect(await uploadFile(province.h, f)).toMatchObject({ applied: 0, deferred: 0 });
    }
    const offices = await province.h.admin.call('GET', '/v1/admin/offices');
    const summary = (
      offices.body.offices as { id: string; outbox: Record<string, number | null> }[]
    ).find((x) => x.id === o.officeId);
    expect(summary?.outbox).toMatchObject({ pending: 0 });
  });
});

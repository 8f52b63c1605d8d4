// What leaves the office PC with personal data is sealed to its recipient (issue #11 item 3):
// the USB sync file and its scans to the province, the restore pages, restored scans and reply
// files to the device. Each test here fails on the code before sealing: the sync file's scans
// sat raw after a gzip anyone could inflate, and /v1/restore answered the office's rows to any
// holder of a device token.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HEADERS, SCHEMA_VERSION } from '../../core/sync/protocol';
import { decodeReplyFile } from '../../core/sync/reply-file';
import { decodeSyncFile, encodeSyncFile } from '../../core/sync/sync-file';
import { generateBoxKey, openSealed, sealTo } from '../../services/security/sealed-box';
import * as schema from '../../db/schema';
import { DeviceAuth, SyncHttp } from '../../services/sync/http';
import { identityOf, readState, signBytes } from '../../services/sync/state';
import { send } from '../server/support/client';
import { tempDir } from '../support/backend';
import { procedureId, receiveInput, type DeskApp } from '../support/desk';
import { deviceIdOf, offlineOffice, outboxRows, provinceFixture } from '../sync/support/env';
import { downloadReply, importReply, syncTables, uploadFile } from '../sync/support/files';
import { encodings, filesContaining } from './support/grep';

const NAME = 'Lưu Thị Huyền Trang';
const ID_NUMBER = '001196007788';
const SCAN = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(`Họ và tên: ${NAME}\nSố CCCD: ${ID_NUMBER}\n`),
  Buffer.alloc(3000, 0x42),
]);
const needles = () => [
  ...encodings(NAME),
  ...encodings(ID_NUMBER),
  ...encodings(NAME.toUpperCase()),
  SCAN.subarray(0, 64),
];

const province = provinceFixture();
const dbOf = (app: DeskApp) => drizzle({ client: app.backend.database(), schema });

/** An office that received the citizen's dossier with a scan, its network gone after enrolment. */
async function officeWithCitizen() {
  const o = await offlineOffice(province);
  const proc = await procedureId(o.app, '1.001193');
  const d = await o.app.ok('motcua')(
    'dossiers.receive',
    receiveInput(proc, o.app.users.tuphap ?? '', {
      applicant: {
        fullName: NAME,
        idKind: 'cccd',
        idNumber: ID_NUMBER,
        address: 'Thôn Đông, xã Thử',
        phone: '0912345678',
        email: '',
      },
    }),
  );
  const scan = await o.app.ok('motcua')('dossiers.attach', {
    dossierId: d.dossier.id,
    fileName: `CCCD ${NAME}.pdf`,
    base64: SCAN.toString('base64'),
  });
  return { ...o, dossierId: d.dossier.id, scanSha: scan.sha256 };
}

async function exportTo(app: DeskApp) {
  const target = path.join(tempDir('isoxa-usb-'), 'dong-bo.isoxa-sync');
  await app.ok('admin')('sync.exportFile', { path: target });
  return target;
}

const uploadRaw = (bytes: Uint8Array) =>
  province.h.admin.call('POST', '/v1/admin/sync-files', {
    raw: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });

describe('the USB sync file', () => {
  it('holds no citizen name, ID or scan bytes in any encoding, even inflated; the province reads it', async () => {
    const o = await officeWithCitizen();
    const target = await exportTo(o.app);
    const bytes = fs.readFileSync(target);
    expect(filesContaining([target], needles())).toEqual([]);
    // Inflating the payload, as anyone could a gzip, gives nothing either.
    const parts = decodeSyncFile(bytes);
    expect(parts?.header).toMatchObject({ version: 3, fileCount: 1 });
    expect(() => gunzipSync(parts?.payload ?? Buffer.alloc(0))).toThrow();
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o600);

    // The province opens it: the citizen and the scan arrive whole.
    expect(await uploadFile(province.h, bytes)).toMatchObject({ rejected: 0, files: 1 });
    const held = await province.h.database.db.execute(
      sql`select row->>'applicantName' as name from entities
          where office_id = ${o.officeId} and entity = 'dossier'`,
    );
    expect((held as { rows: { name: string }[] }).rows).toEqual([{ name: NAME }]);
  });

  it('a file sealed to another province, or re-signed by another PC, is refused in Vietnamese and changes nothing', async () => {
    const o = await officeWithCitizen();
    const other = await officeWithCitizen();
    const good = fs.readFileSync(await exportTo(o.app));
    const parts = decodeSyncFile(good);
    if (!parts) throw new Error('no sync file');
    const id = identityOf(readState(dbOf(o.app)), o.app.dataDir);
    const otherId = identityOf(readState(dbOf(other.app)), other.app.dataDir);
    if (!id || !otherId) throw new Error('not enrolled');
    // Signed by the right PC, but sealed to a key that is not this province's.
    const foreignPayload = sealTo(generateBoxKey().publicKey, Buffer.from('x'), 'sync-file');
    const foreign = encodeSyncFile({
      header: { ...parts.header, payloadBytes: foreignPayload.length, envelopeBytes: 1 },
      signature: signBytes(id, foreignPayload),
      payload: foreignPayload,
    });
    // Another PC of the province signs this PC's sealed payload as its own.
    const resigned = encodeSyncFile({
      header: {
        ...parts.header,
        deviceId: otherId.deviceId,
        officeAgencyCode: other.agencyCode,
      },
      signature: signBytes(otherId, parts.payload),
      payload: parts.payload,
    });
    const before = await province.h.fingerprint();
    for (const bytes of [foreign, resigned]) {
      const reply = await uploadRaw(bytes);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({
        code: 'SYNC_FILE_SEALED',
        message: expect.stringContaining('không mở được bằng khóa của máy chủ tỉnh') as unknown,
      });
    }
    expect(await province.h.fingerprint()).toBe(before);
    expect(outboxRows(o.app).length).toBeGreaterThan(0);
  });
});

describe('what the province sends back', () => {
  it('office → USB → province → sealed reply → office; a reply for another PC does not open', async () => {
    const o = await officeWithCitizen();
    const other = await officeWithCitizen();
    const uploaded = await uploadFile(province.h, fs.readFileSync(await exportTo(o.app)));
    const reply = await downloadReply(province.h, deviceIdOf(o.app), uploaded);
    expect(decodeReplyFile(reply.bytes)?.header.version).toBe(2);
    // Another PC cannot use it: refused before anything is written.
    const before = syncTables(other.app);
    expect(await importReply(other.app, reply.bytes)).toMatchObject({ ok: false });
    expect(syncTables(other.app)).toBe(before);
    // The payload is not a gzip anyone can inflate.
    expect(() => gunzipSync(decodeReplyFile(reply.bytes)?.payload ?? Buffer.alloc(0))).toThrow();
    expect(await importReply(o.app, reply.bytes)).toMatchObject({
      ok: true,
      value: { rejected: 0 },
    });
    expect(outboxRows(o.app)).toEqual([]);
  });

  it('a stolen backup and a device token download nothing readable (the stolen-backup token attack)', async () => {
    const o = await officeWithCitizen();
    o.line.offline = false;
    expect((await o.engine.run()).ok).toBe(true);
    // A backup copied off the PC carries no device key: restored elsewhere, no identity.
    await o.app.ok('admin')('backup.create', {});
    const backups = path.join(o.app.dataDir, 'backups');
    const backupFiles = fs.readdirSync(backups).map((f) => path.join(backups, f));
    const id = identityOf(readState(dbOf(o.app)), o.app.dataDir);
    if (!id) throw new Error('not enrolled');
    const secrets = [id.privateKey, id.boxKey].map((k) => Buffer.from(k, 'base64'));
    expect(filesContaining(backupFiles, [...secrets, ...needles()])).toEqual([]);

    // Even with a live token of that device (read off a proxy, say), /v1/restore and the file
    // route answer only bytes sealed to the device's own X25519 key.
    const http = new SyncHttp({ baseUrl: province.h.url, appVersion: '0.2.0', timeoutMs: 5_000 });
    const token = await new DeviceAuth().token(http, id);
    const headers = {
      [HEADERS.appVersion]: '0.2.0',
      [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
      authorization: `Bearer ${token}`,
      [HEADERS.device]: id.deviceId,
    };
    const page = await send(province.h.url, 'GET', '/v1/restore?cursor=0&limit=500', { headers });
    expect(page.status).toBe(200);
    const raw = Buffer.from(JSON.stringify(page.body));
    expect(needles().some((n) => raw.includes(n))).toBe(false);
    const sealed = Buffer.from(String(page.body.sealed), 'base64');
    const attacker = generateBoxKey().privateKey;
    expect(openSealed(attacker, sealed, `restore-page\n${id.deviceId}\n0`)).toBeNull();
    const file = await fetch(`${province.h.url}/v1/files/${o.scanSha}/content`, { headers });
    expect(file.status).toBe(200);
    const fileBytes = Buffer.from(await file.arrayBuffer());
    expect(needles().some((n) => fileBytes.includes(n))).toBe(false);
    // The token cannot register an attacker's key either: it takes the device's signature.
    expect(openSealed(id.boxKey, sealed, `restore-page\n${id.deviceId}\n0`)).not.toBeNull();
  });
});

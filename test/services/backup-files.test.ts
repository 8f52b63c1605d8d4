// Attachments in a backup saved to a chosen place: save with two scans → a new PC → restore →
// rows and bytes back; a damaged copy is refused and reported; a bad database copies nothing;
// a database-only backup (old, or its folder lost) still restores and names what is missing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import { decryptFile, fileKeyOf, sha256Of, storedFilePath } from '../../services/file-store';
import { startSetUpApp, tempDir, type TestApp } from '../support/backend';
import { procedureId, receiveInput, startDemoDesk } from '../support/desk';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const MIGRATIONS = path.resolve('db/migrations');

const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
});

/** A demo office with one dossier holding a PDF and a PNG, saved to a chosen file. */
async function savedOfficeWithScans() {
  const app = await startDemoDesk();
  apps.push(app);
  const pid = await procedureId(app, '1.001193');
  const d = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
  for (const [fileName, bytes] of [
    ['Giấy chứng sinh.pdf', PDF],
    ['ảnh CCCD.png', PNG],
  ] as const)
    await app.ok('motcua')('dossiers.attach', {
      dossierId: d.dossier.id,
      fileName,
      base64: bytes.toString('base64'),
    });
  expect(await app.ok('admin')('backup.attachments', {})).toEqual({
    count: 2,
    bytes: PDF.length + PNG.length,
  });
  // A demo office has no recovery code until the admin makes one.
  const { recoveryCode } = await app.ok('admin')('backup.newRecoveryCode', {});
  const target = path.join(tempDir('isoxa-usb-'), 'iso-xa-2026-11-23.sqlite');
  const saved = await app.ok('admin')('backup.saveAs', { path: target });
  const folder = path.join(path.dirname(target), 'iso-xa-2026-11-23.files');
  expect(saved).toEqual({
    path: target,
    attachments: { folder, count: 2, bytes: PDF.length + PNG.length, unavailable: 0 },
  });
  return {
    app,
    target,
    folder,
    dossierId: d.dossier.id,
    code: d.dossier.code,
    recoveryCode,
  };
}

/** A new PC: an empty data folder with a freshly set-up office. */
async function newPc(): Promise<TestApp> {
  const app = await startSetUpApp();
  apps.push(app);
  return app;
}

async function readBack(app: TestApp, dossierId: string): Promise<Map<string, Buffer | string>> {
  await app.ok('motcua')('auth.login', { username: 'motcua', password: DEMO_PASSWORD });
  const list = await app.ok('motcua')('dossiers.attachments', { dossierId });
  const out = new Map<string, Buffer | string>();
  for (const item of list.items) {
    const r = await app.as('motcua')('dossiers.attachment', { id: item.id });
    out.set(item.fileName, r.ok ? Buffer.from(r.value.base64, 'base64') : r.error.code);
  }
  return out;
}

describe('attachments in a backup saved to a chosen place', () => {
  it('carries both files and brings rows and bytes back on a new PC', async () => {
    const { app, target, folder, dossierId, recoveryCode } = await savedOfficeWithScans();
    for (const bytes of [PDF, PNG]) {
      const sha = sha256Of(bytes);
      // Carried encrypted: only the office's key opens the copy.
      const copy = fs.readFileSync(path.join(folder, sha.slice(0, 2), sha));
      expect(copy.includes(bytes.subarray(0, 16))).toBe(false);
      expect(decryptFile(fileKeyOf(app.dataDir), sha, copy)?.equals(bytes)).toBe(true);
    }
    const pc = await newPc();
    const r = await pc.ok('admin')('backup.restore', { path: target, recoveryCode });
    expect(r.attachments).toEqual({
      total: 2,
      restored: 2,
      damaged: 0,
      missingCount: 0,
      missing: [],
    });
    expect(r.message).toBe(
      'Đã khôi phục dữ liệu. Đã chép lại 2 tệp đính kèm. Đủ 2 tệp đính kèm trên máy. Vui lòng đăng nhập lại.',
    );
    const back = await readBack(pc, dossierId);
    expect(back.get('Giấy chứng sinh.pdf')).toEqual(PDF);
    expect(back.get('ảnh CCCD.png')).toEqual(PNG);

    // Restoring again: the good files already there are not touched.
    const stored = storedFilePath(pc.dataDir, sha256Of(PDF));
    const before = fs.statSync(stored);
    await pc.ok('admin')('auth.login', { username: 'admin', password: DEMO_PASSWORD });
    const again = await pc.ok('admin')('backup.restore', { path: target, recoveryCode });
    expect(again.attachments).toMatchObject({ total: 2, restored: 0, missingCount: 0 });
    expect(fs.statSync(stored)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
  });

  it('refuses a damaged file in the backup and reports the attachment still missing', async () => {
    const { target, folder, dossierId, code, recoveryCode } = await savedOfficeWithScans();
    const sha = sha256Of(PNG);
    const copy = path.join(folder, sha.slice(0, 2), sha);
    const damaged = Buffer.from(PNG);
    damaged[damaged.length - 1] ^= 0xff; // same size, other bytes
    fs.writeFileSync(copy, damaged);
    const pc = await newPc();
    const r = await pc.ok('admin')('backup.restore', { path: target, recoveryCode });
    expect(r.attachments).toEqual({
      total: 2,
      restored: 1,
      damaged: 1,
      missingCount: 1,
      missing: [{ dossierCode: code, fileName: 'ảnh CCCD.png' }],
    });
    expect(r.message).toContain('Đã chép lại 1 tệp đính kèm.');
    expect(r.message).toContain('1 tệp đính kèm trong bản sao lưu bị hỏng');
    expect(r.message).toContain(`Còn thiếu 1 tệp đính kèm (${code}: ảnh CCCD.png)`);
    expect(fs.existsSync(storedFilePath(pc.dataDir, sha))).toBe(false);
    const back = await readBack(pc, dossierId);
    expect(back.get('Giấy chứng sinh.pdf')).toEqual(PDF);
    expect(back.get('ảnh CCCD.png')).toBe('FILE_MISSING');
  });

  it('copies no file when the database part is bad', async () => {
    const { target } = await savedOfficeWithScans();
    fs.writeFileSync(target, Buffer.alloc(8192, 7));
    const pc = await newPc();
    const r = await pc.as('admin')('backup.restore', { path: target });
    expect(r).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect(fs.existsSync(path.join(pc.dataDir, 'files'))).toBe(false);
    expect(fs.readdirSync(pc.dataDir).filter((f) => f.endsWith('.restore'))).toEqual([]);
    expect((await pc.ok('admin')('office.get', {})).name).toBe('UBND xã Kiểm Thử');
  });

  it('restores a database-only backup and names the attachments it cannot bring back', async () => {
    const { target, folder, dossierId, code, recoveryCode } = await savedOfficeWithScans();
    fs.rmSync(folder, { recursive: true });
    const pc = await newPc();
    const r = await pc.ok('admin')('backup.restore', { path: target, recoveryCode });
    expect(r.attachments).toMatchObject({ total: 2, restored: 0, damaged: 0, missingCount: 2 });
    expect(r.message).toContain(`Còn thiếu 2 tệp đính kèm (${code}: Giấy chứng sinh.pdf; `);
    expect([...(await readBack(pc, dossierId)).values()]).toEqual(['FILE_MISSING', 'FILE_MISSING']);
  });

  it('still restores an old backup made before attachments existed', async () => {
    const migrations = tempDir();
    fs.cpSync(MIGRATIONS, migrations, { recursive: true });
    const journalFile = path.join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
      entries: { tag: string }[];
    };
    const cut = journal.entries.findIndex((e) => e.tag.endsWith('_attachments'));
    expect(cut).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, cut);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const old = await startSetUpApp({ migrationsDir: migrations });
    apps.push(old);
    expect(await old.ok('admin')('backup.attachments', {})).toEqual({ count: 0, bytes: 0 });
    const target = path.join(tempDir('isoxa-usb-'), 'cu.sqlite');
    expect(await old.ok('admin')('backup.saveAs', { path: target })).toEqual({
      path: target,
      attachments: { folder: null, count: 0, bytes: 0, unavailable: 0 },
    });
    expect(fs.readdirSync(path.dirname(target))).toEqual(['cu.sqlite']);

    const pc = await newPc();
    await pc.ok('admin')('office.update', {
      name: 'UBND xã Máy Mới',
      agencyCode: '000.00.99.H56',
      province: 'Tỉnh Phú Thọ',
      commune: 'Xã Máy Mới',
      address: '',
      sessionTimeoutMinutes: 15,
      backupKeep: 7,
    });
    const r = await pc.ok('admin')('backup.restore', {
      path: target,
      recoveryCode: old.recoveryCode,
    });
    expect(r).toEqual({
      restored: true,
      attachments: { total: 0, restored: 0, damaged: 0, missingCount: 0, missing: [] },
      message: 'Đã khôi phục dữ liệu. Vui lòng đăng nhập lại.',
    });
    await pc.ok('admin')('auth.login', { username: 'quantri', password: 'matkhau-123' });
    expect((await pc.ok('admin')('office.get', {})).name).toBe('UBND xã Kiểm Thử');
    expect(await pc.ok('admin')('backup.attachments', {})).toEqual({ count: 0, bytes: 0 });
  });
});

// Files chosen by path (issue 11, item 9): backup.saveAs and sync.exportFile take a path from
// their caller. Before these rules a caller could overwrite any file the user may write (a
// Word document, another program's database, the office's own live database), write without
// the kind's extension, or land in the process's working directory. Each case below is the
// attack or the mistake, and what is left on disk afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveChosenFile, type FileKind } from '../../services/chosen-file';
import { startSetUpApp, tempDir, type TestApp } from '../support/backend';
import { enrolledOffice, provinceFixture } from '../sync/support/env';

const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
});

async function office(documentsDir: string): Promise<TestApp> {
  const app = await startSetUpApp({
    platform: { kind: 'test', appVersion: '0.0.0-test', documentsDir },
  });
  apps.push(app);
  return app;
}

const BACKUP_MAGIC = 'ISOXA-BACKUP-1\n';

describe('backup.saveAs to a typed path', () => {
  it('refuses to overwrite a file that is not a backup, and leaves it as it was', async () => {
    const dir = tempDir('isoxa-chosen-');
    const app = await office(dir);
    // Another program's database, with the backup's extension.
    const foreign = path.join(dir, 'ke-toan.sqlite');
    fs.writeFileSync(foreign, 'SQLite format 3\0 sổ kế toán');
    for (const replace of [false, true]) {
      const r = await app.as('admin')('backup.saveAs', { path: foreign, replace });
      expect(r).toMatchObject({ ok: false, error: { code: 'SAVE_PATH_INVALID' } });
      if (!r.ok) expect(r.error.message).toContain('không phải tệp sao lưu ISO Xã');
    }
    expect(fs.readFileSync(foreign, 'utf8')).toBe('SQLite format 3\0 sổ kế toán');
    expect(fs.readdirSync(dir)).toEqual(['ke-toan.sqlite']);
  });

  it('requires the .sqlite extension of a typed path', async () => {
    const dir = tempDir('isoxa-chosen-');
    const app = await office(dir);
    const letter = path.join(dir, 'thu.docx');
    fs.writeFileSync(letter, 'PK\u0003\u0004 a letter');
    for (const typed of [letter, path.join(dir, 'sao-luu')]) {
      const r = await app.as('admin')('backup.saveAs', { path: typed, replace: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'SAVE_PATH_INVALID' } });
      if (!r.ok) expect(r.error.message).toContain('đuôi .sqlite');
    }
    expect(fs.readFileSync(letter, 'utf8')).toBe('PK\u0003\u0004 a letter');
    expect(fs.readdirSync(dir)).toEqual(['thu.docx']);
  });

  it('takes a relative path from the documents folder, not the working directory', async () => {
    const docs = tempDir('isoxa-docs-');
    const app = await office(docs);
    const saved = await app.ok('admin')('backup.saveAs', { path: 'sao-luu-thang-12.sqlite' });
    expect(saved.path).toBe(path.join(docs, 'sao-luu-thang-12.sqlite'));
    expect(
      fs.readFileSync(path.join(docs, 'sao-luu-thang-12.sqlite')).subarray(0, 15).toString(),
    ).toBe(BACKUP_MAGIC);
    expect(fs.existsSync(path.resolve('sao-luu-thang-12.sqlite'))).toBe(false);
  });

  it('asks before replacing an earlier backup, and replaces it when told', async () => {
    const dir = tempDir('isoxa-chosen-');
    const app = await office(dir);
    const target = path.join(dir, 'iso-xa.sqlite');
    await app.ok('admin')('backup.saveAs', { path: target });
    const first = fs.readFileSync(target);
    const o = await app.ok('admin')('office.get', {});
    await app.ok('admin')('office.update', {
      name: 'UBND xã Đổi Tên',
      agencyCode: o.agencyCode,
      province: o.province,
      commune: o.commune,
      address: o.address,
      sessionTimeoutMinutes: o.sessionTimeoutMinutes,
      backupKeep: o.backupKeep,
    });
    const again = await app.as('admin')('backup.saveAs', { path: target });
    expect(again).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    expect(fs.readFileSync(target).equals(first)).toBe(true);
    const replaced = await app.ok('admin')('backup.saveAs', { path: target, replace: true });
    expect(replaced.path).toBe(target);
    expect(fs.readFileSync(target).equals(first)).toBe(false);
    expect(fs.readFileSync(target).subarray(0, 15).toString()).toBe(BACKUP_MAGIC);
  });

  it("never writes inside the office's data folder (the live database, its keys)", async () => {
    const app = await office(tempDir('isoxa-docs-'));
    const before = fs.readdirSync(app.dataDir).sort();
    const live = path.join(app.dataDir, 'isoxa.sqlite');
    const liveBytes = fs.statSync(live).size;
    for (const p of [
      live,
      path.join(app.dataDir, 'backups', 'x.sqlite'),
      path.join(app.dataDir, 'moi.sqlite'),
    ]) {
      const r = await app.as('admin')('backup.saveAs', { path: p, replace: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'SAVE_PATH_INVALID' } });
    }
    expect(fs.readdirSync(app.dataDir).sort()).toEqual(before);
    expect(fs.statSync(live).size).toBe(liveBytes);
  });
});

describe('sync.exportFile to a typed path', () => {
  const province = provinceFixture();

  it('refuses a foreign file and a missing extension, asks before replacing its own', async () => {
    const o = await enrolledOffice(province.h);
    province.track(o.app);
    const dir = tempDir('isoxa-usb-');
    const notes = path.join(dir, 'ghi-chu.isoxa-sync');
    fs.writeFileSync(notes, 'not a sync file');
    const foreign = await o.app.as('admin')('sync.exportFile', { path: notes, replace: true });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'SAVE_PATH_INVALID' } });
    if (!foreign.ok) expect(foreign.error.message).toContain('không phải tệp đồng bộ ISO Xã');
    expect(fs.readFileSync(notes, 'utf8')).toBe('not a sync file');
    const bare = await o.app.as('admin')('sync.exportFile', { path: path.join(dir, 'dong-bo') });
    expect(bare).toMatchObject({ ok: false, error: { code: 'SAVE_PATH_INVALID' } });

    const target = path.join(dir, 'dong-bo.isoxa-sync');
    await o.app.ok('admin')('sync.exportFile', { path: target });
    expect(fs.readFileSync(target).subarray(0, 8).toString()).toBe('ISOXASYN');
    const again = await o.app.as('admin')('sync.exportFile', { path: target });
    expect(again).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    await o.app.ok('admin')('sync.exportFile', { path: target, replace: true });
    expect(fs.readdirSync(dir).sort()).toEqual(['dong-bo.isoxa-sync', 'ghi-chu.isoxa-sync']);
  });
});

describe('a path from the save dialog', () => {
  const kind: FileKind = { extension: '.sqlite', magic: Buffer.from('MAGIC'), name: 'tệp thử' };

  it('gets its extension added; the dialog has already asked before replacing', () => {
    const dir = tempDir('isoxa-chosen-');
    const dataDir = tempDir('isoxa-data-');
    expect(resolveChosenFile({ raw: path.join(dir, 'a'), from: 'dialog' }, kind, { dataDir })).toBe(
      path.join(dir, 'a.sqlite'),
    );
    fs.writeFileSync(path.join(dir, 'b.sqlite'), 'MAGIC and more');
    expect(
      resolveChosenFile({ raw: path.join(dir, 'b.sqlite'), from: 'dialog' }, kind, { dataDir }),
    ).toBe(path.join(dir, 'b.sqlite'));
  });

  it('still refuses a folder or a shortcut in the way', () => {
    const dir = tempDir('isoxa-chosen-');
    const dataDir = tempDir('isoxa-data-');
    fs.mkdirSync(path.join(dir, 'c.sqlite'));
    fs.writeFileSync(path.join(dir, 'real.sqlite'), 'MAGIC');
    fs.symlinkSync(path.join(dir, 'real.sqlite'), path.join(dir, 'link.sqlite'));
    for (const raw of ['c.sqlite', 'link.sqlite'])
      expect(() =>
        resolveChosenFile({ raw: path.join(dir, raw), from: 'dialog' }, kind, { dataDir }),
      ).toThrow(/thư mục|lối tắt/);
  });
});

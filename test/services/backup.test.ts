// Backups and start-up failures: backup → corrupt → restore → data back; bad candidates
// refused with the live data untouched; locked / newer / corrupt databases named clearly.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { openBackend } from '../../services/app';
import { DB_FILE_NAME, listBackups } from '../../services/backup';
import { restoreLatestBackup } from '../../services/recovery';
import {
  ADMIN,
  dumpDatabase,
  openBackupCopy,
  openOfficeFile,
  startSetUpApp,
  startTestApp,
  tempDir,
  type TestApp,
} from '../support/backend';

const MIGRATIONS = path.resolve('db/migrations');
let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

async function expectOpenFails(dataDir: string, code: string, migrationsDir = MIGRATIONS) {
  const error = await openBackend({
    dataDir,
    migrationsDir,
    platform: { kind: 'test', appVersion: 't' },
  }).then(
    (b) => {
      b.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

function corrupt(file: string) {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
  fs.closeSync(fd);
}

describe('backup and restore', () => {
  it('backup → corrupt the live file → clear error at start → restore → data back', async () => {
    app = await startSetUpApp();
    await app.ok('admin')('users.create', {
      username: 'motcua1',
      fullName: 'Lê Thị Mai',
      roles: ['desk_officer'],
      password: 'dong-lua-thom-9',
    });
    const backup = await app.ok('admin')('backup.create', {});
    expect(backup.sizeBytes).toBeGreaterThan(0);
    const { dataDir } = app;
    app.close();
    app = undefined;
    corrupt(path.join(dataDir, DB_FILE_NAME));
    await expectOpenFails(dataDir, 'DB_CORRUPT');
    expect(restoreLatestBackup(dataDir, MIGRATIONS)).toBe(backup.name);
    // The broken file is kept aside, not deleted.
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${DB_FILE_NAME}.hong-`))).toBe(true);
    app = await startTestApp({ dataDir });
    await app.ok('u')('auth.login', { username: 'motcua1', password: 'dong-lua-thom-9' });
  });

  it('restores online from an automatic backup; later changes are undone, a safety copy is kept', async () => {
    app = await startSetUpApp();
    expect(await app.backend.runDailyBackup()).toBe(true);
    expect(await app.backend.runDailyBackup()).toBe(false); // once a day
    const auto = listBackups(app.dataDir).find((b) => b.name.startsWith('auto-'))!;
    await app.ok('admin')('users.create', {
      username: 'sau',
      fullName: 'Sau Sao Lưu',
      roles: ['leader'],
      password: 'dong-lua-thom-9',
    });
    await app.ok('admin')('backup.restore', { name: auto.name });
    expect(listBackups(app.dataDir).some((b) => b.name.startsWith('pre-restore-'))).toBe(true);
    expect(await app.as('admin')('users.list', {})).toMatchObject({ ok: false }); // sessions ended
    await app.ok('admin')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const names = (await app.ok('admin')('users.list', {})).map((u) => u.username);
    expect(names).not.toContain('sau');
  });

  it('refuses a corrupt or foreign file and leaves the live data untouched', async () => {
    app = await startSetUpApp();
    const dir = tempDir();
    const bad = path.join(dir, 'hong.sqlite');
    fs.writeFileSync(bad, Buffer.alloc(8192, 7));
    const foreign = path.join(dir, 'khac.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t (x)');
    f.close();
    const before = dumpDatabase(app.backend);
    for (const candidate of [bad, foreign]) {
      const r = await app.as('admin')('backup.restore', { path: candidate });
      expect(r).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
      // SQLite's reason and the internal copy's path stay in the log.
      expect(JSON.stringify(r)).not.toMatch(/restore|SQLITE|not a database|integrity|\//i);
    }
    expect(await app.as('admin')('backup.restore', { name: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('saves a self-contained copy to a chosen path and keeps only the last N automatic backups', async () => {
    app = await startSetUpApp();
    const target = path.join(tempDir(), 'ban-sao.sqlite');
    expect(await app.ok('admin')('backup.saveAs', { path: target })).toEqual({
      path: target,
      attachments: { folder: null, count: 0, bytes: 0, unavailable: 0 },
    });
    const copy = openBackupCopy(target, app.dataDir);
    expect(copy.prepare('SELECT name FROM office').pluck().get()).toBe('UBND xã Kiểm Thử');
    copy.close();
    await app.ok('admin')('office.update', {
      name: 'UBND xã Kiểm Thử',
      agencyCode: '000.00.99.H56',
      province: 'Tỉnh Phú Thọ',
      commune: 'Xã Kiểm Thử',
      address: '',
      sessionTimeoutMinutes: 15,
      backupKeep: 2,
    });
    for (let day = 0; day < 4; day++) {
      app.clock.now += 86_400_000;
      await app.backend.runDailyBackup();
    }
    expect(listBackups(app.dataDir).filter((b) => b.name.startsWith('auto-'))).toHaveLength(2);
  });
});

describe('start-up failures', () => {
  it('a second process on the same database is refused as locked', async () => {
    app = await startSetUpApp();
    await expectOpenFails(app.dataDir, 'DB_LOCKED');
  });

  it('a database from a newer app is refused, not migrated', async () => {
    app = await startSetUpApp();
    const { dataDir } = app;
    app.close();
    app = undefined;
    const db = openOfficeFile(path.join(dataDir, DB_FILE_NAME), dataDir);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'future',
      9_999_999_999_999,
    );
    db.close();
    await expectOpenFails(dataDir, 'DB_NEWER');
  });

  it('backs up before applying a pending migration, then migrates', async () => {
    app = await startSetUpApp();
    const { dataDir } = app;
    app.close();
    app = undefined;
    const migrations = tempDir();
    fs.cpSync(MIGRATIONS, migrations, { recursive: true });
    const journalFile = path.join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
      entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[];
    };
    const last = journal.entries.at(-1)!;
    journal.entries.push({
      ...last,
      idx: last.idx + 1,
      when: last.when + 1000,
      tag: '9999_test_added',
    });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(
      path.join(migrations, '9999_test_added.sql'),
      'ALTER TABLE office ADD `note` text;',
    );
    app = await startTestApp({ dataDir, migrationsDir: migrations });
    expect(listBackups(dataDir).some((b) => b.name.startsWith('pre-migrate-'))).toBe(true);
    expect(app.backend.database().prepare('SELECT note FROM office').all()).toHaveLength(1);
  });
});

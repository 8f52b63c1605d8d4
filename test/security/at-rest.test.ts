// What an attacker holding the office PC's disk, a backup or a USB stick can read: nothing of
// a citizen's data, and no device key. Each test here fails on the code before encryption
// (plaintext database, WAL, backups and scans; the device key in sync_state).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../db/open';
import { backupTo } from '../../services/backup';
import { openBackupCopy, tempDir } from '../support/backend';
import { procedureId, receiveInput, startDemoDesk, type DeskApp } from '../support/desk';
import { encodings, filesContaining, filesUnder } from './support/grep';

const NAME = 'Trịnh Thị Bích Ngọc';
const ID_NUMBER = '079188004321';
const ADDRESS = 'Số 17 ngõ Hòe Nhai, phường Quỳnh Lôi';
/** A "scan" whose bytes carry the citizen's name and ID number, as a real one would. */
const SCAN = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(`Họ và tên: ${NAME}\nSố CCCD: ${ID_NUMBER}\n`),
  Buffer.alloc(4000, 0x41),
]);

const apps: DeskApp[] = [];
afterAll(() => {
  for (const a of apps) a.close();
});

async function officeWithCitizen() {
  const app = await startDemoDesk();
  apps.push(app);
  const proc = await procedureId(app, '1.001193');
  const d = await app.ok('motcua')(
    'dossiers.receive',
    receiveInput(proc, app.users.tuphap ?? '', {
      applicant: {
        fullName: NAME,
        idKind: 'cccd',
        idNumber: ID_NUMBER,
        address: ADDRESS,
        phone: '0987654321',
        email: '',
      },
    }),
  );
  await app.ok('motcua')('dossiers.attach', {
    dossierId: d.dossier.id,
    fileName: `CCCD ${NAME}.pdf`,
    base64: SCAN.toString('base64'),
  });
  return { app, dossierId: d.dossier.id };
}

const needles = () => [
  ...encodings(NAME),
  ...encodings(ID_NUMBER),
  ...encodings(ADDRESS),
  ...encodings(NAME.toUpperCase()),
  SCAN.subarray(0, 64),
];

describe('data at rest', () => {
  it('no database file, WAL, backup, stored scan or saved copy holds the citizen', async () => {
    const { app } = await officeWithCitizen();
    await app.backend.runDailyBackup();
    await app.ok('admin')('backup.create', {});
    const usb = tempDir('isoxa-usb-');
    const saved = await app.ok('admin')('backup.saveAs', {
      path: path.join(usb, 'sao-luu.sqlite'),
    });
    expect(saved.attachments?.count).toBe(1);
    // While the app runs: the WAL holds the latest pages.
    const live = filesUnder(app.dataDir, usb);
    expect(live.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(live.some((f) => f.includes(`${path.sep}files${path.sep}`))).toBe(true);
    expect(live.some((f) => f.includes(`${path.sep}backups${path.sep}`))).toBe(true);
    expect(filesContaining(live, needles())).toEqual([]);
    app.close();
    expect(filesContaining(filesUnder(app.dataDir, usb), needles())).toEqual([]);
  });

  it('the data folder is the user\u2019s own: 0700, every file 0600', async () => {
    if (process.platform === 'win32') return;
    const { app } = await officeWithCitizen();
    await app.ok('admin')('backup.create', {});
    expect(fs.statSync(app.dataDir).mode & 0o777).toBe(0o700);
    const loose = filesUnder(app.dataDir).filter((f) => (fs.statSync(f).mode & 0o077) !== 0);
    expect(loose).toEqual([]);
  });

  it('a backup saved outside the data folder is owner-only, its temporary copy too', async () => {
    if (process.platform === 'win32') return;
    const { app } = await officeWithCitizen();
    const usb = tempDir('isoxa-usb-');
    const dest = path.join(usb, 'sao-luu.sqlite');
    const live = app.backend.database();
    const modes: number[] = [];
    // The copy SQLite writes before it is wrapped: looked at right after VACUUM INTO made it.
    const watched = new Proxy(live, {
      get(target, prop, receiver) {
        if (prop !== 'prepare') return Reflect.get(target, prop, receiver) as unknown;
        return (text: string) => {
          const statement = target.prepare(text);
          if (!text.startsWith('VACUUM INTO')) return statement;
          return {
            run: (file: string) => {
              const result = statement.run(file);
              modes.push(fs.statSync(file).mode & 0o777);
              return result;
            },
          };
        };
      },
    });
    const umask = process.umask(0o022);
    try {
      await backupTo(watched, dest, app.dataDir);
    } finally {
      process.umask(umask);
    }
    expect(modes).toEqual([0o600]);
    expect(fs.statSync(dest).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(usb)).toEqual(['sao-luu.sqlite']);
  });

  it('the database cannot be opened without the key', async () => {
    const { app } = await officeWithCitizen();
    app.close();
    const file = path.join(app.dataDir, 'isoxa.sqlite');
    const db = new Database(file, { readonly: true, fileMustExist: true });
    expect(() => db.prepare('SELECT count(*) FROM dossiers').get()).toThrow(/not a database/);
    db.close();
  });
});

describe('a backup taken elsewhere', () => {
  it('does not open without the key or the recovery code, and restores with the code', async () => {
    const { app, dossierId } = await officeWithCitizen();
    const { recoveryCode } = await app.ok('admin')('backup.newRecoveryCode', {});
    expect(recoveryCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    const usb = tempDir('isoxa-usb-');
    const target = path.join(usb, 'sao-luu.sqlite');
    await app.ok('admin')('backup.saveAs', { path: target });
    // Copied to another folder, away from this PC's key.
    const elsewhere = path.join(tempDir('isoxa-elsewhere-'), 'ban-sao.sqlite');
    fs.cpSync(usb, path.dirname(elsewhere), { recursive: true });
    fs.renameSync(path.join(path.dirname(elsewhere), 'sao-luu.sqlite'), elsewhere);
    fs.renameSync(
      path.join(path.dirname(elsewhere), 'sao-luu.files'),
      path.join(path.dirname(elsewhere), 'ban-sao.files'),
    );

    const pc = await startDemoDesk();
    apps.push(pc);
    const without = await pc.as('admin')('backup.restore', { path: elsewhere });
    expect(without).toMatchObject({
      ok: false,
      error: {
        code: 'BACKUP_LOCKED',
        message: expect.stringContaining('Hãy nhập mã khôi phục của cơ quan') as unknown,
      },
    });
    const wrong = await pc.as('admin')('backup.restore', {
      path: elsewhere,
      recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'RECOVERY_CODE_WRONG',
        message: expect.stringContaining('Mã khôi phục không đúng') as unknown,
      },
    });
    // Nothing changed on the new PC.
    expect((await pc.ok('motcua')('dossiers.list', { page: 1, pageSize: 20 })).total).toBe(0);

    // Typed as read from the paper: lower case, spaces instead of dashes.
    const typed = recoveryCode.toLowerCase().replaceAll('-', ' ');
    const r = await pc.ok('admin')('backup.restore', { path: elsewhere, recoveryCode: typed });
    expect(r.attachments).toMatchObject({ total: 1, restored: 1, missingCount: 0 });
    await pc.relogin();
    const back = await pc.ok('motcua')('dossiers.get', { id: dossierId });
    expect(back.dossier.applicantName).toBe(NAME);
    const list = await pc.ok('motcua')('dossiers.attachments', { dossierId });
    const scan = await pc.ok('motcua')('dossiers.attachment', { id: list.items[0]?.id ?? '' });
    expect(Buffer.from(scan.base64, 'base64').equals(SCAN)).toBe(true);
    // The backup stays readable by the office that made it, without any code.
    const own = openBackupCopy(target, app.dataDir);
    expect(own.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 1 });
    own.close();
  }, 120_000);
});

// An office from before encryption is upgraded at start-up: database, WAL, old backups and
// stored scans. kill -9 at random moments of that upgrade, again and again, then a start that
// finishes: after every kill the office is whole (plaintext or encrypted, never torn), and at
// the end nothing is left in the clear. The same for an office encrypted in the earlier scheme
// (SQLCipher 4), re-encrypted in AEGIS-256: whole after every kill, its old backup restorable.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database, cipherSchemeOf, isPlainDatabase, openSqlite, type Sqlite } from '../../db/open';
import { prepareRestore } from '../../services/backup';
import { defaultMigrationsDir } from '../../services/app';
import { readBackupHeader, writeBackupFile } from '../../services/backup-format';
import { decryptFile, sha256Of } from '../../services/file-store';
import { fileProtector, keyringExists, openKeyring } from '../../services/security/keyring';
import { startTestApp } from '../support/backend';
import { procedureId, receiveInput } from '../support/desk';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import { rng } from '../sync/support/proxy';
import { encodings, filesContaining, filesUnder } from './support/grep';

const DOSSIERS = 12;
const KILLS = 8;
const NAME = 'Lường Văn Khánh';

/** An office with DOSSIERS received dossiers, each with a scan; still running. */
async function officeWithDossiers(plainDatabase: boolean) {
  const app = await startTestApp({ plainDatabase });
  await app.ok('setup')('setup.demo', {});
  await app.ok('motcua')('auth.login', { username: 'motcua', password: DEMO_PASSWORD });
  const specialist = await app.ok('tuphap')('auth.login', {
    username: 'tuphap',
    password: DEMO_PASSWORD,
  });
  const proc = await procedureId(app, '1.001193');
  const scans: Buffer[] = [];
  for (let i = 0; i < DOSSIERS; i++) {
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(proc, specialist.user.id, {
        applicant: {
          fullName: `${NAME} ${i}`,
          idKind: 'cccd',
          idNumber: `0011990${String(i).padStart(5, '0')}`,
          address: '',
          phone: '',
          email: '',
        },
      }),
    );
    const scan = Buffer.concat([
      Buffer.from(`%PDF-1.4 scan of ${NAME} ${i}\n`),
      Buffer.alloc(2000, i),
    ]);
    scans.push(scan);
    await app.ok('motcua')('dossiers.attach', {
      dossierId: d.dossier.id,
      fileName: `ban-quet-${i}.pdf`,
      base64: scan.toString('base64'),
    });
  }
  return { app, scans };
}

/** Keeps the last change in the WAL, as a running app leaves it (closing would checkpoint). */
function changeLeftInWal(dataDir: string, key: Buffer | null): void {
  const db = openSqlite(path.join(dataDir, 'isoxa.sqlite'), key);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.prepare("UPDATE office SET address = 'Thôn Mới'").run();
  fs.copyFileSync(path.join(dataDir, 'isoxa.sqlite-wal'), path.join(dataDir, 'wal-copy'));
  db.close();
  fs.renameSync(path.join(dataDir, 'wal-copy'), path.join(dataDir, 'isoxa.sqlite-wal'));
}

/** A data folder as the app before encryption left it: plain database, backup and scans. */
async function plaintextOffice(): Promise<{ dataDir: string; scans: Buffer[] }> {
  const { app, scans } = await officeWithDossiers(true);
  const dataDir = app.dataDir;
  const fileKey = openKeyring(dataDir, fileProtector, false).fileKey();
  app.close();
  // Scans as they were stored before: plain bytes under their sha256.
  for (const f of filesUnder(path.join(dataDir, 'files'))) {
    const plain = decryptFile(fileKey, path.basename(f), fs.readFileSync(f));
    if (!plain) throw new Error(`fixture: ${f}`);
    fs.writeFileSync(f, plain);
  }
  fs.rmSync(path.join(dataDir, 'backups'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dataDir, 'backups'));
  fs.copyFileSync(
    path.join(dataDir, 'isoxa.sqlite'),
    path.join(dataDir, 'backups', 'auto-20261120-100000.sqlite'),
  );
  fs.rmSync(path.join(dataDir, 'keyring.json'));
  changeLeftInWal(dataDir, null);
  return { dataDir, scans };
}

/** Re-encrypts a database file in the SQLCipher 4 scheme the app wrote before AEGIS. */
function toSqlcipherScheme(file: string, key: Buffer): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("cipher = 'aegis'");
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    db.close();
  }
}

/** A data folder as the version before AEGIS left it: SQLCipher 4 database and backup. */
async function sqlcipherOffice() {
  const { app, scans } = await officeWithDossiers(false);
  const dataDir = app.dataDir;
  app.close();
  const keyring = openKeyring(dataDir, fileProtector, false);
  const live = path.join(dataDir, 'isoxa.sqlite');
  toSqlcipherScheme(live, keyring.dbKey());
  const oldBackup = path.join(dataDir, 'old-backup.sqlite');
  writeBackupFile(live, oldBackup, keyring.envelope(), Date.now());
  changeLeftInWal(dataDir, keyring.dbKey());
  return { dataDir, scans, oldBackup, key: keyring.dbKey() };
}

/** The scheme the live database is written in (null: plaintext). */
function liveScheme(dataDir: string): string | null {
  const db = openLive(dataDir);
  try {
    return cipherSchemeOf(db);
  } finally {
    db.close();
  }
}

/**
 * How long the whole upgrade takes on this machine now, from 'go' to exit, timed on a copy:
 * the kills are drawn within it (a fixed window was all after the end on a fast machine, or
 * all before the upgrade's start on a loaded one).
 */
async function upgradeMs(dataDir: string): Promise<number> {
  const copy = `${dataDir}-timing`;
  fs.cpSync(dataDir, copy, { recursive: true });
  try {
    const run = await runChild(copy, null);
    if (run.outcome !== 'done') throw new Error('timing run killed');
    return run.ms;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

async function killAtRandom(dataDir: string, scans: readonly Buffer[], seed: number) {
  const random = rng(seed);
  const window = await upgradeMs(dataDir);
  let killed = 0;
  for (let k = 0; k < KILLS; k++) {
    const run = await runChild(dataDir, Math.floor(random() * window));
    if (run.outcome === 'killed') killed++;
    expectWhole(dataDir, scans);
  }
  expect(killed).toBeGreaterThan(0);
  expect((await runChild(dataDir, null)).outcome).toBe('done');
  expectWhole(dataDir, scans);
}

/** 'killed', or 'done' with the time from 'go' (the upgrade's start) to its exit. */
type ChildRun = { readonly outcome: 'killed' } | { readonly outcome: 'done'; readonly ms: number };

function runChild(dataDir: string, killAfterMs: number | null): Promise<ChildRun> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('test/security/support/upgrade-child.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  let out = '';
  let goAt = NaN;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (Number.isNaN(goAt) && out.startsWith('go\n')) goAt = performance.now();
    if (killAfterMs !== null && out.startsWith('go\n') && !out.includes('#')) {
      out += '#';
      setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ outcome: 'killed' });
      else if (code === 0) resolve({ outcome: 'done', ms: performance.now() - goAt });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

function openLive(dataDir: string): Sqlite {
  const live = path.join(dataDir, 'isoxa.sqlite');
  if (isPlainDatabase(live)) return openSqlite(live, null, { readonly: true, fileMustExist: true });
  expect(keyringExists(dataDir)).toBe(true);
  const key = openKeyring(dataDir, fileProtector, false).dbKey();
  return openSqlite(live, key, { readonly: true, fileMustExist: true });
}

/** The office is whole: its database opens, checks, and holds every dossier and the last change. */
function expectWhole(dataDir: string, scans: readonly Buffer[]): void {
  const db = openLive(dataDir);
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: DOSSIERS });
    expect(db.prepare('SELECT address FROM office').get()).toEqual({ address: 'Thôn Mới' });
  } finally {
    db.close();
  }
  const fileKey = keyringExists(dataDir)
    ? openKeyring(dataDir, fileProtector, false).fileKey()
    : Buffer.alloc(32);
  for (const scan of scans) {
    const sha = sha256Of(scan);
    const stored = fs.readFileSync(path.join(dataDir, 'files', sha.slice(0, 2), sha));
    expect(decryptFile(fileKey, sha, stored)?.equals(scan)).toBe(true);
  }
}

describe('upgrade of a plaintext office to encryption', () => {
  it(`survives kill -9 at ${KILLS} random moments, then finishes with nothing in the clear`, async () => {
    const { dataDir, scans } = await plaintextOffice();
    expectWhole(dataDir, scans);
    await killAtRandom(dataDir, scans, 1107);
    expect(liveScheme(dataDir)).toBe('aegis');

    const live = path.join(dataDir, 'isoxa.sqlite');
    expect(isPlainDatabase(live)).toBe(false);
    const backups = fs.readdirSync(path.join(dataDir, 'backups'));
    expect(backups).toContain('auto-20261120-100000.sqlite');
    expect(backups.some((b) => b.startsWith('pre-encrypt-'))).toBe(true);
    for (const b of backups)
      expect(readBackupHeader(path.join(dataDir, 'backups', b))).not.toBeNull();
    const leftovers = filesUnder(dataDir).filter((f) => /\.(part|tmp|encrypting)$/.test(f));
    expect(leftovers).toEqual([]);
    const needles = [...encodings(NAME), ...scans.map((s) => s.subarray(0, 24))];
    expect(filesContaining(filesUnder(dataDir), needles)).toEqual([]);
    expect(openKeyring(dataDir, fileProtector, false).legacyWorkPending).toBe(false);
  }, 600_000);
});

describe('upgrade of an office encrypted in the SQLCipher 4 scheme to AEGIS-256', () => {
  it(`survives kill -9 at ${KILLS} random moments, then the database is AEGIS and old backups restore`, async () => {
    const { dataDir, scans, oldBackup, key } = await sqlcipherOffice();
    expect(liveScheme(dataDir)).toBe('sqlcipher');
    expectWhole(dataDir, scans);
    // What a cut of an earlier upgrade leaves: the part of its backup being written.
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'backups', 'pre-encrypt-20261120-100000.sqlite.part'), 'x');
    await killAtRandom(dataDir, scans, 2207);
    expect(liveScheme(dataDir)).toBe('aegis');
    // The file no longer opens as SQLCipher with the same key.
    const asOld = new Database(path.join(dataDir, 'isoxa.sqlite'), { readonly: true });
    asOld.pragma("cipher = 'sqlcipher'");
    asOld.pragma('legacy = 4');
    asOld.pragma(`key = "x'${key.toString('hex')}'"`);
    expect(() => asOld.prepare('SELECT count(*) FROM dossiers').get()).toThrow(/not a database/);
    asOld.close();
    expect(
      fs.readdirSync(path.join(dataDir, 'backups')).some((b) => b.startsWith('pre-encrypt-')),
    ).toBe(true);
    const leftovers = filesUnder(dataDir).filter((f) => /\.(part|tmp|encrypting)$/.test(f));
    expect(leftovers).toEqual([]);
    expect(filesContaining(filesUnder(dataDir), encodings(NAME))).toEqual([]);

    // A backup saved by the earlier version restores, re-encrypted in the current scheme.
    const prepared = prepareRestore(
      oldBackup,
      path.join(dataDir, 'isoxa.sqlite'),
      defaultMigrationsDir(),
    );
    const restored = openSqlite(prepared.file, key, { readonly: true, fileMustExist: true });
    try {
      expect(cipherSchemeOf(restored)).toBe('aegis');
      expect(restored.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: DOSSIERS });
    } finally {
      restored.close();
      fs.rmSync(prepared.file, { force: true });
    }
  }, 600_000);
});

// An office from before encryption is upgraded at start-up: database, WAL, old backups and
// stored scans. kill -9 at random moments of that upgrade, again and again, then a start that
// finishes: after every kill the office is whole (plaintext or encrypted, never torn), and at
// the end nothing is left in the clear.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlainDatabase, openSqlite, type Sqlite } from '../../db/open';
import { readBackupHeader } from '../../services/backup-format';
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

/** A data folder as the app before encryption left it: plain database, backup and scans. */
async function plaintextOffice(): Promise<{ dataDir: string; scans: Buffer[] }> {
  const app = await startTestApp({ plainDatabase: true });
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
  // The last change still in the WAL, as a running app leaves it.
  const db = openSqlite(path.join(dataDir, 'isoxa.sqlite'), null);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.prepare("UPDATE office SET address = 'Thôn Mới'").run();
  fs.copyFileSync(path.join(dataDir, 'isoxa.sqlite-wal'), path.join(dataDir, 'wal-copy'));
  // Closing would checkpoint: put the WAL back as it was before the close.
  db.close();
  fs.renameSync(path.join(dataDir, 'wal-copy'), path.join(dataDir, 'isoxa.sqlite-wal'));
  return { dataDir, scans };
}

function runChild(dataDir: string, killAfterMs: number | null): Promise<'killed' | 'done'> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('test/security/support/upgrade-child.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (killAfterMs !== null && out.startsWith('go\n') && !out.includes('#')) {
      out += '#';
      setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('done');
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
    const random = rng(1107);
    let killed = 0;
    for (let k = 0; k < KILLS; k++) {
      const outcome = await runChild(dataDir, Math.floor(random() * 400));
      if (outcome === 'killed') killed++;
      expectWhole(dataDir, scans);
    }
    expect(killed).toBeGreaterThan(0);
    expect(await runChild(dataDir, null)).toBe('done');
    expectWhole(dataDir, scans);

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

// The upgrade of an office from before encryption: the plaintext database, its backups and
// its stored files are rewritten encrypted, each step safe to kill at any moment (power cut,
// kill -9) and simply done again at the next start. A database encrypted in the earlier
// scheme (SQLCipher 4) is re-encrypted in the current one (AEGIS-256) the same way. The live file is replaced only once an
// encrypted, checked copy of it exists and has been saved as a backup; until that rename the
// plaintext file is untouched, after it the encrypted one is complete.
import fs from 'node:fs';
import path from 'node:path';
import { vietnamStamp } from '../../core/calendar/civil-time';
import {
  CURRENT_SCHEME,
  cipherSchemeOf,
  classifyOpenError,
  isPlainDatabase,
  openSqlite,
  rekey,
} from '../../db/open';
import { writeBackupFile } from '../backup-format';
import { encryptLegacyFiles } from '../file-store';
import type { Keyring } from './keyring';
import { fsyncFile, restrictFile, syncDir } from './private-files';

const DB_FILE_NAME = 'isoxa.sqlite';
const BACKUP_RE = /^(auto|manual|pre-migrate|pre-restore|pre-encrypt)-\d{8}-\d{6}(-\d+)?\.sqlite$/;

/**
 * A copy of the database `from` (plain, or encrypted with `fromKey` in any scheme) encrypted
 * with `key` in the current scheme, checked and flushed, at `dest`.
 */
function encryptedCopy(from: string, dest: string, key: Buffer, fromKey: Buffer | null): void {
  fs.rmSync(dest, { force: true });
  fs.rmSync(`${dest}-journal`, { force: true });
  fs.copyFileSync(from, dest);
  const db = openSqlite(dest, fromKey, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    rekey(db, key);
  } finally {
    db.close();
  }
  const check = openSqlite(dest, key, { fileMustExist: true });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`encrypted copy check: ${String(result)}`);
  } finally {
    check.close();
  }
  fsyncFile(dest);
}

function uniqueBackupName(dir: string, now: number): string {
  let name = `pre-encrypt-${vietnamStamp(now)}.sqlite`;
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++)
    name = `pre-encrypt-${vietnamStamp(now)}-${i}.sqlite`;
  return name;
}

/** `fromKey`: null for a plaintext database, else its key (an earlier scheme). */
function encryptLiveDatabase(
  dataDir: string,
  keyring: Keyring,
  now: number,
  fromKey: Buffer | null,
): void {
  const live = path.join(dataDir, DB_FILE_NAME);
  const work = `${live}.encrypting`;
  // Fold the WAL into the file: the copy must be the whole database.
  const before = openSqlite(live, fromKey, { fileMustExist: true, timeout: 500 });
  try {
    before.pragma('journal_mode = DELETE');
  } finally {
    before.close();
  }
  encryptedCopy(live, work, keyring.dbKey(), fromKey);
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const backup = path.join(dir, uniqueBackupName(dir, now));
  writeBackupFile(work, `${backup}.part`, keyring.envelope(), now);
  fs.renameSync(`${backup}.part`, backup);
  fs.renameSync(work, live);
  syncDir(dataDir);
  // A shared-memory index of the plaintext WAL must not be read against the new file.
  fs.rmSync(`${live}-shm`, { force: true });
  restrictFile(live);
}

/** The old plaintext backups become backup files encrypted with this office's key. */
function encryptLegacyBackups(dataDir: string, keyring: Keyring, now: number): void {
  const dir = path.join(dataDir, 'backups');
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith('.part') || name.endsWith('.encrypting')) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (!BACKUP_RE.test(name) || !isPlainDatabase(file)) continue;
    const work = `${file}.encrypting`;
    try {
      encryptedCopy(file, work, keyring.dbKey(), null);
    } catch (error) {
      // A damaged old backup is kept as it was, but never alongside a usable key.
      console.error('[isoxa] could not encrypt an old backup', name, error);
      fs.rmSync(work, { force: true });
      continue;
    }
    writeBackupFile(work, `${file}.part`, keyring.envelope(), now);
    fs.renameSync(`${file}.part`, file);
    fs.rmSync(work, { force: true });
  }
}

/** True when this data folder still holds a database from before encryption. */
export function needsEncryptionUpgrade(dataDir: string): boolean {
  const live = path.join(dataDir, DB_FILE_NAME);
  return fs.existsSync(live) && isPlainDatabase(live);
}

/** The part of a pre-encrypt backup an upgrade cut off (kill -9, power) was writing. */
function removeCutBackups(dataDir: string): void {
  const dir = path.join(dataDir, 'backups');
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir))
    if (name.startsWith('pre-encrypt-') && name.endsWith('.part'))
      fs.rmSync(path.join(dir, name), { force: true });
}

/** True when the live database is encrypted in an earlier scheme than the current one. */
export function needsCipherUpgrade(dataDir: string, key: Buffer): boolean {
  const live = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(live) || fs.statSync(live).size === 0 || isPlainDatabase(live)) return false;
  let db: ReturnType<typeof openSqlite>;
  try {
    db = openSqlite(live, key, { fileMustExist: true, timeout: 500 });
  } catch (error) {
    // Locked by another window, damaged, another key: said as the open itself says it.
    throw classifyOpenError(error) ?? error;
  }
  try {
    return cipherSchemeOf(db) !== CURRENT_SCHEME;
  } finally {
    db.close();
  }
}

/**
 * Brings a data folder from before encryption to the encrypted layout; does nothing (quickly)
 * when there is nothing left to do. Runs before the database is opened.
 */
export async function upgradeToEncrypted(
  dataDir: string,
  keyring: Keyring,
  now: number,
): Promise<void> {
  const live = path.join(dataDir, DB_FILE_NAME);
  fs.rmSync(`${live}.encrypting`, { force: true });
  fs.rmSync(`${live}.encrypting-journal`, { force: true });
  removeCutBackups(dataDir);
  if (needsEncryptionUpgrade(dataDir)) {
    // Noted first: a cut right after the swap must still find the old backups and files.
    keyring.setLegacyWorkPending(true);
    encryptLiveDatabase(dataDir, keyring, now, null);
  } else if (needsCipherUpgrade(dataDir, keyring.dbKey())) {
    encryptLiveDatabase(dataDir, keyring, now, keyring.dbKey());
  }
  if (keyring.legacyWorkPending) {
    encryptLegacyBackups(dataDir, keyring, now);
    await encryptLegacyFiles(dataDir);
    keyring.setLegacyWorkPending(false);
  }
}

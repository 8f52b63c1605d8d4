// Backups: encrypted copies of the database (backup-format.ts) in <dataDir>/backups (daily,
// before migrations, on demand), pruning to the last N, and restore from a file that is
// decrypted (this PC's key, or the office's recovery code) and integrity-checked first.
import fs from 'node:fs';
import path from 'node:path';
import { vietnamStamp } from '../core/calendar/civil-time';
import { AppError, backupLocked, ERROR_MESSAGES, escrowNotReleased } from '../core/errors';
import { shortKeyId } from '../core/sync/key-id';
import {
  CURRENT_SCHEME,
  cipherSchemeOf,
  isPlainDatabase,
  openSqlite,
  readJournal,
  rekey,
  type Sqlite,
} from '../db/open';
import { extractDatabase, readBackupHeader, writeBackupFile } from './backup-format';
import { subKey } from './security/aead';
import { keyringFor, unwrapWithRecoveryCode, type Keyring } from './security/keyring';
import { ensurePrivateDir, restrictFile } from './security/private-files';

export type BackupKind = 'auto' | 'manual' | 'pre-migrate' | 'pre-restore' | 'pre-encrypt';

export interface BackupInfo {
  readonly name: string;
  readonly sizeBytes: number;
  readonly createdAt: string;
}

export const DB_FILE_NAME = 'isoxa.sqlite';
const NAME_RE = /^(auto|manual|pre-migrate|pre-restore|pre-encrypt)-\d{8}-\d{6}(-\d+)?\.sqlite$/;

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** yyyymmdd-HHMMss in Vietnam time: the names officials see. */
const stamp = vietnamStamp;

/**
 * A consistent copy of a live connection to dest, as one self-contained backup file (no
 * WAL). VACUUM INTO writes the copy encrypted with the live database's own key (SQLite's
 * backup API refuses an encrypted source); the keyring of `dataDir` names it in the header.
 */
export async function backupTo(sqlite: Sqlite, dest: string, dataDir: string): Promise<void> {
  const tmp = `${dest}.part`;
  const db = `${dest}.db.part`;
  try {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(db, { force: true });
    // better-sqlite3 words a missing folder as a TypeError of its own: ask the file system.
    fs.accessSync(path.dirname(dest), fs.constants.W_OK);
    const keyring = keyringFor(dataDir);
    // The copy holds the thread: answers already computed go out first.
    await new Promise((resolve) => setImmediate(resolve));
    // VACUUM INTO keeps the mode of an existing empty file: the copy is owner-only from its
    // first byte, even in a folder of the user's choosing (a USB stick, Documents).
    fs.closeSync(fs.openSync(db, 'w', 0o600));
    restrictFile(db);
    sqlite.prepare('VACUUM INTO ?').run(db);
    const copy = openSqlite(db, isPlainDatabase(db) ? null : keyring.dbKey());
    copy.pragma('journal_mode = DELETE');
    copy.close();
    writeBackupFile(db, tmp, keyring.envelope(), Date.now());
    fs.renameSync(tmp, dest);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    if (error instanceof AppError) throw error;
    throw backupFailed(error);
  } finally {
    fs.rmSync(db, { force: true });
  }
}

/** Why a file could not be written, in words an official can act on (never Node's text). */
export function backupFailed(error: unknown): AppError {
  console.error('[isoxa] backup failed', error);
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOSPC'
      ? 'Ổ đĩa hoặc USB đã đầy.'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Không có quyền ghi vào thư mục đã chọn (USB có thể đang khóa ghi).'
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? 'Thư mục đã chọn không còn tồn tại (USB có thể đã bị rút ra).'
          : 'Hãy thử lại hoặc chọn nơi lưu khác.';
  return new AppError('BACKUP_FAILED', `${ERROR_MESSAGES.BACKUP_FAILED} ${reason}`);
}

export async function createBackup(
  sqlite: Sqlite,
  dataDir: string,
  kind: BackupKind,
  now = Date.now(),
): Promise<BackupInfo> {
  const dir = backupsDir(dataDir);
  ensurePrivateDir(dir);
  let name = `${kind}-${stamp(now)}.sqlite`;
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++)
    name = `${kind}-${stamp(now)}-${i}.sqlite`;
  await backupTo(sqlite, path.join(dir, name), dataDir);
  return infoOf(dir, name);
}

function infoOf(dir: string, name: string): BackupInfo {
  const st = fs.statSync(path.join(dir, name));
  return { name, sizeBytes: st.size, createdAt: st.mtime.toISOString() };
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME_RE.test(n))
    .map((n) => infoOf(dir, n))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** Keeps the newest `keep` backups of each kind. */
export function pruneBackups(dataDir: string, keep: number): void {
  const byKind = new Map<string, BackupInfo[]>();
  for (const b of listBackups(dataDir)) {
    const kind = b.name.replace(/-\d{8}-.*$/, '');
    byKind.set(kind, [...(byKind.get(kind) ?? []), b]);
  }
  for (const list of byKind.values()) {
    for (const old of list.slice(keep))
      fs.rmSync(path.join(backupsDir(dataDir), old.name), { force: true });
  }
}

/** Resolves a backup name to its file, refusing anything that is not one of ours. */
export function backupPath(dataDir: string, name: string): string {
  if (!NAME_RE.test(name)) throw new AppError('NOT_FOUND');
  const file = path.join(backupsDir(dataDir), name);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND');
  return file;
}

/** What may open a backup made on another PC: the office's recovery code, or the data keys the
 * province released to this PC (services/sync/escrow.ts), by key id. */
export interface RestoreKeys {
  readonly recoveryCode?: string | undefined;
  readonly released?: ReadonlyMap<string, Buffer> | undefined;
}

export interface PreparedRestore {
  /** The checked copy, encrypted with this PC's key. */
  readonly file: string;
  /** The key of the attachment copies saved beside the backup (the backup's own). */
  readonly fileKey: Buffer;
}

/**
 * The data key a backup was made with: this PC's, one the province released to this PC, or
 * unwrapped with the recovery code; a plain database (from before encryption) has none.
 */
function backupKey(candidate: string, local: Keyring, keys: RestoreKeys) {
  const read = readBackupHeader(candidate);
  if (!read) return { dataKey: null, offset: 0 };
  const envelope = read.header.key;
  if (envelope.keyId === local.keyId) return { dataKey: local.dataKey, offset: read.offset };
  const keyName = shortKeyId(envelope.keyId);
  if (keys.released) {
    const released = keys.released.get(envelope.keyId);
    if (!released) throw new AppError('ESCROW_NOT_RELEASED', escrowNotReleased(keyName));
    return { dataKey: released, offset: read.offset };
  }
  if (keys.recoveryCode === undefined)
    throw new AppError('BACKUP_LOCKED', backupLocked(keyName), [envelope.keyId]);
  const dataKey = unwrapWithRecoveryCode(envelope, keys.recoveryCode);
  if (!dataKey) throw new AppError('RECOVERY_CODE_WRONG');
  return { dataKey, offset: read.offset };
}

/**
 * Copies a candidate next to the live file, decrypted with its key, and checks the copy: a
 * SQLite database, intact, an ISO Xã office database, not from a newer app. The copy is
 * re-encrypted with this PC's key. Returns the checked copy's path.
 */
export function prepareRestore(
  candidate: string,
  liveFile: string,
  migrationsDir: string,
  keys: RestoreKeys = {},
): PreparedRestore {
  if (!fs.existsSync(candidate) || !fs.statSync(candidate).isFile())
    throw new AppError('BACKUP_NOT_FOUND');
  const tmp = `${liveFile}.restore`;
  fs.rmSync(tmp, { force: true });
  const local = keyringFor(path.dirname(liveFile));
  try {
    const { dataKey, offset } = backupKey(candidate, local, keys);
    extractDatabase(candidate, offset, tmp);
    const dbKey = dataKey && subKey(dataKey, 'database');
    const db = openSqlite(tmp, dbKey, { fileMustExist: true });
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity_check: ${String(check)}`);
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type='table'")
        .pluck()
        .all() as string[];
      if (!tables.includes('office') || !tables.includes('__drizzle_migrations'))
        throw new Error('not an ISO Xã database');
      const applied = db
        .prepare('SELECT max(created_at) FROM __drizzle_migrations')
        .pluck()
        .get() as number | null;
      const latest = Math.max(...readJournal(migrationsDir).map((e) => e.when));
      if (applied !== null && applied > latest) throw new AppError('DB_NEWER');
      db.pragma('journal_mode = DELETE');
      // Re-encrypted with this PC's key, in the current scheme (an older backup may be in the
      // earlier one).
      if (!dbKey || !dbKey.equals(local.dbKey()) || cipherSchemeOf(db) !== CURRENT_SCHEME)
        rekey(db, local.dbKey());
    } finally {
      db.close();
    }
    return { file: tmp, fileKey: subKey(dataKey ?? local.dataKey, 'files') };
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    if (error instanceof AppError) throw error;
    // The reason (SQLite's words, internal paths) is for the log, not for the official.
    console.warn('[isoxa] restore refused', error);
    throw new AppError('BACKUP_INVALID');
  }
}

/** Puts a checked copy in place of the live file. The live database must be closed. */
export function installRestore(prepared: string, liveFile: string): void {
  for (const suffix of ['-wal', '-shm', '-journal'])
    fs.rmSync(`${liveFile}${suffix}`, { force: true });
  fs.renameSync(prepared, liveFile);
  restrictFile(liveFile);
}

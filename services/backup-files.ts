// Attachments in a backup saved to a chosen place (a USB stick): the database file X.sqlite
// and, beside it, the folder X.files holding every file that database refers to, laid out as
// <dataDir>/files is (ab/<sha256>). Restore copies them back, each checked by its sha256.
// A folder, not one archive file: no archive library is a dependency of the app, a FAT32
// stick refuses any file over 4 GiB, each file stays checkable by its own name, and saving
// again to the same place copies only the new scans. Automatic backups need none of this:
// they sit on the same disk as <dataDir>/files, whose files are never changed or deleted.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors';
import { openSqlite, type Sqlite } from '../db/open';
import { backupFailed, backupTo, type PreparedRestore } from './backup';
import {
  fileKeyOf,
  plainSize,
  readStoredFile,
  readVerifiedFile,
  storedFilePath,
  storeExpectedFile,
  STORED_OVERHEAD,
  writeVerifiedFile,
} from './file-store';
import { keyringFor } from './security/keyring';

export interface FileRef {
  readonly sha256: string;
  readonly size: number;
}

export interface SavedFiles {
  /** The folder beside the database file; null when there was no attachment to carry. */
  readonly folder: string | null;
  readonly count: number;
  readonly bytes: number;
  /** Files the database refers to that are missing or damaged on this PC: not carried. */
  readonly unavailable: number;
}

export interface MissingAttachment {
  readonly dossierCode: string;
  readonly fileName: string;
}

export interface RestoredFiles {
  /** Distinct files the restored data refers to. */
  readonly total: number;
  /** Copied from the backup's folder into <dataDir>/files. */
  readonly restored: number;
  /** In the backup's folder, but failing the size or sha256 check: not copied. */
  readonly damaged: number;
  /** Attachments whose file is still missing after the restore, and the first of them. */
  readonly missingCount: number;
  readonly missing: MissingAttachment[];
}

const MISSING_LISTED = 50;
const NOTE_FILE = 'DOC-TOI.txt';
const NOTE = [
  'Thư mục này chứa các tệp đính kèm (bản quét) của bản sao lưu ISO Xã cùng tên.',
  'Khi sao chép hoặc di chuyển bản sao lưu, hãy giữ tệp .sqlite và thư mục này ở cùng một chỗ.',
  'Mỗi tệp mang tên là mã SHA-256 của nội dung; phần mềm kiểm tra mã này khi khôi phục.',
  'Các tệp đều được mã hóa: chỉ mở được bằng ISO Xã của cơ quan, hoặc bằng mã khôi phục.',
  '',
].join('\r\n');

/** The attachments folder that goes with a database file: X.sqlite → X.files. */
export function attachmentsDirFor(dbFile: string): string {
  return `${dbFile.replace(/\.sqlite$/i, '')}.files`;
}

function hasAttachments(db: Sqlite): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='attachments'").get() !==
    undefined
  );
}

/** The distinct files a database refers to (none in a database from before attachments). */
export function referencedFiles(db: Sqlite): FileRef[] {
  if (!hasAttachments(db)) return [];
  // Quality-system records (a revision's DOCX/PDF) keep their file's size in their data.
  const qms =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='qms_records'").get() !==
    undefined
      ? `UNION ALL SELECT file_sha256, coalesce(json_extract(data, '$.file.size'), 0)
         FROM qms_records WHERE file_sha256 IS NOT NULL`
      : '';
  return db
    .prepare(
      `SELECT sha256, max(size) AS size FROM (SELECT sha256, size FROM attachments ${qms})
       GROUP BY sha256 ORDER BY sha256`,
    )
    .all() as FileRef[];
}

export function attachmentsSummary(db: Sqlite): { count: number; bytes: number } {
  const refs = referencedFiles(db);
  return { count: refs.length, bytes: refs.reduce((sum, r) => sum + r.size, 0) };
}

/** Opens a restore's checked copy (encrypted with this PC's key). */
function withReadonly<T>(file: string, fn: (db: Sqlite) => T): T {
  const key = keyringFor(path.dirname(file)).dbKey();
  const db = openSqlite(file, key, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function copyPath(folder: string, sha256: string): string {
  return path.join(folder, sha256.slice(0, 2), sha256);
}

/**
 * Saves the database to `target` and its attachments to the folder beside it. The files go
 * first, each written whole under its own name; the database takes its name last, so a
 * database found at `target` always has its files next to it.
 */
export async function saveBackupWithFiles(
  sqlite: Sqlite,
  dataDir: string,
  target: string,
): Promise<SavedFiles> {
  const snapshot = `${target}.snapshot`;
  await backupTo(sqlite, snapshot, dataDir);
  try {
    // Attachments are never deleted: what the live database refers to now covers the snapshot.
    const refs = referencedFiles(sqlite);
    const saved =
      refs.length > 0
        ? await exportFiles(refs, dataDir, attachmentsDirFor(target))
        : { folder: null, count: 0, bytes: 0, unavailable: 0 };
    fs.renameSync(snapshot, target);
    return saved;
  } catch (error) {
    fs.rmSync(snapshot, { force: true });
    if (error instanceof AppError) throw error;
    throw backupFailed(error);
  }
}

async function exportFiles(
  refs: readonly FileRef[],
  dataDir: string,
  folder: string,
): Promise<SavedFiles> {
  fs.mkdirSync(folder, { recursive: true });
  if (!fs.existsSync(path.join(folder, NOTE_FILE)))
    fs.writeFileSync(path.join(folder, NOTE_FILE), NOTE);
  let count = 0;
  let bytes = 0;
  let unavailable = 0;
  const key = fileKeyOf(dataDir);
  for (const ref of refs) {
    const dest = copyPath(folder, ref.sha256);
    // Already there and intact (saved here before): content-addressed, so nothing to redo.
    if (!(await readVerifiedFile(dest, ref.sha256, key))) {
      const data = await readStoredFile(dataDir, ref.sha256);
      if (!data) {
        unavailable++;
        continue;
      }
      await writeVerifiedFile(dest, ref.sha256, data, key);
    }
    count++;
    bytes += ref.size;
  }
  return { folder, count, bytes, unavailable };
}

async function presentInStore(dataDir: string, ref: FileRef, check: boolean): Promise<boolean> {
  if (check) return (await readStoredFile(dataDir, ref.sha256)) !== null;
  try {
    const size = fs.statSync(storedFilePath(dataDir, ref.sha256)).size;
    return plainSize(size) === ref.size || size === ref.size;
  } catch {
    return false;
  }
}

/**
 * Brings back the files a checked database copy (`prepared`) refers to, from the backup's
 * folder `source` (null: none, as for the automatic backups). A file already good in
 * <dataDir>/files is never touched; a copy that fails its size or sha256 check is not used.
 * Runs before the database is swapped: on a failure the live data is unchanged, and files
 * already copied are unreferenced until then, as after a cut between storing a scan and its row.
 */
export async function restoreFiles(
  restore: PreparedRestore,
  source: string | null,
  dataDir: string,
): Promise<RestoredFiles> {
  const prepared = restore.file;
  const refs = withReadonly(prepared, referencedFiles);
  const missingShas = new Set<string>();
  let restored = 0;
  let damaged = 0;
  for (const ref of refs) {
    if (await presentInStore(dataDir, ref, source !== null)) continue;
    const outcome = source ? await copyBack(ref, source, dataDir, restore.fileKey) : 'absent';
    if (outcome === 'restored') restored++;
    else missingShas.add(ref.sha256);
    if (outcome === 'damaged') damaged++;
  }
  const missingRows = missingShas.size === 0 ? [] : missingAttachments(prepared, missingShas);
  return {
    total: refs.length,
    restored,
    damaged,
    missingCount: missingRows.length,
    missing: missingRows.slice(0, MISSING_LISTED),
  };
}

async function copyBack(
  ref: FileRef,
  source: string,
  dataDir: string,
  key: Buffer,
): Promise<'restored' | 'damaged' | 'absent'> {
  const from = copyPath(source, ref.sha256);
  let size: number;
  try {
    size = fs.statSync(from).size;
  } catch {
    return 'absent';
  }
  // The size first (encrypted, or plain from before encryption): a wrong file is refused
  // without reading it whole.
  if (size !== ref.size + STORED_OVERHEAD && size !== ref.size) return 'damaged';
  const plain = await readVerifiedFile(from, ref.sha256, key);
  if (!plain) return 'damaged';
  const stored = await storeExpectedFile(dataDir, ref.sha256, plain).catch((error: unknown) => {
    console.error('[isoxa] could not restore a file', error);
    throw new AppError('FILE_SAVE_FAILED');
  });
  return stored ? 'restored' : 'damaged';
}

function missingAttachments(prepared: string, shas: ReadonlySet<string>): MissingAttachment[] {
  const rows = withReadonly(
    prepared,
    (db) =>
      db
        .prepare(
          `SELECT a.sha256, coalesce(d.code, '') AS dossierCode, a.file_name AS fileName
           FROM attachments a LEFT JOIN dossiers d ON d.id = a.dossier_id
           ORDER BY d.code, a.added_at, a.id`,
        )
        .all() as (MissingAttachment & { sha256: string })[],
  );
  return rows
    .filter((r) => shas.has(r.sha256))
    .map(({ dossierCode, fileName }) => ({ dossierCode, fileName }));
}

/** What the official reads after a restore, in Vietnamese. */
export function restoreMessage(files: RestoredFiles): string {
  const parts = ['Đã khôi phục dữ liệu.'];
  if (files.restored > 0) parts.push(`Đã chép lại ${files.restored} tệp đính kèm.`);
  if (files.total > 0 && files.missingCount === 0)
    parts.push(`Đủ ${files.total} tệp đính kèm trên máy.`);
  if (files.damaged > 0)
    parts.push(
      `${files.damaged} tệp đính kèm trong bản sao lưu bị hỏng (sai mã kiểm tra) nên không được chép.`,
    );
  if (files.missingCount > 0) {
    const shown = files.missing
      .slice(0, 5)
      .map((m) => (m.dossierCode ? `${m.dossierCode}: ${m.fileName}` : m.fileName));
    const more = files.missingCount - shown.length;
    parts.push(
      `Còn thiếu ${files.missingCount} tệp đính kèm (${shown.join('; ')}${more > 0 ? ` và ${more} tệp khác` : ''}). ` +
        'Hãy khôi phục từ bản sao lưu có thư mục tệp đính kèm (.files) đi kèm, hoặc đính kèm lại bản quét.',
    );
  }
  parts.push('Vui lòng đăng nhập lại.');
  return parts.join(' ');
}

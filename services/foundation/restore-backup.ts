// Restoring a backup in place of the live database: the checked copy (services/backup.ts
// prepareRestore, opened with this PC's key, the recovery code or a key the province released
// to this PC), the attachment files it refers to, a pre-restore backup, then the swap. This
// PC's enrolment with the province stays when the backup is of the same office: the device
// identity belongs to the PC, not to the data (a backup never carries a usable one).
import fs from 'node:fs';
import { AppError } from '../../core/errors';
import { openDatabase, type Db } from '../../db/open';
import { office } from '../../db/schema';
import { createBackup, installRestore, prepareRestore, type RestoreKeys } from '../backup';
import { restoreFiles, type RestoredFiles } from '../backup-files';
import type { Ctx } from '../context';
import { keyringFor } from '../security/keyring';
import { syncEngineFor } from '../sync/engine';
import { SyncFailure } from '../sync/http';
import {
  identityOf,
  moveDeviceKeyOut,
  readServerKey,
  readServerSealKey,
  readState,
  saveServerKey,
  saveServerSealKey,
  updateState,
  type SyncStateRow,
} from '../sync/state';

/** The keys the province released to this PC; this PC must be enrolled and reach the province. */
export async function releasedKeys(ctx: Pick<Ctx, 'dataDir'>): Promise<Map<string, Buffer>> {
  let keys: Map<string, Buffer> | null;
  try {
    keys = await syncEngineFor(ctx.dataDir).releasedKeys();
  } catch (error) {
    if (error instanceof SyncFailure) {
      console.warn('[isoxa] released keys', error.message);
      throw new AppError('PROVINCE_UNREACHABLE');
    }
    throw error;
  }
  if (!keys)
    throw new AppError(
      'CONFLICT',
      'Máy này chưa đăng ký đồng bộ với máy chủ tỉnh nên tỉnh chưa thể cấp khóa cho máy. Hãy đăng ký máy (mục Đồng bộ, bằng mã đăng ký do tỉnh cấp), rồi đề nghị tỉnh cấp khóa của bản sao lưu.',
    );
  return keys;
}

interface Enrolment {
  readonly row: SyncStateRow;
  readonly serverKey: string | null;
  readonly sealKey: string | null;
}

const enrolmentOf = (db: Db, dataDir: string): Enrolment | null => {
  const row = readState(db);
  if (!row || !identityOf(row, dataDir)) return null;
  return { row, serverKey: readServerKey(db), sealKey: readServerSealKey(db) };
};

/** Puts this PC's enrolment back on the restored database when it holds the same office. */
function keepEnrolment(db: Db, kept: Enrolment | null): void {
  if (!kept?.row.officeAgencyCode) return;
  const restored = db.select({ agencyCode: office.agencyCode }).from(office).get();
  if (restored?.agencyCode !== kept.row.officeAgencyCode) return;
  const r = kept.row;
  db.transaction((tx) => {
    updateState(tx, {
      serverUrl: r.serverUrl,
      deviceId: r.deviceId,
      officeId: r.officeId,
      publicKey: r.publicKey,
      privateKey: null,
      enrolledAt: r.enrolledAt,
      officeAgencyCode: r.officeAgencyCode,
      officeName: r.officeName,
      lastError: null,
    });
    saveServerKey(tx, kept.serverKey);
    saveServerSealKey(tx, kept.sealKey);
  });
}

/**
 * Swaps the live database for a checked copy of `file`, after bringing back the attachment
 * files it refers to from `filesFrom`; returns a context on the new database.
 */
export async function restoreFrom(
  ctx: Ctx,
  file: string,
  filesFrom: string | null,
  keys: RestoreKeys,
): Promise<{ ctx: Ctx; files: RestoredFiles }> {
  const live = ctx.conn.file;
  const prepared = prepareRestore(file, live, ctx.migrationsDir, keys);
  let files: RestoredFiles;
  let kept: Enrolment | null;
  try {
    files = await restoreFiles(prepared, filesFrom, ctx.dataDir);
    await createBackup(ctx.conn.sqlite, ctx.dataDir, 'pre-restore', ctx.now());
    kept = enrolmentOf(ctx.db, ctx.dataDir);
  } catch (error) {
    fs.rmSync(prepared.file, { force: true });
    throw error;
  }
  ctx.conn.sqlite.close();
  installRestore(prepared.file, live);
  const next = await openDatabase(live, {
    migrationsDir: ctx.migrationsDir,
    key: keyringFor(ctx.dataDir).dbKey(),
  });
  // A backup from before the keyring may hold a device key: it is never taken from a backup.
  moveDeviceKeyOut(next.db, ctx.dataDir, false);
  keepEnrolment(next.db, kept);
  ctx.swapConnection(next);
  ctx.sessions.clear();
  return { ctx: { ...ctx, conn: next, db: next.db }, files };
}

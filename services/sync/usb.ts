// The USB sync file for offices without network: the pending ops, exactly as a push would
// send them, gzip-compressed and signed with this PC's key (core/sync/sync-file.ts). The ops
// stay queued: the province uploads the file, and its reply file (services/sync/reply.ts), the
// next push or a later file acknowledges and clears them, so a lost USB stick costs nothing.
// The file also carries the pull cursor (the reply sends the feed from there) and the
// outbox counts the dashboard shows.
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AppError } from '../../core/errors';
import { encodeSyncFile, SYNC_FILE_VERSION, type SyncEnvelope } from '../../core/sync/sync-file';
import type { Db } from '../../db/open';
import { outboxCounts, readPending, toOp } from './push';
import { readState, signBytes, type Identity } from './state';

const gzipAsync = promisify(gzip);
/** The envelope's own cap. */
const MAX_FILE_OPS = 200_000;

export async function buildSyncFile(
  db: Db,
  id: Identity,
  now: number,
): Promise<{ bytes: Uint8Array; ops: number }> {
  if (!id.agencyCode)
    throw new AppError('NOT_FOUND', 'Máy này chưa có mã cơ quan từ máy chủ tỉnh; hãy đăng ký lại.');
  const ops = readPending(db, MAX_FILE_OPS).map((r) => toOp(r, id.deviceId));
  const envelope: SyncEnvelope = {
    format: 'isoxa-sync',
    version: SYNC_FILE_VERSION,
    deviceId: id.deviceId,
    officeAgencyCode: id.agencyCode,
    createdAt: Math.max(0, Math.trunc(now)),
    ops,
    feedCursor: readState(db)?.pullCursor ?? 0,
    outbox: outboxCounts(db),
  };
  const payload = await gzipAsync(Buffer.from(JSON.stringify(envelope)));
  const bytes = encodeSyncFile({
    header: {
      format: 'isoxa-sync',
      version: SYNC_FILE_VERSION,
      deviceId: id.deviceId,
      officeAgencyCode: id.agencyCode,
      createdAt: envelope.createdAt,
      opCount: ops.length,
      payloadBytes: payload.length,
    },
    signature: signBytes(id, payload),
    payload,
  });
  return { bytes, ops: ops.length };
}

/** Writes through a temporary file, so a full or pulled-out USB stick leaves no half file. */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch {
    await fs.rm(tmp, { force: true });
    throw new AppError(
      'INVALID_INPUT',
      `Không ghi được tệp ${target}. Kiểm tra ổ đĩa và đường dẫn.`,
    );
  }
}

// The USB sync file for offices without network: the pending ops, exactly as a push would
// send them, and the scans their attachments refer to, gzip-compressed, sealed to the
// province's X25519 key (so a lost stick reveals no citizen) and signed with this PC's key
// (core/sync/sync-file.ts, version 3). The file also carries this PC's X25519 key and the
// escrow of the office's data key, for offices that never sync over the network. The ops stay queued: the province uploads the file, and
// its reply file (services/sync/reply.ts), the next push or a later file acknowledges and
// clears them, so a lost USB stick costs nothing. The file also carries the pull cursor (the
// reply sends the feed from there) and the outbox counts the dashboard shows.
//
// Without network the PC cannot ask which scans the province holds, so every scan an exported
// op refers to travels. A scan missing or damaged here is left out (its op goes and is
// deferred at the province, so it stays queued) and the export says so. An export larger
// than one file is split into parts (usb-plan.ts), written next to the chosen name.
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AppError } from '../../core/errors';
import { fileRefOf } from '../../core/sync/files';
import type { Op, OutboxCounts } from '../../core/sync/protocol';
import type { CarriedFile, SyncEnvelope } from '../../core/sync/sync-file';
import { sealContext } from '../../core/sync/sealing';
import {
  encodeSyncFile,
  SYNC_FILE_EXTENSION,
  SYNC_FILE_LIMITS,
  SYNC_FILE_VERSION,
} from '../../core/sync/sync-file';
import type { Db } from '../../db/open';
import { plainSize, readStoredFile, storedFilePath } from '../file-store';
import { feedOutbox } from './office-feed';
import { outboxCounts, pendingCount, readPending, toOp } from './push';
import { sealTo } from '../security/sealed-box';
import { escrowOf, type Escrow } from './escrow';
import {
  readServerSealKey,
  readState,
  sealKeyRegistration,
  signBytes,
  type Identity,
} from './state';
import { planParts, type PlannedPart } from './usb-plan';

const gzipAsync = promisify(gzip);
/** The envelope's own cap, for the whole export. */
const MAX_FILE_OPS = 200_000;

export interface SyncFileExport {
  readonly paths: readonly string[];
  readonly ops: number;
  /** Scans carried (one scan carried by two parts counts once). */
  readonly attachments: number;
  /** File names of the attachments whose scan could not be read here: sent without it. */
  readonly missing: readonly string[];
}

interface PartContext {
  readonly id: Identity & { readonly agencyCode: string };
  /** The province's X25519 key the payload is sealed to. */
  readonly province: string;
  readonly escrow: Escrow | null;
  readonly dataDir: string;
  readonly now: number;
  readonly feedCursor: number;
  readonly count: number;
  readonly fromClientSeq: number;
}

/** The part's path: the chosen one when the export fits one file, else "<name>-phan-2-tren-3". */
export function partPath(target: string, index: number, count: number): string {
  if (count === 1) return target;
  const ext = target.endsWith(SYNC_FILE_EXTENSION) ? SYNC_FILE_EXTENSION : path.extname(target);
  return `${target.slice(0, target.length - ext.length)}-phan-${index}-tren-${count}${ext}`;
}

/** One part's bytes and the scans it carries. */
async function buildPart(
  c: Readonly<PartContext>,
  part: Readonly<PlannedPart>,
  index: number,
  outbox: OutboxCounts,
) {
  const files: CarriedFile[] = [];
  const blobs: Buffer[] = [];
  for (const sha256 of part.files) {
    // Hash-checked: a damaged scan stays behind like a missing one.
    const bytes = await readStoredFile(c.dataDir, sha256);
    if (!bytes) continue;
    files.push({ sha256, size: bytes.length });
    blobs.push(bytes);
  }
  const version = SYNC_FILE_VERSION;
  const envelope: SyncEnvelope = {
    format: 'isoxa-sync',
    version,
    deviceId: c.id.deviceId,
    officeAgencyCode: c.id.agencyCode,
    createdAt: Math.max(0, Math.trunc(c.now)),
    ops: [...part.ops],
    feedCursor: c.feedCursor,
    outbox,
    files,
    ...sealKeyRegistration(c.id),
    ...(c.escrow ? { escrow: c.escrow } : {}),
    ...(c.count > 1 ? { part: { index, count: c.count, fromClientSeq: c.fromClientSeq } } : {}),
  };
  const gz = await gzipAsync(Buffer.from(JSON.stringify(envelope)));
  const context = sealContext.syncFile(c.id.deviceId, c.id.agencyCode);
  const payload = sealTo(c.province, Buffer.concat([gz, ...blobs]), context);
  const bytes = encodeSyncFile({
    header: {
      format: 'isoxa-sync',
      version,
      deviceId: c.id.deviceId,
      officeAgencyCode: c.id.agencyCode,
      createdAt: envelope.createdAt,
      opCount: part.ops.length,
      fileCount: files.length,
      envelopeBytes: gz.length,
      payloadBytes: payload.length,
    },
    signature: signBytes(c.id, payload),
    payload,
  });
  return { bytes, carried: files.map((f) => f.sha256) };
}

/** The size of each scan the ops refer to that is present here (damage shows when read). */
async function presentSizes(dataDir: string, ops: readonly Op[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const o of ops) {
    const sha256 = fileRefOf(o.entity, o.operation, o.row);
    if (sha256 === null || sizes.has(sha256)) continue;
    const stat = await fs.stat(storedFilePath(dataDir, sha256)).catch(() => null);
    if (stat?.isFile()) sizes.set(sha256, plainSize(stat.size));
  }
  return sizes;
}

/** Writes the pending ops (and their scans) as one or more sync files at `target`. */
export async function exportSyncFiles(
  db: Db,
  dataDir: string,
  id: Identity,
  now: number,
  target: string,
  maxBytes: number = SYNC_FILE_LIMITS.maxFileBytes,
  /** With the audit trail and office state queued first (office-feed.ts). */
  officeFeed = true,
): Promise<SyncFileExport> {
  const agencyCode = id.agencyCode;
  if (!agencyCode)
    throw new AppError('NOT_FOUND', 'Máy này chưa có mã cơ quan từ máy chủ tỉnh; hãy đăng ký lại.');
  const province = readServerSealKey(db);
  if (!province) throw new AppError('NOT_FOUND', NO_PROVINCE_KEY);
  if (officeFeed) feedOutbox(db, now, Math.max(0, MAX_FILE_OPS - pendingCount(db)));
  const ops = readPending(db, MAX_FILE_OPS).map((r) => toOp(r, id.deviceId));
  const parts = planParts(ops, await presentSizes(dataDir, ops), maxBytes);
  const counts = outboxCounts(db);
  const c: PartContext = {
    id: { ...id, agencyCode },
    province,
    escrow: escrowOf(db, dataDir, id.officeId),
    dataDir,
    now,
    feedCursor: readState(db)?.pullCursor ?? 0,
    count: parts.length,
    fromClientSeq: ops[0]?.clientSeq ?? 0,
  };
  const paths: string[] = [];
  const carried = new Set<string>();
  let before = 0;
  for (const [i, part] of parts.entries()) {
    // As the dashboard should show it once the earlier parts are applied.
    const outbox = { pending: Math.max(0, counts.pending - before), rejected: counts.rejected };
    const built = await buildPart(c, part, i + 1, outbox);
    const file = partPath(target, i + 1, parts.length);
    await writeFileAtomic(file, built.bytes);
    paths.push(file);
    for (const sha256 of built.carried) carried.add(sha256);
    before += part.ops.length;
  }
  const missing = ops
    .filter((o) => {
      const sha256 = fileRefOf(o.entity, o.operation, o.row);
      return sha256 !== null && !carried.has(sha256);
    })
    .map((o) => (typeof o.row.fileName === 'string' ? o.row.fileName : o.entityId));
  return { paths, ops: ops.length, attachments: carried.size, missing };
}

const NO_PROVINCE_KEY =
  'Máy này chưa có khóa mã hóa của máy chủ tỉnh (máy được đăng ký từ phiên bản cũ), nên chưa xuất được tệp đồng bộ đã mã hóa. ' +
  'Hãy đồng bộ qua mạng một lần, hoặc nhập một tệp phản hồi mới của tỉnh (Sở tạo được tệp phản hồi cho máy này bất cứ lúc nào); dữ liệu trên máy được giữ nguyên.';

const MAX_MB = SYNC_FILE_LIMITS.maxFileBytes / 1024 / 1024;

/** What the export did, in the words the office sees (and its audit log keeps). */
export function exportNotice(e: Readonly<SyncFileExport>): string {
  const what =
    `Đã xuất ${e.ops} thay đổi` + (e.attachments > 0 ? ` và ${e.attachments} tệp đính kèm` : '');
  const where =
    e.paths.length === 1
      ? ` ra ${e.paths[0]}.`
      : ` ra ${e.paths.length} tệp vì quá ${MAX_MB} MB một tệp: ${e.paths.join('; ')}. Hãy ` +
        `chép đủ ${e.paths.length} tệp sang USB để Sở tải lên cả ${e.paths.length} tệp ` +
        '(tệp nào trước cũng được).';
  if (e.missing.length === 0) return what + where;
  const names = e.missing.slice(0, 5).join(', ') + (e.missing.length > 5 ? ', …' : '');
  return (
    what +
    where +
    ` ${e.missing.length} tài liệu đính kèm không đọc được trên máy này (tệp bị mất hoặc bị ` +
    `hỏng) nên không có trong tệp đồng bộ: ${names}. Các thay đổi đó vẫn chờ trên máy; hãy ` +
    'đính kèm lại bản quét vào hồ sơ.'
  );
}

/** Writes through a temporary file, so a full or pulled-out USB stick leaves no half file. */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    // Owner-only: the file is sealed, but its name and size are nobody else's business either.
    const handle = await fs.open(tmp, 'w', 0o600);
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

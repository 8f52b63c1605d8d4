// Resumable file uploads of an office: chunks are appended only at the length already held
// (so a resend after a cut is refused with the offset to resume from), and the whole is hashed
// when the last byte arrives. A file that does not hash to its name is dropped, to start over.
// A file carried by a USB sync file is stored whole, ending in the same state.
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { FileStatus } from '../../core/sync/files';
import { FILE_LIMITS, fileRefOf } from '../../core/sync/files';
import type { Op } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { fileChunks, files } from '../database/schema/index';
import { HttpError } from '../http/errors';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface FileScope {
  readonly officeId: string;
  readonly deviceId: string;
}

type FileRow = typeof files.$inferSelect;

const statusOf = (sha256: string, row: FileRow | undefined): FileStatus =>
  row
    ? { sha256, size: row.size, received: row.received, verified: row.verifiedAt !== null }
    : { sha256, size: null, received: 0, verified: false };

const key = (officeId: string, sha256: string) =>
  and(eq(files.officeId, officeId), eq(files.sha256, sha256));
const chunkKey = (officeId: string, sha256: string) =>
  and(eq(fileChunks.officeId, officeId), eq(fileChunks.sha256, sha256));

export const fileStatusOf = async (db: Db, officeId: string, sha256: string) => {
  const [row] = await db.select().from(files).where(key(officeId, sha256));
  return statusOf(sha256, row);
};

/** Hashes the held chunks in order, a few at a time (a file is at most 20 MB). */
const hashChunks = async (tx: Tx, officeId: string, sha256: string): Promise<string> => {
  const hash = createHash('sha256');
  const offsets = await tx
    .select({ offset: fileChunks.offset })
    .from(fileChunks)
    .where(chunkKey(officeId, sha256))
    .orderBy(asc(fileChunks.offset));
  for (let i = 0; i < offsets.length; i += 8) {
    const some = offsets.slice(i, i + 8).map((o) => o.offset);
    const rows = await tx
      .select({ bytes: fileChunks.bytes })
      .from(fileChunks)
      .where(and(chunkKey(officeId, sha256), inArray(fileChunks.offset, some)))
      .orderBy(asc(fileChunks.offset));
    for (const r of rows) hash.update(r.bytes);
  }
  return hash.digest('hex');
};

/**
 * The office's row for a file, created empty when new, locked for this transaction: two PCs of
 * one office sending the same file take turns.
 */
const lockFile = async (tx: Tx, scope: FileScope, sha256: string, size: number, now: Date) => {
  await tx
    .insert(files)
    .values({
      officeId: scope.officeId,
      sha256,
      size,
      received: 0,
      deviceId: scope.deviceId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [row] = await tx.select().from(files).where(key(scope.officeId, sha256)).for('update');
  if (!row) throw new Error('file row vanished');
  return row;
};

const restart = async (tx: Tx, scope: FileScope, sha256: string, size: number, now: Date) => {
  await tx.delete(fileChunks).where(chunkKey(scope.officeId, sha256));
  await tx
    .update(files)
    .set({ size, received: 0, deviceId: scope.deviceId, updatedAt: now })
    .where(key(scope.officeId, sha256));
};

export interface Chunk {
  readonly sha256: string;
  readonly offset: number;
  readonly size: number;
  readonly bytes: Buffer;
}

/**
 * Appends one chunk. A chunk that does not start where the held bytes end gets 409 with the
 * length held; a verified file answers its status whatever is sent (an upload that raced
 * another PC of the office). The last chunk triggers the hash check: a mismatch drops the
 * bytes and answers 422, so the office starts again from 0.
 */
export const putChunk = async (
  db: Db,
  scope: FileScope,
  chunk: Readonly<Chunk>,
  nowMs: number,
): Promise<FileStatus> => {
  const { sha256, offset, size, bytes } = chunk;
  if (bytes.length === 0 || offset + bytes.length > size) {
    throw new HttpError(400, 'INVALID_REQUEST', undefined, { details: ['offset', 'size'] });
  }
  const now = new Date(nowMs);
  const outcome = await db.transaction(async (tx) => {
    const row = await lockFile(tx, scope, sha256, size, now);
    if (row.verifiedAt !== null) return { status: statusOf(sha256, row), mismatch: false };
    let held = row.received;
    // Same name, other size: only one of them can be right; the held bytes are not verified.
    if (row.size !== size) {
      await restart(tx, scope, sha256, size, now);
      held = 0;
    }
    if (offset !== held) {
      throw new HttpError(409, 'FILE_OFFSET_MISMATCH', undefined, { received: held });
    }
    await tx.insert(fileChunks).values({ officeId: scope.officeId, sha256, offset, bytes });
    const received = held + bytes.length;
    const complete = received === size;
    const ok = complete && (await hashChunks(tx, scope.officeId, sha256)) === sha256;
    if (complete && !ok) {
      await restart(tx, scope, sha256, size, now);
      return { status: statusOf(sha256, undefined), mismatch: true };
    }
    const [updated] = await tx
      .update(files)
      .set({ received, verifiedAt: ok ? now : null, deviceId: scope.deviceId, updatedAt: now })
      .where(key(scope.officeId, sha256))
      .returning();
    return { status: statusOf(sha256, updated), mismatch: false };
  });
  if (outcome.mismatch) throw new HttpError(422, 'FILE_HASH_MISMATCH', undefined, { received: 0 });
  return outcome.status;
};

/**
 * Stores a whole file that arrived in a USB sync file (already checked against its sha256) in
 * one transaction: it replaces any partial upload and ends in the very state the network
 * path's last chunk leaves (chunks of the desktop's size, verified). Returns false when the
 * office already held it verified.
 */
export const storeWholeFile = async (
  db: Db,
  scope: FileScope,
  sha256: string,
  bytes: Buffer,
  nowMs: number,
): Promise<boolean> => {
  const size = bytes.length;
  if (size === 0 || size > FILE_LIMITS.maxFileBytes) throw new Error('file size out of range');
  const now = new Date(nowMs);
  return db.transaction(async (tx) => {
    const row = await lockFile(tx, scope, sha256, size, now);
    if (row.verifiedAt !== null) return false;
    await restart(tx, scope, sha256, size, now);
    for (let offset = 0; offset < size; offset += FILE_LIMITS.chunkBytes) {
      const chunk = bytes.subarray(offset, offset + FILE_LIMITS.chunkBytes);
      await tx
        .insert(fileChunks)
        .values({ officeId: scope.officeId, sha256, offset, bytes: chunk });
    }
    // What the database holds, not what was meant to be written.
    if ((await hashChunks(tx, scope.officeId, sha256)) !== sha256)
      throw new Error('stored file does not hash to its name');
    await tx
      .update(files)
      .set({ received: size, verifiedAt: now, deviceId: scope.deviceId, updatedAt: now })
      .where(key(scope.officeId, sha256));
    return true;
  });
};

/** A verified file's bytes, or null when the office has no verified file of that name. */
export const readVerifiedFile = async (
  db: Db,
  officeId: string,
  sha256: string,
): Promise<Buffer | null> => {
  const [row] = await db
    .select({ size: files.size })
    .from(files)
    .where(and(key(officeId, sha256), isNotNull(files.verifiedAt)));
  if (!row) return null;
  const chunks = await db
    .select({ bytes: fileChunks.bytes })
    .from(fileChunks)
    .where(chunkKey(officeId, sha256))
    .orderBy(asc(fileChunks.offset));
  const bytes = Buffer.concat(chunks.map((c) => c.bytes));
  return bytes.length === row.size ? bytes : null;
};

/** Of the files a batch's ops refer to, those the office holds verified. */
export const verifiedRefs = async (
  tx: Tx,
  officeId: string,
  batch: readonly Op[],
): Promise<Set<string>> => {
  const refs = [
    ...new Set(batch.map((o) => fileRefOf(o.entity, o.operation, o.row)).filter((r) => r !== null)),
  ];
  if (refs.length === 0) return new Set();
  const rows = await tx
    .select({ sha256: files.sha256 })
    .from(files)
    .where(
      and(eq(files.officeId, officeId), inArray(files.sha256, refs), isNotNull(files.verifiedAt)),
    );
  return new Set(rows.map((r) => r.sha256));
};

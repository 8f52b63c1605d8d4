// Files on the way to the province: before a push batch is sent, every file its ops refer to
// is uploaded in chunks, resuming from the length the server already holds, until the server
// has verified it; the batch stops before an op whose file could not be made ready. Restore
// brings verified files back the same way they left, checked against their sha256.
import { eq, isNotNull, isNull } from 'drizzle-orm';
import { ERROR_MESSAGES } from '../../core/errors';
import type { FileStatus } from '../../core/sync/files';
import { FILE_LIMITS, fileRefOf, fileStatus } from '../../core/sync/files';
import { sealContext } from '../../core/sync/sealing';
import type { Db } from '../../db/open';
import { attachments, outbox, qmsRecords } from '../../db/schema';
import { readStoredFile, storeExpectedFile } from '../file-store';
import { openSealed, SEAL_OVERHEAD } from '../security/sealed-box';
import type { DeviceAuth, SyncHttp } from './http';
import { MESSAGES, SyncFailure } from './http';
import type { Identity } from './state';

type OutboxRow = typeof outbox.$inferSelect;

export interface FileDeps {
  readonly db: () => Db;
  readonly http: SyncHttp;
  readonly auth: DeviceAuth;
  readonly identity: Identity;
  readonly dataDir: string;
  /** Bytes per PUT; FILE_LIMITS.chunkBytes unless a test says otherwise. */
  readonly chunkBytes?: number;
}

export interface Prepared {
  /** How many leading rows may be sent: their files, if any, are verified at the province. */
  readonly ready: number;
  /** Why the next row is not ready (the network, the server); null when it was set aside. */
  readonly failure: Error | null;
}

/** The local copy is gone or damaged: the op can never be completed, a person must act. */
class MissingLocalFile extends Error {}

export class FileUploader {
  /** Files the server confirmed during this sync: not asked about again. */
  private readonly verified = new Set<string>();

  constructor(private readonly deps: Readonly<FileDeps>) {}

  private async status(sha256: string): Promise<FileStatus> {
    return this.deps.auth.with(this.deps.http, this.deps.identity, (auth) =>
      this.deps.http.request('GET', `/v1/files/${sha256}`, fileStatus, { auth }),
    );
  }

  private async put(sha256: string, offset: number, total: number, chunk: Uint8Array) {
    return this.deps.auth.with(this.deps.http, this.deps.identity, (auth) =>
      this.deps.http.request(
        'PUT',
        `/v1/files/${sha256}?offset=${offset}&size=${total}`,
        fileStatus,
        { binary: chunk, auth },
      ),
    );
  }

  /** Uploads one file from where the server stands; returns the bytes sent. */
  async upload(sha256: string): Promise<number> {
    const bytes = await readStoredFile(this.deps.dataDir, sha256);
    if (!bytes) throw new MissingLocalFile(sha256);
    const step = this.deps.chunkBytes ?? FILE_LIMITS.chunkBytes;
    let sent = 0;
    let status = await this.status(sha256);
    let restarts = 0;
    // Each turn either moves forward or re-reads the server's position; a bounded number of
    // turns keeps a misbehaving server from holding the sync forever.
    for (let turn = 0; !status.verified; turn++) {
      if (turn > Math.ceil(bytes.length / step) * 2 + 8)
        throw new SyncFailure('protocol', MESSAGES.protocol);
      // Another size under this name (a broken earlier upload) is replaced from the start.
      const offset = status.size === bytes.length ? status.received : 0;
      if (offset >= bytes.length) throw new SyncFailure('protocol', MESSAGES.protocol);
      const chunk = bytes.subarray(offset, offset + step);
      try {
        sent += chunk.length;
        status = await this.put(sha256, offset, bytes.length, chunk);
      } catch (error) {
        if (!(error instanceof SyncFailure)) throw error;
        if (error.code === 'FILE_OFFSET_MISMATCH') status = await this.status(sha256);
        // Our copy hashes right, so the bytes were damaged on the way: once more from 0.
        else if (error.code === 'FILE_HASH_MISMATCH' && restarts++ === 0)
          status = { sha256, size: bytes.length, received: 0, verified: false };
        else throw error;
      }
    }
    this.verified.add(sha256);
    return sent;
  }

  /** Makes the files of `rows` ready, in order; stops at the first row that is not. */
  async prepare(rows: readonly OutboxRow[]): Promise<Prepared> {
    for (const [i, r] of rows.entries()) {
      const sha256 = fileRefOf(r.entity, r.operation, r.row);
      if (sha256 === null || this.verified.has(sha256)) continue;
      try {
        await this.upload(sha256);
      } catch (error) {
        if (!(error instanceof MissingLocalFile))
          return { ready: i, failure: error instanceof Error ? error : new Error(String(error)) };
        // Kept, visible, and never sent: the scan must be attached again.
        this.deps
          .db()
          .update(outbox)
          .set({ status: 'rejected', rejectedReason: ERROR_MESSAGES.FILE_MISSING })
          .where(eq(outbox.opId, r.opId))
          .run();
        return { ready: i, failure: null };
      }
    }
    return { ready: rows.length, failure: null };
  }
}

/** After a restore: brings back the file of every attachment this PC lacks; returns how many
 * files the province could not give (their rows stay, the viewer says the file is missing). */
export async function restoreFiles(deps: Readonly<FileDeps>): Promise<number> {
  const rows = deps
    .db()
    .selectDistinct({ sha256: attachments.sha256 })
    .from(attachments)
    .where(isNull(attachments.erasedAt))
    .all();
  const qms = deps
    .db()
    .selectDistinct({ sha256: qmsRecords.fileSha256 })
    .from(qmsRecords)
    .where(isNotNull(qmsRecords.fileSha256))
    .all();
  const { missing } = await downloadFiles(deps, [
    ...rows.map((r) => r.sha256),
    ...qms.flatMap((r) => (r.sha256 ? [r.sha256] : [])),
  ]);
  return missing;
}

/** Downloads the verified files this PC lacks; returns how many came back and how many the
 * province could not give (never fatal: the rows are restored). */
export async function downloadFiles(
  deps: Readonly<FileDeps>,
  sha256s: readonly string[],
): Promise<{ restored: number; missing: number }> {
  let restored = 0;
  let missing = 0;
  for (const sha256 of new Set(sha256s)) {
    if (await readStoredFile(deps.dataDir, sha256)) continue;
    try {
      const sealed = await deps.auth.with(deps.http, deps.identity, (auth) =>
        deps.http.bytes(
          `/v1/files/${sha256}/content`,
          auth,
          FILE_LIMITS.maxFileBytes + SEAL_OVERHEAD,
        ),
      );
      // Sealed by the province to this PC: a file for another PC or changed on the way does
      // not open, and counts as missing like one the province does not hold.
      const context = sealContext.restoreFile(deps.identity.deviceId, sha256);
      const bytes = openSealed(deps.identity.boxKey, sealed, context);
      if (bytes && (await storeExpectedFile(deps.dataDir, sha256, bytes))) restored++;
      else missing++;
    } catch (error) {
      if (!(error instanceof SyncFailure) || error.status !== 404) throw error;
      missing++;
    }
  }
  return { restored, missing };
}

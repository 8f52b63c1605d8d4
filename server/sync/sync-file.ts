// A USB sync file uploaded by the province on an office's behalf: verified against the
// device's public key, then the scans it carries are checked against their sha256 and stored
// as the office's verified files (as a finished network upload would leave them), and the ops
// applied exactly like the pushes they replace; the outbox counts it carries are kept for the
// dashboard. Nothing is written until the whole file has passed every check.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { SyncEnvelope, SyncFileParts } from '../../core/sync/sync-file';
import {
  carriedFilesOf,
  decodeSyncFile,
  envelopeBytesOf,
  headerMatches,
  syncEnvelope,
} from '../../core/sync/sync-file';
import type { OpResult } from '../../core/sync/protocol';
import { sealContext } from '../../core/sync/sealing';
import { LIMITS } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { devices, offices } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { verifyEd25519 } from '../security/crypto';
import { claimedSealKey, keepEscrow } from '../security/escrow';
import type { ServerSealer } from '../security/seal-key';
import { applyOps } from './apply-ops';
import { storeWholeFile } from './files';
import { afterAnswers, recordOutbox } from './outbox-report';

const gunzipAsync = promisify(gunzip);
const MAX_INFLATED = 256 * 1024 * 1024;
const invalid = () => new HttpError(400, 'SYNC_FILE_INVALID');

const readDevice = async (db: Db, deviceId: string) => {
  const [device] = await db
    .select({
      id: devices.id,
      officeId: devices.officeId,
      publicKey: devices.publicKey,
      sealPublicKey: devices.sealPublicKey,
      revokedAt: devices.revokedAt,
      agencyCode: offices.agencyCode,
    })
    .from(devices)
    .innerJoin(offices, eq(offices.id, devices.officeId))
    .where(eq(devices.id, deviceId));
  return device;
};

type Device = NonNullable<Awaited<ReturnType<typeof readDevice>>>;

const readEnvelope = async (parts: Readonly<SyncFileParts>): Promise<SyncEnvelope> => {
  try {
    const gz = envelopeBytesOf(parts);
    const json = (await gunzipAsync(gz, { maxOutputLength: MAX_INFLATED })).toString();
    return syncEnvelope.parse(JSON.parse(json));
  } catch {
    throw invalid();
  }
};

/** The carried scans, each checked against its sha256 (a signed file whose bytes do not hash
 * to their names was broken before it was signed: refused whole, nothing stored). */
const checkedFiles = (parts: Readonly<SyncFileParts>, envelope: Readonly<SyncEnvelope>) => {
  const carried = carriedFilesOf(parts, envelope);
  if (!carried) throw invalid();
  for (const { file, bytes } of carried) {
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) throw invalid();
  }
  return carried;
};

/** Version 3: the payload opened with the province's key, for the header's device and office
 * only (a sealed payload re-signed by another device does not open). */
const opened = (sealer: ServerSealer, parts: SyncFileParts): SyncFileParts => {
  if (parts.header.version !== 3) return parts;
  const h = parts.header;
  const plain = sealer.open(parts.payload, sealContext.syncFile(h.deviceId, h.officeAgencyCode));
  if (!plain || (h.envelopeBytes ?? 0) > plain.length) throw new HttpError(400, 'SYNC_FILE_SEALED');
  return { ...parts, payload: plain };
};

/** What a version 3 file brings besides ops: the device's X25519 key and the escrow. */
const keepKeys = async (
  db: Db,
  sealer: ServerSealer,
  device: Device,
  e: SyncEnvelope,
  now: number,
) => {
  const sealPublicKey = claimedSealKey(device, e);
  if (e.escrow && !(await keepEscrow(db, sealer, device, e.escrow, now)))
    throw new HttpError(400, 'ESCROW_INVALID');
  if (sealPublicKey && sealPublicKey !== device.sealPublicKey)
    await db.update(devices).set({ sealPublicKey }).where(eq(devices.id, device.id));
};

export const applySyncFile = async (
  db: Db,
  sealer: ServerSealer,
  bytes: Uint8Array,
  now: number,
) => {
  const sealed = decodeSyncFile(bytes);
  if (!sealed) throw invalid();
  const device = await readDevice(db, sealed.header.deviceId);
  if (!device || device.agencyCode !== sealed.header.officeAgencyCode) throw invalid();
  if (device.revokedAt !== null) throw new HttpError(403, 'DEVICE_REVOKED');
  // Over the whole payload as written (version 3: sealed): a changed byte of a scan fails here
  // like one of an op, before anything is opened.
  const signature = Buffer.from(sealed.signature).toString('base64url');
  if (!verifyEd25519(device.publicKey, sealed.payload, signature)) throw invalid();
  const parts = opened(sealer, sealed);
  const envelope = await readEnvelope(parts);
  if (!headerMatches(parts.header, envelope)) throw invalid();
  const carried = checkedFiles(parts, envelope);
  await keepKeys(db, sealer, device, envelope, now);

  const scope = { officeId: device.officeId, deviceId: device.id, source: 'file' as const };
  for (const { file, bytes: content } of carried) {
    const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    await storeWholeFile(db, scope, file.sha256, buffer, now);
  }
  const results: OpResult[] = [];
  for (let i = 0; i < envelope.ops.length; i += LIMITS.maxOpsPerPush) {
    const chunk = envelope.ops.slice(i, i + LIMITS.maxOpsPerPush);
    results.push(...(await applyOps(db, scope, chunk, now)));
  }
  if (envelope.outbox) {
    await recordOutbox(db, device.id, afterAnswers(envelope.outbox, results), now);
  }
  const tally = (s: OpResult['status']) => results.filter((r) => r.status === s).length;
  const seqs = envelope.ops.map((o) => o.clientSeq);
  const lowest = seqs.length > 0 ? seqs.reduce((a, b) => Math.min(a, b)) : null;
  return {
    deviceId: device.id,
    officeId: device.officeId,
    applied: tally('applied'),
    duplicate: tally('duplicate'),
    rejected: tally('rejected'),
    /** Waiting for a scan the province does not hold (missing on the PC at export). */
    deferred: tally('deferred'),
    /** Scans carried by the file, now verified at the province. */
    files: new Set(carried.map((c) => c.file.sha256)).size,
    part: envelope.part ? { index: envelope.part.index, count: envelope.part.count } : null,
    // Where this device's reply file starts (server/sync/reply-file.ts): the export's first op,
    // so the reply acknowledges every part already uploaded.
    feedCursor: envelope.feedCursor ?? null,
    fromClientSeq:
      lowest === null ? null : Math.min(lowest, envelope.part?.fromClientSeq ?? lowest),
    results,
  };
};

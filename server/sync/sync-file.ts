// A USB sync file uploaded by the province on an office's behalf: verified against the
// device's public key, then applied exactly like the pushes it replaces; the outbox counts it
// carries are kept for the dashboard.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { decodeSyncFile, headerMatches, syncEnvelope } from '../../core/sync/sync-file';
import type { OpResult } from '../../core/sync/protocol';
import { LIMITS } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { devices, offices } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { verifyEd25519 } from '../security/crypto';
import { applyOps } from './apply-ops';
import { afterAnswers, recordOutbox } from './outbox-report';

const gunzipAsync = promisify(gunzip);
const MAX_INFLATED = 256 * 1024 * 1024;
const invalid = () => new HttpError(400, 'SYNC_FILE_INVALID');

export const applySyncFile = async (db: Db, bytes: Uint8Array, now: number) => {
  const parts = decodeSyncFile(bytes);
  if (!parts) throw invalid();
  const [device] = await db
    .select({
      id: devices.id,
      officeId: devices.officeId,
      publicKey: devices.publicKey,
      revokedAt: devices.revokedAt,
      agencyCode: offices.agencyCode,
    })
    .from(devices)
    .innerJoin(offices, eq(offices.id, devices.officeId))
    .where(eq(devices.id, parts.header.deviceId));
  if (!device || device.agencyCode !== parts.header.officeAgencyCode) throw invalid();
  if (device.revokedAt !== null) throw new HttpError(403, 'DEVICE_REVOKED');
  const signature = Buffer.from(parts.signature).toString('base64url');
  if (!verifyEd25519(device.publicKey, parts.payload, signature)) throw invalid();
  let envelope;
  try {
    const json = (await gunzipAsync(parts.payload, { maxOutputLength: MAX_INFLATED })).toString();
    envelope = syncEnvelope.parse(JSON.parse(json));
  } catch {
    throw invalid();
  }
  if (!headerMatches(parts.header, envelope)) throw invalid();
  const scope = { officeId: device.officeId, deviceId: device.id, source: 'file' as const };
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
  return {
    deviceId: device.id,
    officeId: device.officeId,
    applied: tally('applied'),
    duplicate: tally('duplicate'),
    rejected: tally('rejected'),
    // Where this device's reply file starts (server/sync/reply-file.ts).
    feedCursor: envelope.feedCursor ?? null,
    fromClientSeq: seqs.length > 0 ? seqs.reduce((a, b) => Math.min(a, b)) : null,
    results,
  };
};

// The reply file for one device (core/sync/reply-file.ts): what the server holds about the
// device's ops (applied with their server_seq, rejected with the reason) and the feed after a
// cursor, signed with the server's key. Built from the database alone, so the province can
// download it right after uploading the office's sync file or at any later time.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { OpResult } from '../../core/sync/protocol';
import type { ReplyEnvelope } from '../../core/sync/reply-file';
import { sealContext } from '../../core/sync/sealing';
import { sealTo } from '../../services/security/sealed-box';
import {
  encodeReplyFile,
  MAX_REPLY_ACKS,
  MAX_REPLY_ENTRIES,
  REPLY_FILE_EXTENSION,
  REPLY_FILE_VERSION,
} from '../../core/sync/reply-file';
import type { Db } from '../database/connect';
import { devices, offices, ops, rejectedOps } from '../database/schema/index';
import { HttpError } from '../http/errors';
import type { ServerSealer } from '../security/seal-key';
import type { ServerSigner } from '../security/signing-key';
import { readFeed } from './feed';

const gzipAsync = promisify(gzip);
/** Room kept for rejections when the device's accepted ops alone would fill the file. */
const MAX_APPLIED = MAX_REPLY_ACKS - 20_000;

export interface ReplyRange {
  /** The device's pull cursor (from its sync file); absent: the whole feed. */
  readonly feedCursor?: number | undefined;
  /** The device's lowest op still waiting (from its sync file); absent: its newest ops. */
  readonly fromClientSeq?: number | undefined;
}

const readAcks = async (db: Db, deviceId: string, range: Readonly<ReplyRange>) => {
  const mine = eq(ops.deviceId, deviceId);
  const columns = { opId: ops.opId, clientSeq: ops.clientSeq, serverSeq: ops.serverSeq };
  const applied =
    range.fromClientSeq === undefined
      ? await db
          .select(columns)
          .from(ops)
          .where(mine)
          .orderBy(desc(ops.clientSeq))
          .limit(MAX_APPLIED)
      : await db
          .select(columns)
          .from(ops)
          .where(and(mine, gte(ops.clientSeq, range.fromClientSeq)))
          .orderBy(asc(ops.clientSeq))
          .limit(MAX_APPLIED);
  // Without a range, rejections as old as the oldest applied op in the file (newest first,
  // so the last one), or all of them when the device's whole history fits.
  const floor =
    range.fromClientSeq ?? (applied.length < MAX_APPLIED ? 0 : (applied.at(-1)?.clientSeq ?? 0));
  const rejected = await db
    .select({
      opId: rejectedOps.opId,
      clientSeq: rejectedOps.clientSeq,
      reason: rejectedOps.reason,
    })
    .from(rejectedOps)
    .where(and(eq(rejectedOps.deviceId, deviceId), gte(rejectedOps.clientSeq, floor)))
    .orderBy(asc(rejectedOps.clientSeq))
    .limit(MAX_REPLY_ACKS - applied.length);
  const acks: (OpResult & { clientSeq: number })[] = [
    ...applied.map((a) => ({
      opId: a.opId,
      status: 'applied' as const,
      serverSeq: a.serverSeq,
      clientSeq: a.clientSeq,
    })),
    ...rejected.map((r) => ({
      opId: r.opId,
      status: 'rejected' as const,
      reason: r.reason,
      clientSeq: r.clientSeq,
    })),
  ];
  return acks.sort((a, b) => a.clientSeq - b.clientSeq).map(({ clientSeq: _, ...r }) => r);
};

const readFeedAfter = async (db: Db, after: number) => {
  const entries: ReplyEnvelope['feed']['entries'] = [];
  let cursor = after;
  for (;;) {
    const page = await readFeed(db, cursor, 1000);
    entries.push(...page.entries);
    cursor = page.nextCursor;
    if (!page.more || entries.length >= MAX_REPLY_ENTRIES || page.entries.length === 0) break;
  }
  const kept = entries.slice(0, MAX_REPLY_ENTRIES);
  return { after, to: kept.at(-1)?.serverSeq ?? after, entries: kept };
};

/** Vietnam civil date of an instant, YYYY-MM-DD. */
const vietnamDay = civilDateOf;

export const buildReplyFile = async (
  db: Db,
  keys: { readonly signer: ServerSigner; readonly sealer: ServerSealer },
  deviceId: string,
  range: Readonly<ReplyRange>,
  now: number,
): Promise<{ bytes: Uint8Array; fileName: string }> => {
  const [device] = await db
    .select({
      revokedAt: devices.revokedAt,
      sealPublicKey: devices.sealPublicKey,
      officeId: offices.id,
      agencyCode: offices.agencyCode,
    })
    .from(devices)
    .innerJoin(offices, eq(offices.id, devices.officeId))
    .where(eq(devices.id, deviceId));
  if (!device) throw new HttpError(404, 'NOT_FOUND');
  if (device.revokedAt !== null) throw new HttpError(403, 'DEVICE_REVOKED');
  // Sealed to the device when the province holds its X25519 key; else (a PC enrolled before
  // sealing that never synced since) plain, to tell it the province's key.
  const version = device.sealPublicKey === null ? 1 : REPLY_FILE_VERSION;
  const envelope: ReplyEnvelope = {
    format: 'isoxa-reply',
    version,
    deviceId,
    officeId: device.officeId,
    officeAgencyCode: device.agencyCode,
    createdAt: now,
    acks: await readAcks(db, deviceId, range),
    feed: await readFeedAfter(db, range.feedCursor ?? 0),
    serverSealKey: keys.sealer.publicKey,
  };
  const gz = await gzipAsync(Buffer.from(JSON.stringify(envelope)));
  const payload =
    device.sealPublicKey === null
      ? gz
      : sealTo(device.sealPublicKey, gz, sealContext.replyFile(deviceId, device.officeId));
  const bytes = encodeReplyFile({
    header: {
      format: 'isoxa-reply',
      version,
      deviceId,
      officeId: device.officeId,
      officeAgencyCode: device.agencyCode,
      createdAt: now,
      ackCount: envelope.acks.length,
      entryCount: envelope.feed.entries.length,
      payloadBytes: payload.length,
    },
    signature: keys.signer.sign(payload),
    payload,
  });
  return {
    bytes,
    fileName: `phan-hoi-${device.agencyCode}-${vietnamDay(now)}${REPLY_FILE_EXTENSION}`,
  };
};

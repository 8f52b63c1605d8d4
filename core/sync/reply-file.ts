// The province's reply file: what a push and a pull would have answered an office that has
// no network, carried back on the USB stick. The container is core/sync/frame.ts with magic
// "ISOXAREP", signed by the server's own Ed25519 key (the office learned it at enrolment):
//   - acks: the server's result for the device's ops (applied, or rejected with the reason),
//     settled on the office exactly like push results;
//   - feed: the feed entries after `after`, applied exactly like pull pages; `to` is the
//     cursor they bring the office to.
// Version 2 (issue #11): the payload (the envelope's gzip) is sealed to the device's X25519 key
// (core/sync/sealing.ts replyFile) and the server signs the sealed bytes; the envelope also
// tells the office the province's X25519 key, so a PC enrolled before sealing and syncing by
// USB only learns it from a reply. Version 1 (plain gzip) is written only for a device whose
// X25519 key the province does not hold yet: it carries acknowledgements and the province's
// published feed, no citizen's data.
// Gzip and Ed25519 live with the caller (Node): this module only frames and parses.
import { z } from 'zod';
import { agencyCode } from '../contract/schemas';
import { decodeFrame, encodeFrame } from './frame';
import { deviceId, feedEntry, opResult, publicKeyB64 } from './protocol';

export const REPLY_FILE_MAGIC = 'ISOXAREP';
/** Sealed to the device; 1 for a device the province holds no X25519 key of. */
export const REPLY_FILE_VERSION = 2;
export const REPLY_FILE_EXTENSION = '.isoxa-reply';
/** As many acknowledgements as a sync file can carry ops. */
export const MAX_REPLY_ACKS = 200_000;
export const MAX_REPLY_ENTRIES = 100_000;

const count = z.int().min(0);
const cursor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Who the reply is for and when the server made it: in the header and in the payload. */
const replyIdentity = {
  format: z.literal('isoxa-reply'),
  version: z.union([z.literal(1), z.literal(2)]),
  deviceId,
  officeId: z.uuid(),
  officeAgencyCode: agencyCode,
  /** Server clock. */
  createdAt: count,
};

export const replyFileHeader = z.object({
  ...replyIdentity,
  ackCount: count,
  entryCount: count,
  payloadBytes: z.int().min(1),
});
export type ReplyFileHeader = z.infer<typeof replyFileHeader>;

export const replyEnvelope = z.object({
  ...replyIdentity,
  acks: z.array(opResult).max(MAX_REPLY_ACKS),
  feed: z.object({
    /** The entries follow this cursor: an office whose cursor is lower would skip some. */
    after: cursor,
    to: cursor,
    entries: z.array(feedEntry).max(MAX_REPLY_ENTRIES),
  }),
  /** The province's X25519 key (what the office seals its sync files and escrow to). */
  serverSealKey: publicKeyB64.optional(),
});
export type ReplyEnvelope = z.infer<typeof replyEnvelope>;

export interface ReplyFileParts {
  readonly header: ReplyFileHeader;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

export const encodeReplyFile = (parts: Readonly<ReplyFileParts>): Uint8Array =>
  encodeFrame(REPLY_FILE_MAGIC, parts.header.version, parts.header, parts.signature, parts.payload);

/** Parses the frame; null for anything that is not a well-formed reply file. */
export const decodeReplyFile = (bytes: Uint8Array): ReplyFileParts | null => {
  for (const v of [2, 1] as const) {
    const frame = decodeFrame(REPLY_FILE_MAGIC, v, bytes);
    if (!frame) continue;
    const header = replyFileHeader.safeParse(frame.header);
    if (!header.success || header.data.version !== v) return null;
    if (frame.payload.length !== header.data.payloadBytes) return null;
    return { header: header.data, signature: frame.signature, payload: frame.payload };
  }
  return null;
};

/** The header must repeat what the signed envelope says. */
export const replyHeaderMatches = (
  h: Readonly<ReplyFileHeader>,
  e: Readonly<ReplyEnvelope>,
): boolean =>
  h.version === e.version &&
  h.deviceId === e.deviceId &&
  h.officeId === e.officeId &&
  h.officeAgencyCode === e.officeAgencyCode &&
  h.ackCount === e.acks.length &&
  h.entryCount === e.feed.entries.length;

// The province's reply file: what a push and a pull would have answered an office that has
// no network, carried back on the USB stick. The container is core/sync/frame.ts with magic
// "ISOXAREP", signed by the server's own Ed25519 key (the office learned it at enrolment):
//   - acks: the server's result for the device's ops (applied, or rejected with the reason),
//     settled on the office exactly like push results;
//   - feed: the feed entries after `after`, applied exactly like pull pages; `to` is the
//     cursor they bring the office to.
// Gzip and Ed25519 live with the caller (Node): this module only frames and parses.
import { z } from 'zod';
import { agencyCode } from '../contract/schemas';
import { decodeFrame, encodeFrame } from './frame';
import { deviceId, feedEntry, opResult } from './protocol';

export const REPLY_FILE_MAGIC = 'ISOXAREP';
export const REPLY_FILE_VERSION = 1;
export const REPLY_FILE_EXTENSION = '.isoxa-reply';
/** As many acknowledgements as a sync file can carry ops. */
export const MAX_REPLY_ACKS = 200_000;
export const MAX_REPLY_ENTRIES = 100_000;

const count = z.int().min(0);
const cursor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Who the reply is for and when the server made it: in the header and in the payload. */
const replyIdentity = {
  format: z.literal('isoxa-reply'),
  version: z.literal(REPLY_FILE_VERSION),
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
});
export type ReplyEnvelope = z.infer<typeof replyEnvelope>;

export interface ReplyFileParts {
  readonly header: ReplyFileHeader;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

export const encodeReplyFile = (parts: Readonly<ReplyFileParts>): Uint8Array =>
  encodeFrame(REPLY_FILE_MAGIC, REPLY_FILE_VERSION, parts.header, parts.signature, parts.payload);

/** Parses the frame; null for anything that is not a well-formed reply file. */
export const decodeReplyFile = (bytes: Uint8Array): ReplyFileParts | null => {
  const frame = decodeFrame(REPLY_FILE_MAGIC, REPLY_FILE_VERSION, bytes);
  const header = frame ? replyFileHeader.safeParse(frame.header) : null;
  if (!frame || !header?.success) return null;
  if (frame.payload.length !== header.data.payloadBytes) return null;
  return { header: header.data, signature: frame.signature, payload: frame.payload };
};

/** The header must repeat what the signed envelope says. */
export const replyHeaderMatches = (
  h: Readonly<ReplyFileHeader>,
  e: Readonly<ReplyEnvelope>,
): boolean =>
  h.deviceId === e.deviceId &&
  h.officeId === e.officeId &&
  h.officeAgencyCode === e.officeAgencyCode &&
  h.ackCount === e.acks.length &&
  h.entryCount === e.feed.entries.length;

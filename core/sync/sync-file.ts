// The USB sync file: the same ops a push would send, for offices with no network at all.
//
// The container is core/sync/frame.ts with magic "ISOXASYN": header `syncFileHeader`, the
// device's Ed25519 signature, payload gzip of `syncEnvelope`. Only the payload is signed: the
// server trusts the envelope and requires the header to repeat its device, office and op
// count (a mismatch means a tampered or mixed-up file).
// Gzip and Ed25519 live with the caller (Node): this module only frames and parses.
import { z } from 'zod';
import { agencyCode } from '../contract/schemas';
import { decodeFrame, encodeFrame } from './frame';
import { deviceId, op, outboxCounts } from './protocol';

export const SYNC_FILE_MAGIC = 'ISOXASYN';
export const SYNC_FILE_VERSION = 1;
export const SYNC_FILE_EXTENSION = '.isoxa-sync';

export const syncFileHeader = z.object({
  format: z.literal('isoxa-sync'),
  version: z.literal(SYNC_FILE_VERSION),
  deviceId,
  officeAgencyCode: agencyCode,
  createdAt: z.int().min(0),
  opCount: z.int().min(0),
  payloadBytes: z.int().min(1),
});
export type SyncFileHeader = z.infer<typeof syncFileHeader>;

export const syncEnvelope = z.object({
  format: z.literal('isoxa-sync'),
  version: z.literal(SYNC_FILE_VERSION),
  deviceId,
  officeAgencyCode: agencyCode,
  /** Device clock, shown to people only. */
  createdAt: z.int().min(0),
  ops: z.array(op).max(200_000),
  /** The device's pull cursor when it wrote the file: the province's reply file sends the
   * feed from there. Absent in files of older versions. */
  feedCursor: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** The device's outbox when it wrote the file (the dashboard's "Chờ gửi", "Bị từ chối"). */
  outbox: outboxCounts.optional(),
});
export type SyncEnvelope = z.infer<typeof syncEnvelope>;

export interface SyncFileParts {
  readonly header: SyncFileHeader;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

export const encodeSyncFile = (parts: Readonly<SyncFileParts>): Uint8Array =>
  encodeFrame(SYNC_FILE_MAGIC, SYNC_FILE_VERSION, parts.header, parts.signature, parts.payload);

/** Parses the frame; returns null for anything that is not a well-formed sync file. */
export const decodeSyncFile = (bytes: Uint8Array): SyncFileParts | null => {
  const frame = decodeFrame(SYNC_FILE_MAGIC, SYNC_FILE_VERSION, bytes);
  const header = frame ? syncFileHeader.safeParse(frame.header) : null;
  if (!frame || !header?.success) return null;
  if (frame.payload.length !== header.data.payloadBytes) return null;
  return { header: header.data, signature: frame.signature, payload: frame.payload };
};

/** The header must repeat what the signed envelope says. */
export const headerMatches = (h: Readonly<SyncFileHeader>, e: Readonly<SyncEnvelope>): boolean =>
  h.deviceId === e.deviceId &&
  h.officeAgencyCode === e.officeAgencyCode &&
  h.opCount === e.ops.length;

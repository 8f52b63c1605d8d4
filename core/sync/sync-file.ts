// The USB sync file: the same ops a push would send, for offices with no network at all.
//
// Layout (all integers big-endian):
//   0   8 bytes  magic "ISOXASYN"
//   8   1 byte   container version (1)
//   9   4 bytes  header length H (at most 4096)
//   13  H bytes  header: UTF-8 JSON, `syncFileHeader` — readable without inflating anything
//   13+H 64 bytes Ed25519 signature of the device over the payload bytes exactly
//   77+H ...     payload: gzip of the UTF-8 JSON `syncEnvelope`, to the end of the file
// Only the payload is signed: the server trusts the envelope and requires the header to
// repeat its device, office and op count (a mismatch means a tampered or mixed-up file).
// The signed bytes start with gzip's magic 1f 8b, so they can never be mistaken for an
// auth message (which starts with "isoxa-auth-v1").
// Gzip and Ed25519 live with the caller (Node): this module only frames and parses.
import { z } from 'zod';
import { agencyCode } from '../contract/schemas';
import { deviceId, op } from './protocol';

export const SYNC_FILE_MAGIC = 'ISOXASYN';
export const SYNC_FILE_VERSION = 1;
export const SYNC_FILE_EXTENSION = '.isoxa-sync';
const MAX_HEADER = 4096;
const SIGNATURE_BYTES = 64;
const PREFIX = 13;

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
});
export type SyncEnvelope = z.infer<typeof syncEnvelope>;

export interface SyncFileParts {
  readonly header: SyncFileHeader;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

export const encodeSyncFile = (parts: Readonly<SyncFileParts>): Uint8Array => {
  const header = new TextEncoder().encode(JSON.stringify(parts.header));
  if (header.length > MAX_HEADER) throw new Error('sync file header too large');
  if (parts.signature.length !== SIGNATURE_BYTES) throw new Error('signature must be 64 bytes');
  const out = new Uint8Array(PREFIX + header.length + SIGNATURE_BYTES + parts.payload.length);
  out.set(new TextEncoder().encode(SYNC_FILE_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint8(8, SYNC_FILE_VERSION);
  view.setUint32(9, header.length);
  out.set(header, PREFIX);
  out.set(parts.signature, PREFIX + header.length);
  out.set(parts.payload, PREFIX + header.length + SIGNATURE_BYTES);
  return out;
};

/** Parses the frame; returns null for anything that is not a well-formed sync file. */
export const decodeSyncFile = (bytes: Uint8Array): SyncFileParts | null => {
  if (bytes.length < PREFIX + SIGNATURE_BYTES + 1) return null;
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== SYNC_FILE_MAGIC) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(8) !== SYNC_FILE_VERSION) return null;
  const length = view.getUint32(9);
  if (length > MAX_HEADER || PREFIX + length + SIGNATURE_BYTES >= bytes.length) return null;
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + length)),
    );
  } catch {
    return null;
  }
  const header = syncFileHeader.safeParse(json);
  if (!header.success) return null;
  const start = PREFIX + length + SIGNATURE_BYTES;
  const payload = bytes.subarray(start);
  if (payload.length !== header.data.payloadBytes) return null;
  return { header: header.data, signature: bytes.subarray(PREFIX + length, start), payload };
};

/** The header must repeat what the signed envelope says. */
export const headerMatches = (h: Readonly<SyncFileHeader>, e: Readonly<SyncEnvelope>): boolean =>
  h.deviceId === e.deviceId &&
  h.officeAgencyCode === e.officeAgencyCode &&
  h.opCount === e.ops.length;

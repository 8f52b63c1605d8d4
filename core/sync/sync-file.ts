// The USB sync file: the same ops a push would send, for offices with no network at all, and
// the scans those ops refer to (which the network path uploads apart, core/sync/files.ts).
//
// The container is core/sync/frame.ts with magic "ISOXASYN": header `syncFileHeader`, the
// device's Ed25519 signature, then the payload. Version 1 (no files): the payload is the gzip
// of `syncEnvelope`. Version 2 (files): the gzip of the envelope (`envelopeBytes` long), then
// the files' raw bytes back to back, in the order of `envelope.files`. The signature covers
// the whole payload, file bytes included; the server trusts the envelope and requires the
// header to repeat its device, office, op and file counts (a mismatch means a tampered or
// mixed-up file). A file is written as version 1 when it carries no scans, so a province
// server that predates version 2 still reads it.
//
// Version 3 (issue #11): the version 2 payload (envelope's gzip, then the scans) sealed to the
// province's X25519 key (services/security/sealed-box.ts, context core/sync/sealing.ts
// syncFile: the device and office of the header), so a lost USB stick reveals nothing; the
// header's `envelopeBytes` is then the envelope's length inside the opened payload. The device
// signs the SEALED bytes: the province checks who sent the file before it opens anything, the
// signature tells nothing about the contents, and since the box is bound to the header's
// device, a sealed payload re-signed by another device does not open as that device's.
// The desktop writes version 3 only; versions 1 and 2 are still read by the province.
//
// One file is at most SYNC_FILE_LIMITS.maxFileBytes: a larger export is split into parts,
// each signed and applicable on its own (its ops with the scans they refer to).
// Gzip and Ed25519 live with the caller (Node): this module only frames and parses.
import { z } from 'zod';
import { agencyCode } from '../contract/schemas';
import { FILE_LIMITS, sha256Hex } from './files';
import { decodeFrame, encodeFrame } from './frame';
import { deviceId, op, outboxCounts, publicKeyB64, signatureB64 } from './protocol';

export const SYNC_FILE_MAGIC = 'ISOXASYN';
/** The version the desktop writes: sealed to the province. */
export const SYNC_FILE_VERSION = 3;
export const SYNC_FILE_EXTENSION = '.isoxa-sync';

export const SYNC_FILE_LIMITS = {
  /** Largest file the desktop writes (header, envelope and scans): more goes to parts. The
   * province accepts twice this (server/http/context.ts), so the cap can grow later. */
  maxFileBytes: 64 * 1024 * 1024,
  /** Scans one file may carry. */
  maxFiles: 10_000,
} as const;

const version = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const count = z.int().min(0);

export const syncFileHeader = z.object({
  format: z.literal('isoxa-sync'),
  version,
  deviceId,
  officeAgencyCode: agencyCode,
  createdAt: count,
  opCount: count,
  /** Version 2: how many scans follow the envelope, and the envelope's own length. */
  fileCount: count.max(SYNC_FILE_LIMITS.maxFiles).optional(),
  envelopeBytes: z.int().min(1).optional(),
  /** The whole payload: the envelope and, in version 2, the scans. */
  payloadBytes: z.int().min(1),
});
export type SyncFileHeader = z.infer<typeof syncFileHeader>;

export const carriedFile = z.object({
  sha256: sha256Hex,
  size: z.int().min(1).max(FILE_LIMITS.maxFileBytes),
});
export type CarriedFile = z.infer<typeof carriedFile>;

export const syncEnvelope = z.object({
  format: z.literal('isoxa-sync'),
  version,
  deviceId,
  officeAgencyCode: agencyCode,
  /** Device clock, shown to people only. */
  createdAt: count,
  ops: z.array(op).max(200_000),
  /** The device's pull cursor when it wrote the file: the province's reply file sends the
   * feed from there. Absent in files of older versions. */
  feedCursor: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** The device's outbox when it wrote the file (the dashboard's "Chờ gửi", "Bị từ chối"); in
   * a part, as it will be once the earlier parts are applied. */
  outbox: outboxCounts.optional(),
  /** Version 2: the scans after the envelope, in order. */
  files: z.array(carriedFile).max(SYNC_FILE_LIMITS.maxFiles).optional(),
  /** Version 3: the device's X25519 key and its signature (core/sync/sealing.ts
   * sealKeyClaim), for a PC enrolled before it had one and syncing by USB only. */
  sealPublicKey: publicKeyB64.optional(),
  sealKeySignature: signatureB64.optional(),
  /** Version 3: the office's data key sealed to the province (escrow). */
  escrow: z
    .object({ keyId: z.string().regex(/^[0-9a-f]{32}$/), sealed: z.string().max(400) })
    .optional(),
  /** One of several files written by one export; `fromClientSeq` is the export's first op,
   * where the reply file's acknowledgements start whichever part is uploaded last. */
  part: z
    .object({ index: z.int().min(1), count: z.int().min(1), fromClientSeq: count })
    .refine((p) => p.index <= p.count)
    .optional(),
});
export type SyncEnvelope = z.infer<typeof syncEnvelope>;

export interface SyncFileParts {
  readonly header: SyncFileHeader;
  readonly signature: Uint8Array;
  /** The signed bytes: the envelope's gzip, then the scans (version 3: sealed; the opened
   * payload is passed on as `payload` once opened). */
  readonly payload: Uint8Array;
}

export const encodeSyncFile = (parts: Readonly<SyncFileParts>): Uint8Array =>
  encodeFrame(SYNC_FILE_MAGIC, parts.header.version, parts.header, parts.signature, parts.payload);

/** Parses the frame; returns null for anything that is not a well-formed sync file. */
export const decodeSyncFile = (bytes: Uint8Array): SyncFileParts | null => {
  for (const v of [3, 2, 1] as const) {
    const frame = decodeFrame(SYNC_FILE_MAGIC, v, bytes);
    if (!frame) continue;
    const header = syncFileHeader.safeParse(frame.header);
    if (!header.success || header.data.version !== v) return null;
    const h = header.data;
    if (frame.payload.length !== h.payloadBytes) return null;
    const ok =
      v >= 2
        ? h.fileCount !== undefined &&
          h.envelopeBytes !== undefined &&
          (v === 3 || h.envelopeBytes <= h.payloadBytes)
        : h.fileCount === undefined && h.envelopeBytes === undefined;
    if (!ok) return null;
    return { header: h, signature: frame.signature, payload: frame.payload };
  }
  return null;
};

/** The gzip of the envelope inside a verified payload. */
export const envelopeBytesOf = (parts: Readonly<SyncFileParts>): Uint8Array =>
  parts.payload.subarray(0, parts.header.envelopeBytes ?? parts.payload.length);

/** The header must repeat what the signed envelope says. */
export const headerMatches = (h: Readonly<SyncFileHeader>, e: Readonly<SyncEnvelope>): boolean =>
  h.version === e.version &&
  h.deviceId === e.deviceId &&
  h.officeAgencyCode === e.officeAgencyCode &&
  h.opCount === e.ops.length &&
  (h.fileCount ?? 0) === (e.files?.length ?? 0);

/** The scans after the envelope, cut by the sizes the envelope lists; null when they do not
 * fill the payload exactly. Their sha256 is the caller's to check. */
export const carriedFilesOf = (
  parts: Readonly<SyncFileParts>,
  e: Readonly<SyncEnvelope>,
): { readonly file: CarriedFile; readonly bytes: Uint8Array }[] | null => {
  let at = parts.header.envelopeBytes ?? parts.payload.length;
  const out = (e.files ?? []).map((file) => {
    const bytes = parts.payload.subarray(at, at + file.size);
    at += file.size;
    return { file, bytes };
  });
  return at === parts.payload.length ? out : null;
};

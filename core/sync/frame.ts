// The container shared by the signed files that travel on a USB stick (the office's sync
// file, the province's reply file). Layout (all integers big-endian):
//   0   8 bytes  magic (ASCII, names the kind of file)
//   8   1 byte   container version
//   9   4 bytes  header length H (at most 4096)
//   13  H bytes  header: UTF-8 JSON, readable without inflating anything
//   13+H 64 bytes Ed25519 signature over the payload bytes exactly
//   77+H ...     payload: gzip of a UTF-8 JSON envelope (a sync file may append the scans its
//                ops refer to, see sync-file.ts), to the end of the file
// Only the payload is signed; each kind requires its header to repeat what the envelope says.
// The signed bytes start with gzip's magic 1f 8b, or, sealed (sync file 3, reply file 2), with
// the sealed box's version byte 01, so they can never be mistaken for an auth message or a
// seal-key claim (which start with "isoxa-"). Gzip, sealing and Ed25519 live with the caller.

const MAX_HEADER = 4096;
export const SIGNATURE_BYTES = 64;
const PREFIX = 13;

export interface FrameParts {
  /** The header as parsed JSON; each kind checks it with its own schema. */
  readonly header: unknown;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

export const encodeFrame = (
  magic: string,
  version: number,
  header: unknown,
  signature: Uint8Array,
  payload: Uint8Array,
): Uint8Array => {
  const head = new TextEncoder().encode(JSON.stringify(header));
  if (magic.length !== 8) throw new Error('magic must be 8 characters');
  if (head.length > MAX_HEADER) throw new Error('file header too large');
  if (signature.length !== SIGNATURE_BYTES) throw new Error('signature must be 64 bytes');
  const out = new Uint8Array(PREFIX + head.length + SIGNATURE_BYTES + payload.length);
  out.set(new TextEncoder().encode(magic), 0);
  const view = new DataView(out.buffer);
  view.setUint8(8, version);
  view.setUint32(9, head.length);
  out.set(head, PREFIX);
  out.set(signature, PREFIX + head.length);
  out.set(payload, PREFIX + head.length + SIGNATURE_BYTES);
  return out;
};

/** Splits a frame of the given kind; null for anything that is not one. */
export const decodeFrame = (
  magic: string,
  version: number,
  bytes: Uint8Array,
): FrameParts | null => {
  if (bytes.length < PREFIX + SIGNATURE_BYTES + 1) return null;
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== magic) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(8) !== version) return null;
  const length = view.getUint32(9);
  if (length > MAX_HEADER || PREFIX + length + SIGNATURE_BYTES >= bytes.length) return null;
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + length)),
    );
  } catch {
    return null;
  }
  const start = PREFIX + length + SIGNATURE_BYTES;
  return {
    header,
    signature: bytes.subarray(PREFIX + length, start),
    payload: bytes.subarray(start),
  };
};

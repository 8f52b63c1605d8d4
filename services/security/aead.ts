// AES-256-GCM with a fresh random 96-bit nonce per message, and HKDF sub-keys, over
// node:crypto. The one place the office seals bytes; the key hierarchy is in keyring.ts.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** Bytes an encrypted message has beyond its plain text: nonce and tag. */
export const AEAD_OVERHEAD = NONCE_BYTES + TAG_BYTES;

/** nonce ‖ ciphertext ‖ tag. `aad` binds the message to its context (a file's name). */
export function seal(key: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The plain bytes, or null when the key is wrong or a byte was changed. */
export function open(key: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Buffer | null {
  if (sealed.length < AEAD_OVERHEAD) return null;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

/** A 32-byte key for one purpose, derived from the office's data key. */
export function subKey(master: Uint8Array, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `isoxa:${purpose}`, 32));
}

// Sealing bytes to a recipient's X25519 public key, for everything that leaves a machine with
// personal data: the USB sync file (sealed to the province), the province's reply files,
// restore pages and restored scans (sealed to the device), the escrow of the office's data key
// (sealed to the province). node:crypto only: a fresh ephemeral X25519 key per message, HKDF-
// SHA256 over the shared secret (salt: both public keys; info: the purpose), AES-256-GCM.
//
//   u8 version (1) ‖ ephemeral public key (32) ‖ nonce (12) ‖ ciphertext ‖ tag (16)
//
// `context` names the purpose and who the bytes are for ("sync-file\n<device>\n<office>"): it
// is the HKDF info and the GCM additional data, so sealed bytes moved to another purpose or
// another recipient's name do not open. Sealing is anonymous (anyone holding the public key
// can seal): who wrote the bytes is proved by a signature beside them, never by the box.
// Shared by the office (services/) and the province (server/): the one sealing code.
import type { KeyObject } from 'node:crypto';
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
} from 'node:crypto';
import { AEAD_OVERHEAD, open, seal } from './aead';

const VERSION = 1;
const KEY_BYTES = 32;
/** Bytes a sealed message has beyond its plain text. */
export const SEAL_OVERHEAD = 1 + KEY_BYTES + AEAD_OVERHEAD;

export interface BoxKeyPair {
  /** PKCS#8 DER, base64 (as the device's Ed25519 key is kept). */
  readonly privateKey: string;
  /** Raw 32-byte public key, base64url (JWK x), as the protocol sends keys. */
  readonly publicKey: string;
}

const rawOf = (key: KeyObject): Buffer =>
  Buffer.from(String(key.export({ format: 'jwk' }).x), 'base64url');

const publicKeyObject = (raw: Uint8Array | string): KeyObject =>
  createPublicKey({
    key: {
      kty: 'OKP',
      crv: 'X25519',
      x: typeof raw === 'string' ? raw : Buffer.from(raw).toString('base64url'),
    },
    format: 'jwk',
  });

export function generateBoxKey(): BoxKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: rawOf(publicKey).toString('base64url'),
  };
}

/** A private key as kept (PKCS#8 DER base64), or a KeyObject (the province's, from PEM). */
export function boxPrivateKey(privateKey: string | KeyObject): KeyObject {
  if (typeof privateKey !== 'string') return privateKey;
  return createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
}

export function boxPublicKeyOf(privateKey: string | KeyObject): string {
  return rawOf(createPublicKey(boxPrivateKey(privateKey))).toString('base64url');
}

/** True when the text is a raw 32-byte X25519 public key (base64url). */
export function isBoxPublicKey(publicKey: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(publicKey)) return false;
  try {
    return publicKeyObject(publicKey).asymmetricKeyType === 'x25519';
  } catch {
    return false;
  }
}

function messageKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer, context: string) {
  const salt = Buffer.concat([ephemeral, recipient]);
  return Buffer.from(hkdfSync('sha256', shared, salt, `isoxa-seal-v1\n${context}`, 32));
}

/** `plain` sealed to the holder of `recipient`'s private key, for `context` only. */
export function sealTo(recipient: string, plain: Uint8Array, context: string): Buffer {
  const to = publicKeyObject(recipient);
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const ephemeral = rawOf(publicKey);
  const shared = diffieHellman({ privateKey, publicKey: to });
  const key = messageKey(shared, ephemeral, rawOf(to), context);
  return Buffer.concat([
    Buffer.from([VERSION]),
    ephemeral,
    seal(key, plain, Buffer.from(context, 'utf8')),
  ]);
}

/** The plain bytes; null when the bytes were not sealed to this key for this context, or were
 * changed on the way. */
export function openSealed(
  privateKey: string | KeyObject,
  sealed: Uint8Array,
  context: string,
): Buffer | null {
  if (sealed.length < SEAL_OVERHEAD || sealed[0] !== VERSION) return null;
  try {
    const own = boxPrivateKey(privateKey);
    const ephemeral = Buffer.from(sealed.subarray(1, 1 + KEY_BYTES));
    const shared = diffieHellman({ privateKey: own, publicKey: publicKeyObject(ephemeral) });
    const key = messageKey(shared, ephemeral, rawOf(createPublicKey(own)), context);
    return open(key, sealed.subarray(1 + KEY_BYTES), Buffer.from(context, 'utf8'));
  } catch {
    return null;
  }
}

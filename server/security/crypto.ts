// Random secrets, their hashes, and Ed25519 verification. The server stores hashes of every
// bearer secret (tokens, sessions, enrollment codes) and only public keys of devices.
import { createHash, createPublicKey, randomBytes, randomInt, verify } from 'node:crypto';
import { ENROLLMENT_ALPHABET, normalizeEnrollmentCode } from '../../core/sync/protocol';

/** 32 random bytes, base64url: tokens, session ids, nonces. */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** 12 characters from a 32-letter alphabet without look-alikes (0/O, 1/I): 60 bits, shown
 * as XXXX-XXXX-XXXX so it can be read over the phone. */
export const newEnrollmentCode = (): string => {
  let code = '';
  for (let i = 0; i < 12; i++) code += ENROLLMENT_ALPHABET[randomInt(ENROLLMENT_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
};

export const hashEnrollmentCode = (code: string): string =>
  sha256(`enroll:${normalizeEnrollmentCode(code)}`);

/** True when the key decodes to 32 bytes and is a usable Ed25519 point. */
export const isUsablePublicKey = (publicKeyB64: string): boolean => {
  if (Buffer.from(publicKeyB64, 'base64url').length !== 32) return false;
  try {
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKeyB64 }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
};

export const verifyEd25519 = (
  publicKeyB64: string,
  message: Uint8Array | string,
  signatureB64: string,
): boolean => {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKeyB64 },
      format: 'jwk',
    });
    const data = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    const signature = Buffer.from(signatureB64, 'base64url');
    return signature.length === 64 && verify(null, data, key, signature);
  } catch {
    return false;
  }
};

/** True when the key is a raw 32-byte X25519 public key (a device's sealing key). */
export { isBoxPublicKey } from '../../services/security/sealed-box';

// The server's own Ed25519 key: it signs the reply files the province hands to offices
// without network; offices learn the public half at enrolment (and on every token). Kept in
// a PKCS#8 PEM file next to the data (ISOXA_SERVER_KEY_FILE), created on first start; a
// server without a file (in memory, tests) makes a key for the life of the process.
import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface ServerSigner {
  /** Raw public key, base64url (JWK x), as the protocol sends keys. */
  readonly publicKey: string;
  sign(bytes: Uint8Array): Uint8Array;
}

const signerOf = (privateKey: KeyObject): ServerSigner => ({
  publicKey: String(createPublicKey(privateKey).export({ format: 'jwk' }).x),
  sign: (bytes) => sign(null, bytes, privateKey),
});

export const ephemeralSigner = (): ServerSigner =>
  signerOf(generateKeyPairSync('ed25519').privateKey);

/** Reads a PEM private key file of `type`, or creates it (owner-only) when it does not exist
 * yet. Shared by the signing key and the sealing key (seal-key.ts). */
export const loadOrCreateKey = (file: string, type: 'ed25519' | 'x25519'): KeyObject => {
  try {
    const key = createPrivateKey(fs.readFileSync(file));
    if (key.asymmetricKeyType !== type) throw new Error(`${file}: not an ${type} key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } =
    type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  // 'wx': two servers starting together never overwrite each other's fresh key.
  try {
    fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(file, type);
    throw error;
  }
  return privateKey;
};

/** Reads the key file, or creates it (owner-only) when it does not exist yet. */
export const loadOrCreateSigner = (file: string): ServerSigner =>
  signerOf(loadOrCreateKey(file, 'ed25519'));

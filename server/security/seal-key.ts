// The province's X25519 key: offices seal to its public half what they send with personal
// data (the USB sync file's payload and scans, the escrow copy of their data key); only this
// server opens it. Offices learn the public half at enrolment, on every token and in every reply
// file. Kept like the signing key (signing-key.ts): a PKCS#8 PEM file next to the data
// (ISOXA_SERVER_SEAL_KEY_FILE), owner-only, created on first start; a server without a file
// (in memory, tests) makes a key for the life of the process. Losing the file means the
// province can no longer open the sync files and escrows sealed to it: back it up with the
// database, and keep it as secret as the database (server/README.md).
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { boxPublicKeyOf, openSealed } from '../../services/security/sealed-box';
import { loadOrCreateKey } from './signing-key';

export interface ServerSealer {
  /** Raw X25519 public key, base64url. */
  readonly publicKey: string;
  /** The plain bytes, or null when they were not sealed to this server for `context`. */
  open(sealed: Uint8Array, context: string): Buffer | null;
}

const sealerOf = (privateKey: KeyObject): ServerSealer => ({
  publicKey: boxPublicKeyOf(privateKey),
  open: (sealed, context) => openSealed(privateKey, sealed, context),
});

export const ephemeralSealer = (): ServerSealer =>
  sealerOf(generateKeyPairSync('x25519').privateKey);

/** Reads the key file, or creates it (owner-only) when it does not exist yet. */
export const loadOrCreateSealer = (file: string): ServerSealer =>
  sealerOf(loadOrCreateKey(file, 'x25519'));

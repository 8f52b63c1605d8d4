// This PC's sync identity (sync_state, one row) and its Ed25519 key: generated at enrolment,
// the private half never leaves the database.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { authMessage } from '../../core/sync/protocol';
import type { Db, Tx } from '../../db/open';
import { syncState } from '../../db/schema';

export const STATE_ID = 1;

export type SyncStateRow = typeof syncState.$inferSelect;

export interface Identity {
  readonly serverUrl: string;
  readonly deviceId: string;
  readonly officeId: string;
  readonly privateKey: string;
  readonly agencyCode: string;
}

export function readState(db: Db | Tx): SyncStateRow | null {
  return db.select().from(syncState).where(eq(syncState.id, STATE_ID)).get() ?? null;
}

export function identityOf(row: SyncStateRow | null): Identity | null {
  if (!row?.serverUrl || !row.deviceId || !row.officeId || !row.privateKey) return null;
  return {
    serverUrl: row.serverUrl,
    deviceId: row.deviceId,
    officeId: row.officeId,
    privateKey: row.privateKey,
    agencyCode: row.officeAgencyCode ?? '',
  };
}

export function updateState(db: Db | Tx, patch: Partial<Omit<SyncStateRow, 'id'>>): void {
  db.insert(syncState)
    .values({ id: STATE_ID, ...patch })
    .onConflictDoUpdate({ target: syncState.id, set: patch })
    .run();
}

export interface KeyPair {
  /** PKCS#8 DER, base64. */
  readonly privateKey: string;
  /** Raw 32-byte public key, base64url (the JWK `x`), as the protocol sends it. */
  readonly publicKey: string;
}

export function generateDeviceKey(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: String(publicKey.export({ format: 'jwk' }).x),
  };
}

function keyObject(privateKey: string) {
  return createPrivateKey({
    key: Buffer.from(privateKey, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
}

/** The challenge signature, base64url. */
export function signChallenge(id: Identity, nonce: string): string {
  return sign(
    null,
    Buffer.from(authMessage(id.deviceId, nonce)),
    keyObject(id.privateKey),
  ).toString('base64url');
}

/** Raw Ed25519 signature over `bytes` (the USB sync file payload). */
export function signBytes(id: Identity, bytes: Uint8Array): Uint8Array {
  return sign(null, bytes, keyObject(id.privateKey));
}

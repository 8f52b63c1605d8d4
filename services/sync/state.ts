// This PC's sync identity (sync_state, one row) and its Ed25519 key: generated at enrolment,
// the private half kept in the keyring, wrapped like the data key (security/keyring.ts): never
// in the database, so never in a backup, and a backup restored on another PC carries no usable
// identity. Also the server's public key (app_meta), which the province's reply files must be
// signed with.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { authMessage } from '../../core/sync/protocol';
import { sealKeyClaim } from '../../core/sync/sealing';
import type { Db, Tx } from '../../db/open';
import { appMeta, syncState } from '../../db/schema';
import { keyringFor } from '../security/keyring';
import { boxPublicKeyOf, generateBoxKey } from '../security/sealed-box';

export const STATE_ID = 1;

export type SyncStateRow = typeof syncState.$inferSelect;

export interface Identity {
  readonly serverUrl: string;
  readonly deviceId: string;
  readonly officeId: string;
  readonly privateKey: string;
  /** The device's X25519 private key (PKCS#8 DER, base64): opens what the province seals to
   * this PC (restore pages and scans, reply files, a released escrow). */
  readonly boxKey: string;
  readonly agencyCode: string;
  /** The office's data key sealed to the province (sync/escrow.ts), when the PC knows the
   * province's key: sent with each token request. */
  readonly escrow?: { readonly keyId: string; readonly sealed: string } | null;
}

export function readState(db: Db | Tx): SyncStateRow | null {
  return db.select().from(syncState).where(eq(syncState.id, STATE_ID)).get() ?? null;
}

/** The identity when enrolled and this PC holds the device's key (dataDir: its keyring). */
export function identityOf(row: SyncStateRow | null, dataDir: string): Identity | null {
  if (!row?.serverUrl || !row.deviceId || !row.officeId) return null;
  const keyring = keyringFor(dataDir);
  const privateKey = keyring.deviceKey(row.deviceId);
  if (!privateKey) return null;
  let boxKey = keyring.deviceBoxKey(row.deviceId);
  if (!boxKey) {
    // Enrolled before devices had one: made now, registered with the next token or sync file.
    boxKey = generateBoxKey().privateKey;
    keyring.setDeviceBoxKey(row.deviceId, boxKey);
  }
  return {
    serverUrl: row.serverUrl,
    deviceId: row.deviceId,
    officeId: row.officeId,
    privateKey,
    boxKey,
    agencyCode: row.officeAgencyCode ?? '',
  };
}

/**
 * A device key still in the database (enrolled before the keyring) moves to the keyring, when
 * it is this PC's (the keyring has no key for that device yet and `adopt`); the column is
 * emptied either way, so a restored backup never brings a key along.
 */
export function moveDeviceKeyOut(db: Db, dataDir: string, adopt: boolean): void {
  const row = readState(db);
  if (!row?.privateKey) return;
  const keyring = keyringFor(dataDir);
  if (adopt && row.deviceId && !keyring.deviceKey(row.deviceId))
    keyring.setDeviceKey(row.deviceId, row.privateKey);
  updateState(db, { privateKey: null });
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

/** This PC's X25519 public key and its Ed25519 signature of it (core/sync/sealing.ts). */
export function sealKeyRegistration(id: Identity) {
  const sealPublicKey = boxPublicKeyOf(id.boxKey);
  const claim = Buffer.from(sealKeyClaim(id.deviceId, sealPublicKey));
  return {
    sealPublicKey,
    sealKeySignature: Buffer.from(signBytes(id, claim)).toString('base64url'),
  };
}

const SERVER_KEY = 'sync.serverPublicKey';
const DEVICE_NO = 'sync.deviceNo';
const SERVER_SEAL_KEY = 'sync.serverSealKey';

function readMeta(db: Db | Tx, key: string): string | null {
  return db.select().from(appMeta).where(eq(appMeta.key, key)).get()?.value ?? null;
}

function saveMeta(db: Db | Tx, key: string, value: string | null): void {
  if (value === null) {
    db.delete(appMeta).where(eq(appMeta.key, key)).run();
    return;
  }
  db.insert(appMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value } })
    .run();
}

/** The server's raw Ed25519 public key (base64url), learned at enrolment or on a token. */
export function readServerKey(db: Db | Tx): string | null {
  return readMeta(db, SERVER_KEY);
}

/** Stores the key, or forgets it (null: a new enrolment with a server that signs nothing). */
export function saveServerKey(db: Db | Tx, key: string | null): void {
  saveMeta(db, SERVER_KEY, key);
}

/** The province's X25519 key (base64url): USB sync files and the escrow are sealed to it.
 * Learned at enrolment, on a token, or from a reply file (signed by the province's key). */
export function readServerSealKey(db: Db | Tx): string | null {
  return readMeta(db, SERVER_SEAL_KEY);
}

export function saveServerSealKey(db: Db | Tx, key: string | null): void {
  saveMeta(db, SERVER_SEAL_KEY, key);
}

export function verifyServerSignature(
  publicKey: string,
  bytes: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKey },
      format: 'jwk',
    });
    return signature.length === 64 && verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}

/** This PC's number in its office, as the province gave it ('<deviceId>:<n>', so a number
 * learned under another identity never counts), or null before it did. */
export function readDeviceNo(db: Db | Tx): number | null {
  const [deviceId, no] = (readMeta(db, DEVICE_NO) ?? '').split(':');
  const state = db
    .select({ deviceId: syncState.deviceId })
    .from(syncState)
    .where(eq(syncState.id, STATE_ID))
    .get();
  return deviceId && state?.deviceId === deviceId && no ? Number(no) : null;
}

export function saveDeviceNo(db: Db | Tx, deviceId: string, no: number | undefined): void {
  if (no !== undefined) saveMeta(db, DEVICE_NO, `${deviceId}:${no}`);
}

// The device keys and escrows the province keeps for sealing (services/security/sealed-box):
//  - a device's X25519 key, registered at enrolment or, for a device enrolled before it had
//    one, on a token request signed by its Ed25519 key (a stolen token alone cannot swap in
//    an attacker's key);
//  - the office's data key sealed to the province (escrow), received with a token or a USB
//    sync file, checked to open before it is kept;
//  - the release of an escrow to a new PC of the same office: an administrator's act, kept
//    with who, when and why (escrow_releases), the key re-sealed to that PC only.
import { createHash } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { sealContext, sealKeyClaim } from '../../core/sync/sealing';
import { sealTo } from '../../services/security/sealed-box';
import type { Db } from '../database/connect';
import { devices, escrowReleases, keyEscrows } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { isBoxPublicKey, verifyEd25519 } from './crypto';
import type { ServerSealer } from './seal-key';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

interface DeviceKeys {
  readonly id: string;
  readonly officeId: string;
  readonly publicKey: string;
}

/** The X25519 key a token request registers, when its signature by the device holds. */
export const claimedSealKey = (
  device: DeviceKeys,
  body: {
    readonly sealPublicKey?: string | undefined;
    readonly sealKeySignature?: string | undefined;
  },
): string | null => {
  if (body.sealPublicKey === undefined) return null;
  const claim = sealKeyClaim(device.id, body.sealPublicKey);
  if (
    body.sealKeySignature === undefined ||
    !isBoxPublicKey(body.sealPublicKey) ||
    !verifyEd25519(device.publicKey, claim, body.sealKeySignature)
  ) {
    throw new HttpError(400, 'INVALID_REQUEST', undefined, { details: ['sealPublicKey'] });
  }
  return body.sealPublicKey;
};

/** The office's key id, as the office computes it (services/security/recovery-code.ts). */
const keyIdOf = (key: Uint8Array): string =>
  createHash('sha256').update('isoxa:key-id').update(key).digest('hex').slice(0, 32);

/** The data key an escrow holds, or null when it does not open to the key it names. */
export const openEscrow = (
  sealer: ServerSealer,
  officeId: string,
  escrow: { readonly keyId: string; readonly sealed: string },
): Buffer | null => {
  const key = sealer.open(
    Buffer.from(escrow.sealed, 'base64'),
    sealContext.escrow(officeId, escrow.keyId),
  );
  return key && key.length === 32 && keyIdOf(key) === escrow.keyId ? key : null;
};

/**
 * Keeps an escrow sent by a device of the office (once per key; a repeat changes nothing).
 * False, and nothing kept, when it does not open with this province's key: sealed to a key the
 * province had before (a replaced or lost key file). The caller decides: a token request goes
 * on (its answer carries the current key, and the PC reseals its escrow to it for the next
 * one), a sync file whose payload opened but whose escrow does not is refused.
 */
export const keepEscrow = async (
  tx: Db | Tx,
  sealer: ServerSealer,
  device: DeviceKeys,
  escrow: { readonly keyId: string; readonly sealed: string },
  now: number,
): Promise<boolean> => {
  if (!openEscrow(sealer, device.officeId, escrow)) return false;
  await tx
    .insert(keyEscrows)
    .values({
      officeId: device.officeId,
      keyId: escrow.keyId,
      sealed: escrow.sealed,
      deviceId: device.id,
      receivedAt: new Date(now),
    })
    .onConflictDoNothing();
  return true;
};

export const listEscrows = (db: Db, officeId: string) =>
  db
    .select({
      keyId: keyEscrows.keyId,
      deviceId: keyEscrows.deviceId,
      receivedAt: keyEscrows.receivedAt,
    })
    .from(keyEscrows)
    .where(eq(keyEscrows.officeId, officeId))
    .orderBy(desc(keyEscrows.receivedAt));

export interface EscrowRelease {
  readonly officeId: string;
  readonly keyId: string;
  readonly deviceId: string;
  readonly reason: string;
  readonly releasedBy: string;
}

/**
 * An administrator gives the office's escrowed key to a new PC of the same office: opened
 * here, re-sealed to that PC's X25519 key, and kept with who, when and why.
 */
export const releaseEscrow = async (
  db: Db,
  sealer: ServerSealer,
  input: Readonly<EscrowRelease>,
  now: number,
): Promise<{ id: string }> => {
  const [escrow] = await db
    .select()
    .from(keyEscrows)
    .where(and(eq(keyEscrows.officeId, input.officeId), eq(keyEscrows.keyId, input.keyId)));
  if (!escrow) throw new HttpError(404, 'NOT_FOUND', 'Tỉnh không giữ khóa này của đơn vị.');
  const [device] = await db.select().from(devices).where(eq(devices.id, input.deviceId));
  if (!device || device.officeId !== input.officeId || device.revokedAt !== null) {
    throw new HttpError(
      409,
      'CONFLICT',
      'Chỉ cấp khóa cho một máy đang hoạt động đã đăng ký cho chính đơn vị này.',
    );
  }
  if (device.sealPublicKey === null) throw new HttpError(409, 'SEAL_KEY_REQUIRED');
  const key = openEscrow(sealer, input.officeId, escrow);
  if (!key) throw new HttpError(409, 'ESCROW_INVALID');
  const id = uuidv7();
  await db.insert(escrowReleases).values({
    id,
    officeId: input.officeId,
    keyId: input.keyId,
    deviceId: device.id,
    sealed: sealTo(
      device.sealPublicKey,
      key,
      sealContext.escrowRelease(device.id, input.keyId),
    ).toString('base64'),
    releasedBy: input.releasedBy,
    reason: input.reason,
    releasedAt: new Date(now),
  });
  key.fill(0);
  return { id };
};

/** Every release of an office's keys: who gave which PC the key, when and why. */
export const listReleases = (db: Db, officeId: string) =>
  db
    .select({
      id: escrowReleases.id,
      keyId: escrowReleases.keyId,
      deviceId: escrowReleases.deviceId,
      releasedBy: escrowReleases.releasedBy,
      reason: escrowReleases.reason,
      releasedAt: escrowReleases.releasedAt,
      fetchedAt: escrowReleases.fetchedAt,
    })
    .from(escrowReleases)
    .where(eq(escrowReleases.officeId, officeId))
    .orderBy(desc(escrowReleases.releasedAt));

/** The keys released to a device (what it may open backups with), marked as fetched. */
export const takeReleases = async (db: Db, deviceId: string, now: number) => {
  const rows = await db
    .select({ id: escrowReleases.id, keyId: escrowReleases.keyId, sealed: escrowReleases.sealed })
    .from(escrowReleases)
    .where(eq(escrowReleases.deviceId, deviceId))
    .orderBy(desc(escrowReleases.releasedAt));
  await db
    .update(escrowReleases)
    .set({ fetchedAt: new Date(now) })
    .where(and(eq(escrowReleases.deviceId, deviceId), isNull(escrowReleases.fetchedAt)));
  return rows.map((r) => ({ keyId: r.keyId, sealed: r.sealed }));
};

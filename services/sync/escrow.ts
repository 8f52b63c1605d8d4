// The escrow: the office's data key sealed to the province's X25519 key, so that the province
// can let a legitimate new PC of the office open the office's backups when the recovery code
// is lost. Kept in the keyring (and so in every backup's header, keyring.envelope()), sent to
// the province with each token request and in each USB sync file; the province opens it only
// when an administrator releases it to a new PC of the same office (server/security/escrow.ts),
// re-sealed to that PC's X25519 key, which the PC fetches here.
import { z } from 'zod';
import { sealContext } from '../../core/sync/sealing';
import type { Db, Tx } from '../../db/open';
import { keyringFor } from '../security/keyring';
import { keyIdOf } from '../security/recovery-code';
import { openSealed, sealTo } from '../security/sealed-box';
import type { DeviceAuth, SyncHttp } from './http';
import { readServerSealKey, type Identity } from './state';

export interface Escrow {
  readonly keyId: string;
  readonly sealed: string;
}

/** The data key sealed to the province key this PC knows (made once per province key). */
export function escrowOf(db: Db | Tx, dataDir: string, officeId: string): Escrow | null {
  const to = readServerSealKey(db);
  if (!to) return null;
  const keyring = keyringFor(dataDir);
  if (keyring.escrow && keyring.escrowTo === to)
    return { keyId: keyring.keyId, sealed: keyring.escrow };
  const sealed = sealTo(to, keyring.dataKey, sealContext.escrow(officeId, keyring.keyId));
  keyring.setEscrow(sealed.toString('base64'), to);
  return { keyId: keyring.keyId, sealed: sealed.toString('base64') };
}

export const releasedKeys = z.object({
  keys: z.array(z.object({ keyId: z.string(), sealed: z.string().max(400) })).max(100),
});

/** The office data keys the province released to this PC, opened with its X25519 key. */
export async function fetchReleasedKeys(
  http: SyncHttp,
  auth: DeviceAuth,
  id: Identity,
): Promise<Map<string, Buffer>> {
  const reply = await auth.with(http, id, (a) =>
    http.request('GET', '/v1/escrow/released', releasedKeys, { auth: a }),
  );
  const out = new Map<string, Buffer>();
  for (const k of reply.keys) {
    const key = openSealed(
      id.boxKey,
      Buffer.from(k.sealed, 'base64'),
      sealContext.escrowRelease(id.deviceId, k.keyId),
    );
    if (key && keyIdOf(key) === k.keyId) out.set(k.keyId, key);
  }
  return out;
}

// The office's recovery code: 24 letters and digits shown once at setup (printable, for the
// office safe) and the data key wrapped under it (scrypt, then AES-256-GCM), which travels in
// every backup's header so a new PC can open a backup with the code.
import { createHash, randomBytes, randomInt, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { open, seal } from './aead';

export const recoveryWrap = z.object({
  salt: z.string().max(20_000),
  sealed: z.string().max(20_000),
});
export type RecoveryWrap = z.infer<typeof recoveryWrap>;

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECOVERY_LENGTH = 24;
// scrypt at 2^15 × 8: a guess costs ~32 MiB and ~0.1 s; 120 random bits make guessing moot.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export function keyIdOf(dataKey: Uint8Array): string {
  return createHash('sha256').update('isoxa:key-id').update(dataKey).digest('hex').slice(0, 32);
}

/** 24 letters and digits without look-alikes, shown in groups of four. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(32)];
  return code.match(/.{4}/g)?.join('-') ?? code;
}

export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replaceAll('I', '1');
}

function recoveryKey(code: string, salt: Buffer): Buffer {
  return scryptSync(normalizeRecoveryCode(code), salt, 32, SCRYPT);
}

export function wrapForRecovery(dataKey: Buffer, code: string): RecoveryWrap {
  const salt = randomBytes(16);
  return {
    salt: salt.toString('base64'),
    sealed: seal(recoveryKey(code, salt), dataKey, Buffer.from('isoxa:recovery')).toString(
      'base64',
    ),
  };
}

/** The data key a backup was made with, from its header and the office's recovery code. */
export function unwrapWithRecoveryCode(
  envelope: { readonly keyId: string; readonly recovery: RecoveryWrap | null },
  code: string,
): Buffer | null {
  if (!envelope.recovery) return null;
  const key = open(
    recoveryKey(code, Buffer.from(envelope.recovery.salt, 'base64')),
    Buffer.from(envelope.recovery.sealed, 'base64'),
    Buffer.from('isoxa:recovery'),
  );
  return key && keyIdOf(key) === envelope.keyId ? key : null;
}

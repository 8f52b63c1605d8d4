// One office per PC, several Windows accounts (issue #13 item 6): the data key is wrapped once
// per OS account (DPAPI is per account); another account opens the office once with the
// recovery code, which adds its own wrap. Here each "account" is a protector whose blobs no
// other account can open, as DPAPI's.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { lockedBackend } from '../../services/locked-backend';
import { open, seal } from '../../services/security/aead';
import type { KeyProtector } from '../../services/security/keyring';
import {
  keyIdOf,
  KeyringOtherAccount,
  keyringPath,
  openKeyring,
  unlockWithRecoveryCode,
} from '../../services/security/keyring';
import { tempDir } from '../support/backend';

/** A stand-in for DPAPI: blobs only the same account opens. */
const windowsAccount = (account: string): KeyProtector => {
  const key = createHash('sha256').update(`dpapi:${account}`).digest();
  return {
    kind: 'os',
    account,
    protect: (secret) => seal(key, secret),
    unprotect: (blob) => {
      const plain = open(key, blob);
      if (!plain) throw new Error('DPAPI: the data is not this user’s');
      return plain;
    },
  };
};
const an = windowsAccount('UBND\\motcua');
const tuphap = windowsAccount('UBND\\tuphap');

const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));

function officeOf(account: KeyProtector) {
  const dir = tempDir('isoxa-keyring-');
  const keyring = openKeyring(dir, account, true);
  const code = keyring.newRecoveryCode();
  keyring.setDeviceKey('dev-1', 'PRIVATE-KEY-PEM');
  return { dir, keyring, code };
}

describe('the data key across Windows accounts', () => {
  it('another account is told which account holds the office, then unlocks once with the code', () => {
    const { dir, keyring, code } = officeOf(an);
    let refused: unknown = null;
    try {
      openKeyring(dir, tuphap, true);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(KeyringOtherAccount);
    expect((refused as KeyringOtherAccount).code).toBe('DATA_KEY_OTHER_ACCOUNT');
    expect((refused as Error).message).toContain('UBND\\motcua');

    const before = fs.readFileSync(keyringPath(dir));
    let wrong: unknown = null;
    try {
      unlockWithRecoveryCode(dir, tuphap, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', 1);
    } catch (error) {
      wrong = error;
    }
    expect(codeOf(wrong)).toBe('RECOVERY_CODE_WRONG');
    expect(fs.readFileSync(keyringPath(dir))).toEqual(before);

    const unlocked = unlockWithRecoveryCode(dir, tuphap, code.toLowerCase(), 2);
    expect(unlocked.dataKey).toEqual(keyring.dataKey);
    // From now on both accounts open it without the code, with the same key and device key.
    const second = openKeyring(dir, tuphap, false);
    const first = openKeyring(dir, an, false);
    expect(keyIdOf(second.dataKey)).toBe(keyring.keyId);
    expect(first.dataKey).toEqual(second.dataKey);
    expect(second.deviceKey('dev-1')).toBe('PRIVATE-KEY-PEM');
    expect(second.accounts.sort()).toEqual(['UBND\\motcua', 'UBND\\tuphap']);
    // Unlocking again replaces the account's wrap instead of piling them up.
    unlockWithRecoveryCode(dir, tuphap, code, 3);
    expect(openKeyring(dir, an, false).accounts).toHaveLength(2);
  });

  it('without a recovery code, the other account is told how to make one', () => {
    const dir = tempDir('isoxa-keyring-');
    openKeyring(dir, an, true);
    let refused: unknown = null;
    try {
      unlockWithRecoveryCode(dir, tuphap, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', 1);
    } catch (error) {
      refused = error;
    }
    expect(codeOf(refused)).toBe('RECOVERY_CODE_NONE');
  });

  it('a keyring of the previous format is read by its account and rewritten per account', () => {
    const dir = tempDir('isoxa-keyring-');
    const dataKey = Buffer.alloc(32, 7);
    fs.writeFileSync(
      keyringPath(dir),
      JSON.stringify({
        format: 'isoxa-keyring',
        version: 1,
        protector: 'os',
        keyId: keyIdOf(dataKey),
        dataKey: an.protect(dataKey).toString('base64'),
        recovery: null,
        escrow: null,
        device: { id: 'dev-9', key: an.protect(Buffer.from('OLD-DEVICE-KEY')).toString('base64') },
        legacyWorkPending: false,
      }),
    );
    const keyring = openKeyring(dir, an, false);
    expect(keyring.dataKey).toEqual(dataKey);
    expect(keyring.deviceKey('dev-9')).toBe('OLD-DEVICE-KEY');
    const saved = JSON.parse(fs.readFileSync(keyringPath(dir), 'utf8')) as { version: number };
    expect(saved.version).toBe(2);
    expect(openKeyring(dir, an, false).deviceKey('dev-9')).toBe('OLD-DEVICE-KEY');
    expect(() => openKeyring(dir, tuphap, false)).toThrow(KeyringOtherAccount);
  });
});

describe('the locked start screen', () => {
  it('answers the status with the accounts, refuses the rest, and unlocks with the code', async () => {
    const { dir, code } = officeOf(an);
    let opened = 0;
    const backend = lockedBackend({
      dataDir: dir,
      protector: tuphap,
      accounts: ['UBND\\motcua'],
      appVersion: '1.2.0',
      platformKind: 'electron',
      unlocked: () => {
        opened++;
        return Promise.resolve();
      },
    });
    expect(await backend.call('s', 'app.status', {})).toMatchObject({
      ok: true,
      value: { setUp: true, session: null, locked: { accounts: ['UBND\\motcua'] } },
    });
    expect(await backend.call('s', 'dossiers.list', {})).toMatchObject({
      ok: false,
      error: { code: 'DATA_KEY_OTHER_ACCOUNT' },
    });
    expect(await backend.call('s', 'app.unlock', { recoveryCode: 'SAI' })).toMatchObject({
      ok: false,
      error: { code: 'RECOVERY_CODE_WRONG' },
    });
    expect(opened).toBe(0);
    expect(await backend.call('s', 'app.unlock', { recoveryCode: code })).toEqual({
      ok: true,
      value: { done: true },
    });
    expect(opened).toBe(1);
    expect(openKeyring(dir, tuphap, false).keyId).toBe(openKeyring(dir, an, false).keyId);
  });
});

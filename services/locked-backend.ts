// The backend a Windows account gets when the PC's office is there but this account has no
// key to it yet (services/security/keyring.ts: one wrap of the data key per OS account). It
// answers the start screen (app.status says `locked`, with the accounts that can open it) and
// app.unlock: the office's recovery code opens the data key and adds this account's wrap; the
// shell then opens the real backend in its place. Every other operation says why not.
import { contract } from '../core/contract/index';
import { AppError, type Result } from '../core/errors';
import type { AppBackend, PlatformKind } from './platform';
import { type KeyProtector, unlockWithRecoveryCode } from './security/keyring';

export interface LockedOptions {
  readonly dataDir: string;
  readonly protector: KeyProtector;
  readonly accounts: readonly string[];
  readonly appVersion: string;
  readonly platformKind: PlatformKind;
  readonly now?: () => number;
  /** Called once the account's wrap is written: the shell opens the office and swaps backends. */
  readonly unlocked: () => Promise<void>;
}

const fail = (error: AppError): Result<never> => ({ ok: false, error: error.toShape() });

export function lockedBackend(o: LockedOptions): AppBackend {
  let opening: Promise<void> | null = null;
  const unlock = async (input: unknown): Promise<Result<unknown>> => {
    const parsed = contract['app.unlock'].input.safeParse(input);
    if (!parsed.success) return fail(new AppError('RECOVERY_CODE_WRONG'));
    if (!opening) {
      // scrypt takes a moment; a wrong code throws before anything is written.
      unlockWithRecoveryCode(
        o.dataDir,
        o.protector,
        parsed.data.recoveryCode,
        (o.now ?? Date.now)(),
      );
      opening = o.unlocked().catch((error: unknown) => {
        opening = null;
        throw error;
      });
    }
    await opening;
    return { ok: true, value: { done: true } };
  };
  return {
    call: async (_sessionKey, name, input) => {
      try {
        if (name === 'app.status') {
          return {
            ok: true,
            value: {
              setUp: true,
              officeName: null,
              session: null,
              appVersion: o.appVersion,
              platform: o.platformKind,
              locked: { accounts: [...o.accounts] },
            },
          };
        }
        if (name === 'app.unlock') return await unlock(input);
        return fail(new AppError('DATA_KEY_OTHER_ACCOUNT'));
      } catch (error) {
        if (error instanceof AppError) return fail(error);
        throw error;
      }
    },
    runDailyBackup: () => Promise.resolve(null),
    prepareUpdateInstall: () => Promise.resolve(null),
    database: () => {
      throw new AppError('DATA_KEY_OTHER_ACCOUNT');
    },
    close: () => undefined,
  };
}

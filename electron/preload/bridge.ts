// The bridge the preload exposes, free of Electron so it is testable: only contract names
// go through, everything else is answered here without touching IPC.
import type { IsoxaBridge } from '../../core/contract/bridge';
import { isOpName } from '../../core/contract/index';
import { ERROR_MESSAGES, type Result } from '../../core/errors';
import { channelFor } from '../channels';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function makeBridge(invoke: Invoke): IsoxaBridge {
  return Object.freeze({
    call(name: string, input: unknown): Promise<Result<unknown>> {
      if (!isOpName(name)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_OPERATION', message: ERROR_MESSAGES.UNKNOWN_OPERATION },
        });
      }
      return invoke(channelFor(name), input) as Promise<Result<unknown>>;
    },
  });
}

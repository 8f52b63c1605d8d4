// Binds every contract operation to IPC with one loop. The shell only checks who is asking;
// input parsing, sessions and permissions happen once, in the backend's dispatcher.
//
// One channel per operation (`op:<name>`) rather than a single generic channel: an unknown
// name has no handler in the main process at all, so nothing outside the contract can even
// reach the backend, and the channel list is the contract's name list, easy to audit.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { OP_NAMES } from '../../core/contract/index';
import { AppError, ERROR_MESSAGES, type Result } from '../../core/errors';
import type { AppBackend } from '../../services/platform';
import { channelFor } from '../channels';
import { isTrustedSender } from './security';

type Ipc = Pick<IpcMain, 'handle' | 'removeHandler'>;
type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** The frame must be a live top-level frame showing our app:// page. */
export function isTrustedEvent(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  // senderFrame is null when the frame navigated away or was destroyed before we got here.
  return frame !== null && frame.parent === null && isTrustedSender(frame.url);
}

export function sessionKeyFor(event: SenderEvent): string {
  return `wc:${event.sender.id}`;
}

const forbidden = (): Result<never> => ({
  ok: false,
  error: { code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN },
});

/** Registers the handlers; returns a function that removes them again. */
export function bindContract(ipc: Ipc, backend: Pick<AppBackend, 'call'>): () => void {
  for (const name of OP_NAMES) {
    ipc.handle(channelFor(name), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedEvent(event)) return forbidden();
      try {
        return await backend.call(sessionKeyFor(event), name, input);
      } catch (error) {
        // The dispatcher returns failures as Results; a throw here is a bug, never shown raw.
        if (error instanceof AppError) return { ok: false, error: error.toShape() };
        console.error(`[ipc] ${name} failed`, error);
        return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
      }
    });
  }
  return () => {
    for (const name of OP_NAMES) ipc.removeHandler(channelFor(name));
  };
}

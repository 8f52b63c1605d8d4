// The object the Electron preload puts on window.isoxa. Declared here, in core, so the
// renderer can type it without importing electron.
import type { Result } from '../errors';

export const BRIDGE_KEY = 'isoxa';

export interface IsoxaBridge {
  /** Calls a contract operation; resolves to its Result, never rejects for app errors. */
  call(name: string, input: unknown): Promise<Result<unknown>>;
}

/** `(window as unknown as IsoxaWindow).isoxa` is present in Electron, absent in a browser. */
export interface IsoxaWindow {
  readonly isoxa?: IsoxaBridge;
}

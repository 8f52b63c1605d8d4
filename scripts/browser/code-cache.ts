// Between browser mode's loader (scripts/build-browser.ts, codeCacheLoader) and the bundle it
// runs: the loader compiles the bundle with V8's code cache and leaves this handle on
// globalThis; the bundle saves the cache once its first screen has been served.
import { withStartFlags } from '../../services/heap';

/** globalThis[Symbol.for(CODE_CACHE_KEY)] */
export const CODE_CACHE_KEY = 'isoxa.codeCache';

export interface CodeCacheHandle {
  /** 'used': compiled from the cache; 'rejected': the cache did not fit; 'none': no cache. */
  readonly state: 'used' | 'rejected' | 'none';
  /** Writes V8's code for the bundle as compiled so far (nothing when the cache was used). */
  save(): void;
}

/** The loader's handle (undefined when not run by the loader, e.g. through tsx). */
export function codeCache(): CodeCacheHandle | undefined {
  return (globalThis as Record<symbol, CodeCacheHandle | undefined>)[Symbol.for(CODE_CACHE_KEY)];
}

/** Saves the code cache, with V8's flags as a new process has them: V8 refuses a cache made
 * under other flags, and the backend changes one once it is open (services/heap.ts). */
export function saveCodeCache(): void {
  const handle = codeCache();
  if (handle && handle.state !== 'used') withStartFlags(() => handle.save());
}

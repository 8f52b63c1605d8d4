// The backend's memory bound (issue 4: ≤ 200 MB while pulling a 100,000-entry catalog).
//
// V8 doubles its young generation (up to 2 × 16 MiB semi-spaces plus promotion churn in the old
// generation) while data streams through the process, as a big pull does: that alone took the
// client from ~180 to ~205 MB. The cap is normally a launch flag (--max-semi-space-size), which
// the Electron main process only accepts on the command line of the installed shortcut. The
// growth factor, unlike the maximum, is read each time V8 considers growing, so setting it
// once the backend has started keeps the young generation at the size start-up needed
// (measured: 4 MiB semi-spaces), in Electron and in browser mode alike.
import v8 from 'node:v8';

let held = false;

/** Keeps V8's young generation at its present size from now on (idempotent). */
export function holdYoungGeneration(): void {
  if (held) return;
  held = true;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Runs fn with V8's flags as a new process has them. A V8 code cache records the flags it
 * was made under and is refused under others: browser mode saves its cache after the backend
 * has held the young generation (scripts/browser/code-cache.ts).
 */
export function withStartFlags(fn: () => void): void {
  if (!held) return fn();
  // V8's default growth factor (a cache made under =1 was refused at the next start; under
  // the default it is used).
  v8.setFlagsFromString('--semi-space-growth-factor=2');
  try {
    fn();
  } finally {
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  }
}

// Keeps office_qms_status fresh in the background: after an office's push (or its USB sync
// file) is answered, that office's row is computed again off the request path, so the
// province-wide table reads kept rows instead of recomputing every office that pushed since
// (~13 s for the first read after 3,300 offices pushed). At most one recompute per office is
// in flight; pushes arriving meanwhile ask for one more run after it, and pushes within the
// delay share one run (an office's first sync is hundreds of pushes in a row). The on-read
// recompute in qms-status.ts stays the fallback for any row still stale when read.

export interface QmsRefresher {
  /** Ask for the office's row to be computed again soon; never throws, never waits. */
  schedule(officeId: string): void;
  /** Resolves when nothing is waiting or running (tests, benchmarks, shutdown). */
  idle(): Promise<void>;
  /** Stops taking work; waits for the runs in flight. */
  close(): Promise<void>;
}

export interface RefreshOptions {
  /** Pushes of one office within this many ms share one recompute (0: next tick). */
  readonly delayMs: number;
  /** Offices computed at once: leaves the pool's other connections to the requests. */
  readonly parallel: number;
  readonly onError?: (officeId: string, error: unknown) => void;
}

export const DEFAULT_REFRESH: RefreshOptions = { delayMs: 1000, parallel: 2 };

/** `compute` computes one office's row again and keeps it (officeStatuses for one office). */
export function qmsRefresher(
  compute: (officeId: string) => Promise<unknown>,
  options: RefreshOptions = DEFAULT_REFRESH,
): QmsRefresher {
  /** Offices waiting for their delay to pass, with its timer. */
  const delayed = new Map<string, NodeJS.Timeout>();
  /** Offices due, in the order they became due. */
  const ready = new Set<string>();
  /** Offices being computed, and whether another push came in meanwhile. */
  const running = new Map<string, { again: boolean }>();
  let closed = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (delayed.size > 0 || ready.size > 0 || running.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  };

  const run = async (officeId: string) => {
    const state = { again: false };
    running.set(officeId, state);
    try {
      await compute(officeId);
    } catch (error) {
      options.onError?.(officeId, error);
    } finally {
      running.delete(officeId);
      if (state.again && !closed) ready.add(officeId);
      pump();
      settle();
    }
  };

  const pump = () => {
    for (const officeId of ready) {
      if (running.size >= options.parallel) return;
      if (running.has(officeId)) continue;
      ready.delete(officeId);
      void run(officeId);
    }
  };

  const due = (officeId: string) => {
    delayed.delete(officeId);
    if (closed) return settle();
    ready.add(officeId);
    pump();
  };

  return {
    schedule(officeId) {
      if (closed || delayed.has(officeId) || ready.has(officeId)) return;
      const inFlight = running.get(officeId);
      if (inFlight) {
        inFlight.again = true;
        return;
      }
      const timer = setTimeout(() => due(officeId), options.delayMs);
      timer.unref();
      delayed.set(officeId, timer);
    },
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
    async close() {
      closed = true;
      for (const timer of delayed.values()) clearTimeout(timer);
      delayed.clear();
      ready.clear();
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
  };
}

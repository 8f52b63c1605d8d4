// The background refresh queue of office_qms_status (server/province/qms-refresh.ts): pushes
// of one office within the delay share one recompute, at most one recompute per office runs at
// once (a push meanwhile asks for exactly one more), the offices computed at once are bounded,
// a failing recompute is reported and does not stop the queue, and close waits for the runs.
import { describe, expect, it } from 'vitest';
import { qmsRefresher } from '../../server/province/qms-refresh';

/** A compute function whose runs finish when the test says so. */
const controlled = () => {
  const calls: string[] = [];
  const pending: { officeId: string; finish: (error?: Error) => void }[] = [];
  let running = 0;
  let most = 0;
  const compute = (officeId: string) => {
    calls.push(officeId);
    running++;
    most = Math.max(most, running);
    return new Promise<void>((resolve, reject) => {
      pending.push({
        officeId,
        finish: (error) => {
          running--;
          if (error) reject(error);
          else resolve();
        },
      });
    });
  };
  const finishAll = async () => {
    while (pending.length > 0) {
      for (const p of pending.splice(0)) p.finish();
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { compute, calls, pending, finishAll, most: () => most };
};

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('qms refresh queue', () => {
  it('computes an office once for pushes within the delay, off the caller', async () => {
    const c = controlled();
    const q = qmsRefresher(c.compute, { delayMs: 20, parallel: 2 });
    q.schedule('a');
    q.schedule('a');
    q.schedule('a');
    expect(c.calls).toEqual([]); // nothing runs while the push is being answered
    await tick(60);
    expect(c.calls).toEqual(['a']);
    await c.finishAll();
    await q.idle();
    expect(c.calls).toEqual(['a']);
  });

  it('runs one recompute per office at a time; a push meanwhile asks for one more', async () => {
    const c = controlled();
    const q = qmsRefresher(c.compute, { delayMs: 0, parallel: 4 });
    q.schedule('a');
    await tick();
    expect(c.pending.map((p) => p.officeId)).toEqual(['a']);
    q.schedule('a');
    q.schedule('a');
    await tick();
    expect(c.calls).toEqual(['a']); // still one in flight
    c.pending.shift()?.finish();
    await tick();
    expect(c.calls).toEqual(['a', 'a']); // exactly one more for the pushes meanwhile
    await c.finishAll();
    await q.idle();
    expect(c.calls).toEqual(['a', 'a']);
    expect(c.most()).toBe(1);
  });

  it('bounds the offices computed at once and drains them all', async () => {
    const c = controlled();
    const q = qmsRefresher(c.compute, { delayMs: 0, parallel: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) q.schedule(id);
    await tick();
    expect(c.pending).toHaveLength(2);
    let drained = false;
    void q.idle().then(() => {
      drained = true;
    });
    await tick();
    expect(drained).toBe(false);
    await c.finishAll();
    await q.idle();
    expect(drained).toBe(true);
    expect([...c.calls].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(c.most()).toBe(2);
  });

  it('reports a failing recompute and goes on with the next office', async () => {
    const c = controlled();
    const errors: string[] = [];
    const q = qmsRefresher(c.compute, {
      delayMs: 0,
      parallel: 1,
      onError: (officeId, error) => errors.push(`${officeId}: ${(error as Error).message}`),
    });
    q.schedule('a');
    q.schedule('b');
    await tick();
    c.pending.shift()?.finish(new Error('connection lost'));
    await tick();
    expect(errors).toEqual(['a: connection lost']);
    expect(c.calls).toEqual(['a', 'b']);
    await c.finishAll();
    await q.idle();
  });

  it('on close drops what waits, waits for what runs, and takes nothing more', async () => {
    const c = controlled();
    const q = qmsRefresher(c.compute, { delayMs: 0, parallel: 1 });
    q.schedule('a');
    await tick();
    q.schedule('b');
    let closed = false;
    const closing = q.close().then(() => {
      closed = true;
    });
    await tick();
    expect(closed).toBe(false); // 'a' is still running
    c.pending.shift()?.finish();
    await closing;
    q.schedule('c');
    await tick();
    expect(c.calls).toEqual(['a']);
  });
});

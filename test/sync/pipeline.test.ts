// A backlog of several batches: the next push leaves while the last is answered (two in
// flight, never more), and cuts with two pushes on the wire lose and double nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../server/support/harness';
import {
  deviceIdOf,
  enrolledOffice,
  FAST,
  pendingOpIds,
  receive,
  serverOps,
  startProvince,
} from './support/env';
import { startProxy, type FaultProxy } from './support/proxy';

let h: Harness;
let proxy: FaultProxy;
beforeAll(async () => {
  h = await startProvince();
  proxy = await startProxy(Number(new URL(h.url).port), 77);
}, 60_000);
afterAll(async () => {
  await proxy.close();
  await h.close();
});

/** Counts push requests in flight at once; one connection per request (see faults.test). */
function tracking() {
  const seen = { inFlight: 0, max: 0, pushes: 0 };
  const fetchFn: typeof fetch = async (url, init) => {
    const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
    const push = href.endsWith('/v1/push');
    if (push) {
      seen.pushes++;
      seen.max = Math.max(seen.max, ++seen.inFlight);
    }
    try {
      return await fetch(url, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), connection: 'close' },
      });
    } finally {
      if (push) seen.inFlight--;
    }
  };
  return { seen, fetchFn };
}

describe('push of a backlog', () => {
  it('keeps two batches in flight and lands every op once', async () => {
    const { seen, fetchFn } = tracking();
    const office = await enrolledOffice(h, { ...FAST, fetch: fetchFn });
    office.engine.stop();
    await receive(office.app, 140); // 560 ops: more than one batch
    const made = pendingOpIds(office.app);
    expect(await office.engine.run()).toMatchObject({ ok: true, pushed: made.length });
    expect(seen.max).toBe(2);
    expect(pendingOpIds(office.app)).toEqual([]);
    expect((await serverOps(h, deviceIdOf(office.app))).sort()).toEqual([...made].sort());
    office.app.close();
  }, 60_000);

  it('loses and doubles nothing when connections drop with two pushes in flight', async () => {
    const { fetchFn } = tracking();
    const office = await enrolledOffice(h, { ...FAST, fetch: fetchFn }, proxy.url);
    office.engine.stop();
    await receive(office.app, 260); // 1,040 ops: three batches
    const made = pendingOpIds(office.app);
    proxy.faultRate = 0.6;
    let failed = 0;
    for (let i = 0; i < 12; i++) if (!(await office.engine.run()).ok) failed++;
    proxy.faultRate = 0;
    expect((await office.engine.run()).ok).toBe(true);
    expect(failed).toBeGreaterThan(0);
    expect(pendingOpIds(office.app)).toEqual([]);
    const held = await serverOps(h, deviceIdOf(office.app));
    expect(held.length).toBe(made.length);
    expect([...held].sort()).toEqual([...made].sort());
    office.app.close();
  }, 120_000);
});

// The sync client through a fault-injecting proxy: connections dropped, delayed, cut in the
// middle of the request or of the response, and the server restarted in the middle of a
// batch. 200+ seeded runs, each a few ops: whatever happens, the server ends up holding
// exactly the ops the office made (none lost, none twice), and the queue drains once the
// network is healthy again.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import type { Harness } from '../server/support/harness';
import {
  deviceIdOf,
  enrolledOffice,
  pendingOpIds,
  receive,
  serverOps,
  startProvince,
} from './support/env';
import type { Office } from './support/env';
import { rng, startProxy, type FaultProxy } from './support/proxy';

const RUNS = Number(process.env.ISOXA_FAULT_RUNS ?? 220);
const SEED = Number(process.env.ISOXA_FAULT_SEED ?? 20261123);

let h: Harness;
let node: FastifyInstance;
let proxy: FaultProxy;
let office: Office;

const startNode = async () => {
  const app = await buildApp({
    db: h.database.db,
    limits: { rateMax: 1_000_000, credentialRateMax: 1_000_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
};
const portOf = (app: FastifyInstance) => {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
};

/** The server "crashes": every connection is cut, and a new process answers on a new port. */
async function restartServer() {
  const old = node;
  proxy.cutAll();
  node = await startNode();
  proxy.target = portOf(node);
  await old.close();
}

beforeAll(async () => {
  h = await startProvince();
  node = await startNode();
  proxy = await startProxy(portOf(node), SEED);
  // One connection per request, so every request meets its own fault (keep-alive would let
  // one healthy connection carry a whole sync past the proxy's dice).
  const oneShot: typeof fetch = (url, init) =>
    fetch(url, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), connection: 'close' },
    });
  office = await enrolledOffice(h, { timeoutMs: 2_000, fetch: oneShot }, proxy.url);
  office.engine.stop(); // the test drives every sync itself
}, 60_000);

afterAll(async () => {
  office.app.close();
  await proxy.close();
  await node.close();
  await h.close();
});

describe('sync through a faulty network', () => {
  it(`loses and doubles nothing over ${RUNS} randomized runs`, async () => {
    const random = rng(SEED ^ 0x5eed);
    const made: string[] = [];
    let restarts = 0;
    let failedSyncs = 0;
    let deviceId = '';
    for (let run = 0; run < RUNS; run++) {
      await receive(office.app, 1 + Math.floor(random() * 2));
      made.push(...pendingOpIds(office.app).filter((id) => !made.includes(id)));
      if (random() < 0.3) office.engine.auth.clear();
      proxy.faultRate = 0.35 + random() * 0.5;
      const attempts = 1 + Math.floor(random() * 3);
      for (let a = 0; a < attempts; a++) {
        const sync = office.engine.run();
        if (random() < 0.1) {
          await new Promise((r) => setTimeout(r, Math.floor(random() * 25)));
          await restartServer();
          restarts++;
        }
        if (!(await sync).ok) failedSyncs++;
      }
      // The network comes back: the queue drains.
      proxy.faultRate = 0;
      let healthy = await office.engine.run();
      for (let i = 0; !healthy.ok && i < 3; i++) healthy = await office.engine.run();
      expect(healthy, `run ${run}`).toMatchObject({ ok: true });
      expect(pendingOpIds(office.app), `run ${run}`).toEqual([]);
      deviceId ||= deviceIdOf(office.app);
      const held = await serverOps(h, deviceId);
      expect(held.length, `run ${run}: duplicates or losses`).toBe(made.length);
      expect(new Set(held).size).toBe(held.length);
    }
    const held = await serverOps(h, deviceId);
    expect([...held].sort()).toEqual([...made].sort());
    // The faults really happened.
    expect(proxy.stats.drop + proxy.stats.cutRequest + proxy.stats.cutResponse).toBeGreaterThan(
      RUNS,
    );
    expect(restarts).toBeGreaterThan(5);
    expect(failedSyncs).toBeGreaterThan(RUNS / 4);
    console.log(
      `[faults] ${RUNS} runs, ${made.length} ops, ${failedSyncs} failed syncs, ${restarts} server restarts, connections: ${JSON.stringify(proxy.stats)}`,
    );
  }, 180_000);
});

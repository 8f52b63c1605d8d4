// kill -9 of the office client in the middle of syncing, several times, then a restart that
// finishes: the server holds every op the office made exactly once. "Every op made" is known
// without any log: ops take their client_seq from a counter that is never reused and rolls
// back with an aborted change, so the ops made are exactly client_seq 1..counter.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncEngineFor } from '../../services/sync/engine';
import { startTestApp } from '../support/backend';
import { vn } from '../support/desk';
import type { Harness } from '../server/support/harness';
import { deviceIdOf, enrolledOffice, startProvince } from './support/env';
import { rng } from './support/proxy';

const KILLS = 6;
const START_AT = vn('2026-11-23', '15:30');

let h: Harness;
beforeAll(async () => {
  h = await startProvince();
}, 60_000);
afterAll(() => h.close());

function runClient(dataDir: string): {
  child: ChildProcess;
  ready: Promise<void>;
  synced: Promise<void>;
  syncs: () => number;
} {
  // node with tsx's loader, not the tsx launcher: the launcher runs the script in a second
  // process, which a SIGKILL of the launcher would leave running.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.resolve('test/sync/support/crash-client.ts'),
      dataDir,
      String(START_AT),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  let syncs = 0;
  let onSync = () => {};
  const synced = new Promise<void>((resolve) => (onSync = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
      syncs = (out.match(/^sync /gm) ?? []).length;
      if (syncs > 0) onSync();
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`client exited ${code}: ${err}`));
    });
  });
  return { child, ready, synced, syncs: () => syncs };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

describe('kill -9 mid-sync', () => {
  it(`loses and doubles nothing over ${KILLS} kills`, async () => {
    const office = await enrolledOffice(h);
    const dataDir = office.app.dataDir;
    const deviceId = deviceIdOf(office.app);
    office.app.close();
    const random = rng(4242);
    let syncs = 0;
    for (let k = 0; k < KILLS; k++) {
      const client = runClient(dataDir);
      await client.ready;
      // The first run is killed only after it has synced once, so the suite always kills a
      // client that has ops in flight, however slow a loaded machine makes the start.
      if (k === 0) await client.synced;
      await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 500)));
      client.child.kill('SIGKILL');
      await exited(client.child);
      syncs += client.syncs();
    }
    expect(syncs).toBeGreaterThan(0);

    const app = await startTestApp({ dataDir });
    app.clock.now = START_AT + 3600_000;
    const engine = syncEngineFor(dataDir);
    engine.stop();
    expect((await engine.run()).ok).toBe(true);
    expect(app.backend.database().prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({
      n: 0,
    });
    const made = (
      app.backend.database().prepare("SELECT last FROM counters WHERE scope = 'outbox'").get() as {
        last: number;
      }
    ).last;
    app.close();
    const result = await h.database.db.execute(
      sql`select client_seq, op_id::text as op_id from ops where device_id = ${deviceId} order by client_seq`,
    );
    const rows = (result as { rows: { client_seq: string | number; op_id: string }[] }).rows;
    expect(made).toBeGreaterThan(12);
    expect(rows.map((r) => Number(r.client_seq))).toEqual(
      Array.from({ length: made }, (_, i) => i + 1),
    );
    expect(new Set(rows.map((r) => r.op_id)).size).toBe(made);
  }, 120_000);
});

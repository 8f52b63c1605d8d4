// The sync benchmark's office PC, in a process of its own (forked by sync.ts) so its time and
// memory are its own: `drain` pushes an office's whole backlog with the real sync engine,
// `pull` receives the province feed while sampling memory, `ingest` is 100 offices pushing
// at once through the real HTTP client (sync-ingest.ts). Talks to the parent over IPC:
// 'ready' → waits for 'go' → 'result'.
import fs from 'node:fs';
import v8 from 'node:v8';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import { openBackend } from '../../services/app';
import { syncEngineFor } from '../../services/sync/engine';
import { pendingCount } from '../../services/sync/push';
import { updateState } from '../../services/sync/state';
import { APP_VERSION, enroll, ready, send } from './sync-child';
import { runIngest } from './sync-ingest';

const { values, positionals } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    /** Enrollment goes straight to the server, so the line carries only the sync itself. */
    'enroll-url': { type: 'string' },
    'server-url': { type: 'string' },
    code: { type: 'string' },
    /** Drain only the oldest N ops of the backlog (the rest are deleted before the start). */
    'keep-ops': { type: 'string' },
    'timeout-ms': { type: 'string', default: '120000' },
    'sample-ms': { type: 'string', default: '10' },
    /** pull: SQLite page cache in MiB instead of the app's own setting (an experiment). */
    'cache-mib': { type: 'string' },
    // ingest
    codes: { type: 'string' },
    template: { type: 'string' },
    ops: { type: 'string' },
    'pace-ops-per-s': { type: 'string', default: '0' },
  },
  allowPositionals: true,
});

const need = (name: keyof typeof values): string => {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new Error(`--${name} is required`);
  return v;
};

/** An office backend on `--data-dir`, enrolled with the province, its timers stopped. */
async function office() {
  const dataDir = need('data-dir');
  const backend = await openBackend({
    dataDir,
    platform: { kind: 'test', appVersion: APP_VERSION },
    backupDelayMs: 24 * 3600_000,
  });
  const engine = syncEngineFor(dataDir);
  engine.stop(); // the benchmark starts every sync itself
  const db = drizzle({ client: backend.database(), schema });
  const reply = await enroll(need('enroll-url'), need('code'), 'Máy một cửa (benchmark)');
  updateState(db, {
    serverUrl: need('server-url'),
    deviceId: reply.deviceId,
    officeId: reply.officeId,
    officeAgencyCode: reply.agencyCode,
    officeName: reply.officeName,
    privateKey: reply.privateKey,
    publicKey: reply.publicKey,
    enrolledAt: Date.now(),
    pullCursor: 0,
    lastSyncAt: null,
    lastError: null,
  });
  engine.reset();
  // Every push request as the client sends it: its gzip body size.
  const pushes: number[] = [];
  Object.assign(engine.tuning, {
    // The figures are the outbox backlog's, comparable run to run; the audit trail's own
    // upload (office-feed.ts) is measured apart.
    officeFeed: false,
    timeoutMs: Number(values['timeout-ms']),
    fetch: ((url, init) => {
      const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
      if (href.endsWith('/v1/push') && init?.body instanceof Uint8Array)
        pushes.push(init.body.length);
      return fetch(url, init);
    }) satisfies typeof fetch,
  });
  return { backend, engine, db, pushes };
}

/** Runs syncs until the queue is empty (a failed one, e.g. after a cut, is simply retried). */
async function syncUntilDone(o: Awaited<ReturnType<typeof office>>) {
  const runs: { ok: boolean; ms: number; pushed: number; pulled: number; error?: string }[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    const r = await o.engine.run();
    runs.push(
      r.ok
        ? { ok: true, ms: performance.now() - s, pushed: r.pushed, pulled: r.pulled }
        : { ok: false, ms: performance.now() - s, pushed: 0, pulled: 0, error: r.error },
    );
    if (r.ok && pendingCount(o.db) === 0) break;
  }
  return { ms: performance.now() - t0, runs, pending: pendingCount(o.db) };
}

/**
 * Peak memory while `work` runs: process.memoryUsage() sampled every --sample-ms, and the
 * kernel's exact peak RSS of this process image (VmHWM, reset first through clear_refs; the
 * getrusage maximum would include the parent's pages at fork time).
 */
async function measureMemory<T>(work: () => Promise<T>) {
  let exact = true;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    exact = false; // not Linux: the samples alone
  }
  const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples++;
    for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], m[k]);
  };
  sample();
  const timer = setInterval(sample, Number(values['sample-ms']));
  const result = await work();
  clearInterval(timer);
  sample();
  const hwm = exact ? /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8')) : null;
  const peakRss = Math.max(peak.rss, hwm ? Number(hwm[1]) * 1024 : 0);
  return { result, memory: { peak, peakRss, exact: hwm !== null, samples } };
}

async function drain(): Promise<Record<string, unknown>> {
  const o = await office();
  if (values['keep-ops'])
    o.backend
      .database()
      .prepare('DELETE FROM outbox WHERE client_seq > ?')
      .run(Number(values['keep-ops']));
  await ready({ pending: pendingCount(o.db) });
  const { result, memory } = await measureMemory(() => syncUntilDone(o));
  o.backend.close();
  return { ...result, pushes: o.pushes, memory };
}

async function pull(): Promise<Record<string, unknown>> {
  const o = await office();
  if (values['cache-mib'])
    o.backend.database().pragma(`cache_size = ${-1024 * Number(values['cache-mib'])}`);
  const before = process.memoryUsage();
  await ready({ rss: before.rss });
  const { result, memory } = await measureMemory(() => syncUntilDone(o));
  const sqlite = o.backend.database();
  const procedures = sqlite.prepare('SELECT count(*) FROM procedures').pluck().get();
  // Negative: KiB. The page cache is part of the process's memory once the pull has filled it.
  const cacheSize = Number(sqlite.pragma('cache_size', { simple: true }));
  const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  o.backend.close();
  return { ...result, procedures, before, memory, cacheSize, newSpace: newSpace?.space_size };
}

const modes: Record<string, () => Promise<Record<string, unknown>>> = {
  drain,
  pull,
  ingest: () =>
    runIngest({
      serverUrl: need('server-url'),
      codesFile: need('codes'),
      template: need('template'),
      opsPerOffice: Number(need('ops')),
      paceOpsPerSecond: Number(values['pace-ops-per-s']),
    }),
};

// The benchmark went away (interrupted): so does its office.
process.on('disconnect', () => process.exit(1));
const mode = modes[positionals[0] ?? ''];
if (!mode) throw new Error(`usage: sync-client.ts ${Object.keys(modes).join('|')} [options]`);
mode()
  .then((result) => send({ type: 'result', result }))
  .catch((error: unknown) =>
    send({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  )
  .finally(() => process.exit(0));

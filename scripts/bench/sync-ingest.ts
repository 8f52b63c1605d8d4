// Many offices pushing at once, each with its own enrolled device, through the desktop's own
// HTTP client (SyncHttp, DeviceAuth) and batches built by push.ts from the backlog's rows.
// Closed loop (each office sends its next batch when the last is answered) or paced (pushes
// arrive as a Poisson stream at a set total rate, as many independent offices make, one
// push in flight per office as the desktop does). Runs in a child process.
import { generateBoxKey } from '../../services/security/sealed-box';
import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openSqlite } from '../../db/open';
import { keyringFor } from '../../services/security/keyring';
import { v7 as uuidv7 } from 'uuid';
import { pushResponse } from '../../core/sync/protocol';
import * as schema from '../../db/schema';
import { DB_FILE_NAME } from '../../services/backup';
import { DeviceAuth, SyncFailure, SyncHttp } from '../../services/sync/http';
import { buildBatch, readPending } from '../../services/sync/push';
import type { Identity } from '../../services/sync/state';
import { createRng } from '../../core/demo/rng';
import { APP_VERSION, enroll, ready } from './sync-child';

export interface IngestOptions {
  readonly serverUrl: string;
  /** JSON: [{ code, agencyCode }], one per office. */
  readonly codesFile: string;
  /** The backlog office whose first ops every office pushes (with its own op ids). */
  readonly template: string;
  readonly opsPerOffice: number;
  /** 0 = closed loop. */
  readonly paceOpsPerSecond: number;
}

interface Office {
  readonly id: Identity;
  readonly http: SyncHttp;
  readonly auth: DeviceAuth;
  readonly batches: { readonly ops: number; readonly body: Uint8Array }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `items`, `n` at a time. */
async function pool<T, R>(items: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

export async function runIngest(o: Readonly<IngestOptions>): Promise<Record<string, unknown>> {
  const codes = JSON.parse(fs.readFileSync(o.codesFile, 'utf8')) as { code: string }[];
  const sqlite = openSqlite(path.join(o.template, DB_FILE_NAME), keyringFor(o.template).dbKey(), {
    readonly: true,
  });
  const rows = readPending(drizzle({ client: sqlite, schema }), o.opsPerOffice);
  sqlite.close();

  const offices = await pool(codes, 10, async ({ code }): Promise<Office> => {
    const reply = await enroll(o.serverUrl, code, 'Máy một cửa (benchmark)');
    const id: Identity = {
      serverUrl: o.serverUrl,
      deviceId: reply.deviceId,
      officeId: reply.officeId,
      privateKey: reply.privateKey,
      boxKey: generateBoxKey().privateKey,
      agencyCode: reply.agencyCode,
    };
    const http = new SyncHttp({
      baseUrl: o.serverUrl,
      appVersion: APP_VERSION,
      timeoutMs: 120_000,
    });
    const auth = new DeviceAuth();
    await auth.token(http, id);
    // The same rows as the backlog office, as this device's own ops.
    const mine = rows.map((r) => ({ ...r, opId: uuidv7() }));
    const batches: Office['batches'] = [];
    for (let i = 0; i < mine.length;) {
      const b = await buildBatch(mine.slice(i, i + 500), id.deviceId);
      batches.push({ ops: b.ops.length, body: b.body });
      i += b.ops.length;
    }
    return { id, http, auth, batches };
  });
  const totalOps = offices.reduce((n, f) => n + f.batches.reduce((m, b) => m + b.ops, 0), 0);
  const meanBatch = totalOps / offices.reduce((n, f) => n + f.batches.length, 0);
  await ready({ offices: offices.length, ops: totalOps, meanBatch });

  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let applied = 0;
  let duplicate = 0;
  let rejected = 0;
  const push = async (f: Office, body: Uint8Array) => {
    for (let attempt = 0; ; attempt++) {
      const t = performance.now();
      try {
        const reply = await f.auth.with(f.http, f.id, (auth) =>
          f.http.request('POST', '/v1/push', pushResponse, { gzipped: body, auth }),
        );
        latencies.push(performance.now() - t);
        for (const r of reply.results) {
          if (r.status === 'applied') applied++;
          else if (r.status === 'duplicate') duplicate++;
          else rejected++;
        }
        return;
      } catch (error) {
        const kind = error instanceof SyncFailure ? error.kind : 'other';
        failures[kind] = (failures[kind] ?? 0) + 1;
        if (attempt >= 5) throw error;
        await sleep(error instanceof SyncFailure ? (error.retryAfterMs ?? 200) : 200);
      }
    }
  };
  // Paced: one Poisson stream of pushes at the offered rate, dealt to the offices in turn
  // (so all of them stay busy to the end); an office whose last push is still out waits.
  const gap = o.paceOpsPerSecond > 0 ? (meanBatch * 1000) / o.paceOpsPerSecond : 0;
  const rng = createRng(20261123);
  const dues = offices.map(() => [] as number[]);
  const pushes = offices.reduce((n, f) => n + f.batches.length, 0);
  for (let j = 0, at = 0; j < pushes; j++) dues[j % offices.length]?.push((at += rng.exp(gap)));
  const t0 = performance.now();
  await Promise.all(
    offices.map(async (f, i) => {
      for (const [j, batch] of f.batches.entries()) {
        const due = t0 + (gap > 0 ? (dues[i]?.[j] ?? 0) : 0);
        if (due > performance.now()) await sleep(due - performance.now());
        await push(f, batch.body);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  return {
    offices: offices.length,
    ops: totalOps,
    meanBatch,
    wallMs,
    applied,
    duplicate,
    rejected,
    latencies,
    failures,
    periodMs: gap * offices.length,
  };
}

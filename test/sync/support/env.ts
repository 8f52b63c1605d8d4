// Sync test helpers: the real provincial server in-process (PGlite) and real office backends
// enrolled with it through the sync screen's operations.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../db/schema';
import { feedOutbox } from '../../../services/sync/office-feed';
import { afterAll, beforeAll } from 'vitest';
import type { SyncEngine, SyncTuning } from '../../../services/sync/engine';
import { syncEngineFor } from '../../../services/sync/engine';
import { pglite } from '../../server/support/backends';
import type { Harness } from '../../server/support/harness';
import { startServer } from '../../server/support/harness';
import type { DeskApp } from '../../support/desk';
import { procedureId, receiveInput, startDemoDesk } from '../../support/desk';

export const startProvince = (): Promise<Harness> => startServer(pglite);

/**
 * A province server for a test file (started before its tests, stopped after them) and the
 * office backends the tests open, all closed at the end.
 */
export function provinceFixture(start: () => Promise<Harness> = startProvince) {
  let harness: Harness | undefined;
  const opened: { close(): void }[] = [];
  beforeAll(async () => {
    harness = await start();
  }, 60_000);
  afterAll(async () => {
    for (const a of opened) a.close();
    await harness?.close();
  });
  const fixture = {
    get h(): Harness {
      if (!harness) throw new Error('the province server has not started');
      return harness;
    },
    track<T extends { close(): void }>(app: T): T {
      opened.push(app);
      return app;
    },
    async office(tuning?: Partial<SyncTuning>): Promise<Office> {
      const o = await enrolledOffice(fixture.h, tuning);
      opened.push(o.app);
      return o;
    },
  };
  return fixture;
}

export interface Office {
  readonly app: DeskApp;
  readonly engine: SyncEngine;
  readonly officeId: string;
  readonly agencyCode: string;
}

/** Test tuning: short timeouts and no waiting between retries. */
export const FAST: Partial<SyncTuning> = { timeoutMs: 5_000, backoffBaseMs: 1, backoffCapMs: 5 };
/** For tests of other flows that count their ops exactly: no audit rows or office state
 * (office-feed.ts; its own tests and test/services/sync.test.ts run with it). */
export const DOSSIERS_ONLY: Partial<SyncTuning> = { ...FAST, officeFeed: false };

export async function enrollDesk(
  serverUrl: string,
  code: string,
  tuning: Partial<SyncTuning> = FAST,
  app?: DeskApp,
): Promise<{ app: DeskApp; engine: SyncEngine }> {
  const desk = app ?? (await startDemoDesk());
  const engine = syncEngineFor(desk.dataDir);
  Object.assign(engine.tuning, tuning);
  // Each test office has its own agency code: the fresh demo PC takes it (no data yet).
  const first = await desk.ok('admin')('sync.enroll', { serverUrl, code });
  if (first.status === 'office_mismatch')
    await desk.ok('admin')('sync.enroll', {
      serverUrl,
      code,
      adoptAgencyCode: first.officeAgencyCode,
    });
  await engine.idle();
  return { app: desk, engine };
}

let offices = 0;
/** A new office at the province with one enrolled desktop. */
export async function enrolledOffice(
  h: Harness,
  tuning: Partial<SyncTuning> = FAST,
  serverUrl = h.url,
): Promise<Office> {
  const n = offices++;
  const agencyCode = `000.00.${String(n % 100).padStart(2, '0')}.H${10 + Math.floor(n / 100)}`;
  const { officeId, code } = await h.admin.createOffice(agencyCode, `UBND xã Thử ${offices}`);
  const { app, engine } = await enrollDesk(serverUrl, code, tuning);
  return { app, engine, officeId, agencyCode };
}

/** An office whose network goes away right after enrolment (`line.offline` brings it back). */
export async function offlineOffice(
  province: {
    readonly h: Harness;
    track<T extends { close(): void }>(app: T): T;
  },
  tuning: Partial<SyncTuning> = FAST,
): Promise<Office & { readonly line: { offline: boolean } }> {
  const line = { offline: false };
  const o = await enrolledOffice(province.h, {
    ...tuning,
    fetch: (input, init) =>
      line.offline ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init),
  });
  province.track(o.app);
  line.offline = true;
  return { ...o, line };
}

/** Receives n dossiers (4 ops each: dossier, two steps, an event), then queues what a push
 * would queue first (office-feed.ts: the audit rows, officials and settings), so the outbox
 * holds every op the next push sends. */
export async function receive(app: DeskApp, n: number): Promise<string[]> {
  const pid = await procedureId(app, '1.001193');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    ids.push(d.dossier.id);
  }
  if (syncEngineFor(app.dataDir).tuning.officeFeed) queueOfficeFeed(app);
  return ids;
}

/** Queues the office's audit rows and changed state now, as a push would. */
export function queueOfficeFeed(app: DeskApp): number {
  return feedOutbox(drizzle({ client: app.backend.database(), schema }), app.clock.now, 1_000_000);
}

/** The pending ops of dossiers (dossier, steps, events, attachments), without the office feed. */
export const DOSSIER_ENTITIES = new Set(['dossier', 'dossier_step', 'dossier_event', 'attachment']);
export const pendingDossierOps = (app: DeskApp) =>
  outboxRows(app).filter((r) => r.status === 'pending' && DOSSIER_ENTITIES.has(r.entity));

export function outboxRows(app: DeskApp) {
  return app.backend
    .database()
    .prepare(
      'SELECT client_seq, op_id, entity, status, rejected_reason, attempts, row FROM outbox ORDER BY client_seq',
    )
    .all() as {
    client_seq: number;
    op_id: string;
    entity: string;
    status: string;
    rejected_reason: string | null;
    attempts: number;
    row: string;
  }[];
}

export const pendingOpIds = (app: DeskApp) =>
  outboxRows(app)
    .filter((r) => r.status === 'pending')
    .map((r) => r.op_id);

/** Every op the server holds for a device, with how many times each op id appears. */
export async function serverOps(h: Harness, deviceId: string): Promise<string[]> {
  const result = await h.database.db.execute(
    sql`select op_id::text as op_id from ops where device_id = ${deviceId} order by server_seq`,
  );
  return (result as { rows: { op_id: string }[] }).rows.map((r) => r.op_id);
}

export function deviceIdOf(app: DeskApp): string {
  const row = app.backend.database().prepare('SELECT device_id FROM sync_state').get() as
    { device_id: string } | undefined;
  if (!row) throw new Error('not enrolled');
  return row.device_id;
}

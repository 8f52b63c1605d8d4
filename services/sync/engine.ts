// One sync engine per running backend: runs sync one at a time (auth → push → pull), keeps
// the progress and the retry schedule in memory, and drives the background timer. Network
// I/O is async and database work happens in short transactions, so the UI never waits on it.
// Retry delays are measured on the monotonic clock; the wall clock only labels "last sync".
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SyncPhase } from '../../core/contract/sync';
import { AppError } from '../../core/errors';
import { formatOutboxHeader, HEADERS, SCHEMA_VERSION } from '../../core/sync/protocol';
import { UPDATE_HEADER } from '../../core/update/report';
import type { CtxBase } from '../dispatch';
import { escrowOf, fetchReleasedKeys } from './escrow';
import { FileUploader } from './files';
import { DeviceAuth, SyncFailure, SyncHttp } from './http';
import { pullAll } from './pull';
import { fastForwardCounter, noteFailedAttempt, outboxCounts, pendingCount } from './push';
import { pushAll } from './push-run';
import { restoreOffice, type RestoreCounts } from './restore';
import {
  identityOf,
  readServerKey,
  readServerSealKey,
  readState,
  saveServerKey,
  saveServerSealKey,
  saveDeviceNo,
  readDeviceNo,
  updateState,
  type Identity,
} from './state';

export interface SyncTuning {
  /** Per request. */
  timeoutMs: number;
  /** Backoff after the first failure; doubles per failure, with full jitter. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Between two background syncs when all is well. */
  intervalMs: number;
  /** How often the background timer looks whether a sync is due. */
  tickMs: number;
  /** Delay of the first background look after start. */
  firstTickMs: number;
  fetch?: typeof fetch;
  /** Test hook: after the server answered a push, before the answer is recorded. */
  beforeSettle?: () => void;
  random: () => number;
  /** Whether pushes and sync files carry the audit trail and the office's state
   * (office-feed.ts). Off only in tests of other flows that count their ops exactly. */
  officeFeed: boolean;
}

export const DEFAULT_TUNING: SyncTuning = {
  timeoutMs: 60_000,
  backoffBaseMs: 5_000,
  backoffCapMs: 15 * 60_000,
  intervalMs: 5 * 60_000,
  tickMs: 30_000,
  firstTickMs: 20_000,
  random: Math.random,
  officeFeed: true,
};

/** The head of the queue has failed this many times: shown as "stalled". */
export const STALL_ATTEMPTS = 8;

export interface Progress {
  readonly phase: SyncPhase;
  readonly done: number;
  readonly total: number;
}

export type RunOutcome =
  | { readonly ok: true; readonly pushed: number; readonly pulled: number }
  | { readonly ok: false; readonly error: string };

const UNEXPECTED = 'Đồng bộ gặp lỗi không mong muốn. Phần mềm sẽ tự thử lại sau.';

export function errorMessage(error: unknown): string {
  if (error instanceof SyncFailure || error instanceof AppError) return error.message;
  console.error('[isoxa] sync failed', error);
  return UNEXPECTED;
}

/** Full jitter: a uniform delay in [0, min(cap, base·2^(n-1))]. */
export function backoffDelay(failures: number, t: Readonly<SyncTuning>): number {
  const ceiling = Math.min(t.backoffCapMs, t.backoffBaseMs * 2 ** Math.min(30, failures - 1));
  return Math.round(t.random() * ceiling);
}

export class SyncEngine {
  readonly tuning: SyncTuning;
  readonly auth = new DeviceAuth();
  progress: Progress | null = null;
  needsUpdate = false;
  /** The app updater's report, sent with every push and pull (services/updates). */
  updateHeader: (() => string | null) | null = null;
  /** Called after every sync: the updater checks after a successful one, and after a 426. */
  afterRun: ((outcome: RunOutcome) => void) | null = null;
  failures = 0;
  /** performance.now() before which the background timer does not start a sync. */
  nextDueAt = 0;
  private current: Promise<unknown> | null = null;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly getBase: () => CtxBase,
    tuning: Partial<SyncTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  get running(): boolean {
    return this.current !== null;
  }

  identity(): Identity | null {
    const base = this.getBase();
    const id = identityOf(readState(base.db), base.dataDir);
    return id && { ...id, escrow: escrowOf(base.db, base.dataDir, id.officeId) };
  }

  private http(id: Identity): SyncHttp {
    return new SyncHttp({
      baseUrl: id.serverUrl,
      appVersion: this.getBase().platform.appVersion,
      timeoutMs: this.tuning.timeoutMs,
      ...(this.tuning.fetch ? { fetch: this.tuning.fetch } : {}),
      deviceHeaders: () => {
        const update = this.updateHeader?.() ?? null;
        return {
          [HEADERS.outbox]: formatOutboxHeader(outboxCounts(this.getBase().db)),
          ...(update ? { [UPDATE_HEADER]: update } : {}),
        };
      },
    });
  }

  /** Headers of an authenticated device request (a fresh token when needed): the updater
   * gives them to electron-updater for latest.yml, installers and blockmaps. */
  async deviceHeaders(): Promise<Record<string, string> | null> {
    const id = this.identity();
    if (!id) return null;
    const http = this.http(id);
    const token = await this.auth.token(http, id);
    return {
      authorization: `Bearer ${token}`,
      [HEADERS.device]: id.deviceId,
      [HEADERS.appVersion]: http.appVersion,
      [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
    };
  }

  /** The office data keys the province released to this PC (to open a backup made elsewhere). */
  async releasedKeys(): Promise<Map<string, Buffer> | null> {
    const id = this.identity();
    if (!id) return null;
    return fetchReleasedKeys(this.http(id), this.auth, id);
  }

  /** Runs fn when nothing else runs; concurrent callers of run() share one sync. */
  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.current) await this.current.catch(() => undefined);
    const p = fn();
    this.current = p;
    try {
      return await p;
    } finally {
      this.current = null;
      this.progress = null;
    }
  }

  /** One full sync that starts after whatever runs now (so it sees every change made so far). */
  async run(): Promise<RunOutcome> {
    const outcome = await this.exclusive(() => this.syncOnce());
    this.afterRun?.(outcome);
    return outcome;
  }

  /** Starts a sync without waiting; false when one is already running. */
  trigger(): boolean {
    if (this.current) return false;
    void this.run();
    return true;
  }

  private async syncOnce(): Promise<RunOutcome> {
    const id = this.identity();
    if (!id) return { ok: false, error: 'Máy này chưa đăng ký đồng bộ với máy chủ tỉnh.' };
    const db = () => this.getBase().db;
    const http = this.http(id);
    try {
      this.progress = { phase: 'auth', done: 0, total: 0 };
      await this.auth.token(http, id);
      fastForwardCounter(db(), this.auth.lastClientSeq);
      const serverKey = this.auth.serverPublicKey;
      if (serverKey && readServerKey(db()) !== serverKey) saveServerKey(db(), serverKey);
      const sealKey = this.auth.serverSealKey;
      if (sealKey && readServerSealKey(db()) !== sealKey) saveServerSealKey(db(), sealKey);
      const deviceNo = this.auth.deviceNo;
      if (deviceNo && readDeviceNo(db()) !== deviceNo) saveDeviceNo(db(), id.deviceId, deviceNo);
      const pushed = await pushAll({
        db,
        http,
        auth: this.auth,
        identity: id,
        now: this.getBase().now,
        officeFeed: this.tuning.officeFeed,
        onProgress: (done, total) => (this.progress = { phase: 'push', done, total }),
        ...(this.tuning.beforeSettle ? { beforeSettle: this.tuning.beforeSettle } : {}),
        files: new FileUploader({
          db,
          http,
          auth: this.auth,
          identity: id,
          dataDir: this.getBase().dataDir,
        }),
      });
      this.progress = { phase: 'pull', done: 0, total: 0 };
      const pulled = await pullAll({
        db,
        http,
        auth: this.auth,
        identity: id,
        now: this.getBase().now,
        onCalendarChanged: () => this.getBase().cache.delete('calendar'),
        onProgress: (done) => (this.progress = { phase: 'pull', done, total: done }),
      });
      updateState(db(), { lastSyncAt: this.getBase().now(), lastError: null });
      this.failures = 0;
      this.needsUpdate = false;
      this.nextDueAt = performance.now() + this.tuning.intervalMs;
      return { ok: true, pushed, pulled };
    } catch (error) {
      return { ok: false, error: this.recordFailure(error) };
    }
  }

  private recordFailure(error: unknown): string {
    const message = errorMessage(error);
    const kind = error instanceof SyncFailure ? error.kind : null;
    if (kind === 'upgrade') this.needsUpdate = true;
    if (kind === 'revoked' || kind === 'unauthenticated') this.auth.clear();
    this.failures++;
    const retryAfter = error instanceof SyncFailure ? (error.retryAfterMs ?? 0) : 0;
    this.nextDueAt =
      performance.now() + Math.max(retryAfter, backoffDelay(this.failures, this.tuning));
    try {
      const db = this.getBase().db;
      updateState(db, { lastError: message });
      noteFailedAttempt(db);
    } catch (dbError) {
      console.error('[isoxa] could not record the sync failure', dbError);
    }
    return message;
  }

  async restore(): Promise<RestoreCounts> {
    const id = this.identity();
    if (!id) throw new AppError('NOT_FOUND', 'Máy này chưa đăng ký đồng bộ với máy chủ tỉnh.');
    return this.exclusive(async () => {
      const http = this.http(id);
      this.progress = { phase: 'restore', done: 0, total: 0 };
      // Catalog and calendar first: dossiers point at the province's procedures.
      const db = () => this.getBase().db;
      await pullAll({
        db,
        http,
        auth: this.auth,
        identity: id,
        now: this.getBase().now,
        onCalendarChanged: () => this.getBase().cache.delete('calendar'),
        onProgress: () => undefined,
      }).catch((error: unknown) => {
        throw new AppError('INVALID_INPUT', errorMessage(error));
      });
      try {
        return await restoreOffice({
          db,
          http,
          auth: this.auth,
          identity: id,
          now: this.getBase().now,
          onProgress: (done) => (this.progress = { phase: 'restore', done, total: done }),
          onCalendarChanged: () => this.getBase().cache.delete('calendar'),
          dataDir: this.getBase().dataDir,
        });
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('INVALID_INPUT', errorMessage(error));
      }
    });
  }

  /** Forgets the token (a new enrolment). */
  reset(): void {
    this.auth.clear();
    this.failures = 0;
    this.needsUpdate = false;
    this.nextDueAt = 0;
  }

  private tick(): void {
    if (this.current || performance.now() < this.nextDueAt) return;
    try {
      if (!this.identity()) return;
      if (this.needsUpdate && pendingCount(this.getBase().db) === 0) return;
    } catch {
      return; // the database is being swapped (restore from backup): next tick
    }
    void this.run();
  }

  start(): void {
    const first = setTimeout(() => this.tick(), this.tuning.firstTickMs);
    const every = setInterval(() => this.tick(), this.tuning.tickMs);
    first.unref();
    every.unref();
    this.timers.push(first, every);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  /** Waits for a running sync or restore to finish (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.current) await this.current.catch(() => undefined);
  }
}

// Handlers get a Ctx, not the backend: the engine of a backend is found by its data folder
// (one backend per folder, which the database lock guarantees).
const ENGINES = new Map<string, SyncEngine>();

export function registerSyncEngine(dataDir: string, engine: SyncEngine): () => void {
  const key = path.resolve(dataDir);
  ENGINES.set(key, engine);
  return () => {
    engine.stop();
    if (ENGINES.get(key) === engine) ENGINES.delete(key);
  };
}

export function syncEngineFor(dataDir: string): SyncEngine {
  const engine = ENGINES.get(path.resolve(dataDir));
  if (!engine) throw new AppError('INTERNAL');
  return engine;
}

// Running a push: the next batch is built and its files uploaded, then sent while the last
// one is answered (two in flight at most, both within MAX_BATCH_BYTES, so a cut wastes at most
// one batch bound); each answer is settled in order (push.ts).
import type { Op, OpResult } from '../../core/sync/protocol';
import { pushResponse } from '../../core/sync/protocol';
import type { Db } from '../../db/open';
import { office } from '../../db/schema';
import type { FileUploader } from './files';
import type { DeviceAuth, SyncHttp } from './http';
import { SyncFailure } from './http';
import { feedOutbox } from './office-feed';
import type { Identity } from './state';
import {
  buildBatch,
  MAX_BATCH_BYTES,
  MAX_BATCH_OPS,
  pendingCount,
  readPending,
  setAsideTooLarge,
  settleBatch,
} from './push';

export interface PushDeps {
  readonly db: () => Db;
  readonly http: SyncHttp;
  readonly auth: DeviceAuth;
  readonly identity: Identity;
  readonly onProgress: (done: number, total: number) => void;
  readonly maxBatchBytes?: number;
  /** Test hook: called after the server answered and before the answer is recorded. */
  readonly beforeSettle?: () => void;
  /** Uploads the files a batch's ops refer to (attachments) before the ops are sent. */
  readonly files?: FileUploader;
  /** The clock for the audit rows and office state queued when the outbox runs dry. */
  readonly now?: () => number;
  /** False: only the outbox as it is (SyncTuning.officeFeed). */
  readonly officeFeed?: boolean;
}

/** Audit rows queued each time the outbox runs dry: a few batches' worth. */
const AUDIT_FEED = MAX_BATCH_OPS * 4;
/** At most this many per sync: an office upgrading with a large log (a 200,000-dossier office
 * holds millions of rows) sends it over many syncs, each ending in a reasonable time. */
const AUDIT_PER_SYNC = AUDIT_FEED * 10;

/** A batch ready to leave: the files its ops refer to are verified at the province. */
interface Ready {
  readonly ops: Op[];
  readonly body: Uint8Array;
  /** Why the rows after this batch are not ready (see FileUploader.prepare), or null. */
  readonly filesFailure: Error | null;
}

/** The next batch after client_seq `after`: null when nothing more is pending, 'again' when
 * its head was set aside (its local file is gone) and the queue must be read again. */
async function nextBatch(deps: Readonly<PushDeps>, after: number): Promise<Ready | 'again' | null> {
  const rows = readPending(deps.db(), MAX_BATCH_OPS, after);
  if (rows.length === 0) return null;
  const claim = deps.db().select({ code: office.agencyCode }).from(office).get()?.code;
  let batch = await buildBatch(rows, deps.identity.deviceId, deps.maxBatchBytes, claim);
  // Files first: an op leaves only once the province has verified the file it refers to.
  const files = deps.files ? await deps.files.prepare(rows.slice(0, batch.ops.length)) : null;
  if (files && files.ready < batch.ops.length) {
    if (files.ready === 0) {
      if (files.failure !== null) throw files.failure;
      return 'again';
    }
    const ready = rows.slice(0, files.ready);
    batch = await buildBatch(ready, deps.identity.deviceId, deps.maxBatchBytes, claim);
  }
  return { ...batch, filesFailure: files?.failure ?? null };
}

interface InFlight extends Ready {
  readonly reply: Promise<OpResult[]>;
}

function send(deps: Readonly<PushDeps>, batch: Ready): InFlight {
  const reply = deps.auth
    .with(deps.http, deps.identity, (auth) =>
      deps.http.request('POST', '/v1/push', pushResponse, { gzipped: batch.body, auth }),
    )
    .then((r) => r.results);
  reply.catch(() => undefined); // awaited later, or left behind by a sync that failed
  return { ...batch, reply };
}

/**
 * Sends the batch after `current` before `current` is answered, when both bodies together
 * fit in one batch's bytes: on a slow line the next batch is on its way while the server
 * answers the last one (no idle round trip per batch), and a cut still wastes at most
 * MAX_BATCH_BYTES. The server takes them in any order (ops are idempotent, and a device's
 * older op never overwrites a newer snapshot).
 */
async function sendAhead(deps: Readonly<PushDeps>, current: InFlight): Promise<InFlight | null> {
  if (current.filesFailure !== null) return null;
  const after = current.ops.at(-1)?.clientSeq ?? 0;
  // A failure here shows again, in order, when the loop gets to these rows.
  const next = await nextBatch(deps, after).catch(() => null);
  if (next === null || next === 'again') return null;
  const fits = current.body.length + next.body.length <= (deps.maxBatchBytes ?? MAX_BATCH_BYTES);
  return fits ? send(deps, next) : null;
}

/** Records the answer to a push sent ahead that the loop no longer waits for, if it came;
 * otherwise its ops stay pending and are sent again (the server answers "duplicate"). */
async function settleLate(deps: Readonly<PushDeps>, p: InFlight): Promise<void> {
  const results = await p.reply.catch(() => null);
  try {
    if (results) settleBatch(deps.db(), p.ops, results);
  } catch {
    // left pending: see above
  }
}

/** Pushes until the queue is empty; returns how many ops were acknowledged. */
export async function pushAll(deps: Readonly<PushDeps>): Promise<number> {
  let done = 0;
  let fed = 0;
  const feed = () => {
    if (deps.officeFeed === false || fed >= AUDIT_PER_SYNC) return 0;
    const n = feedOutbox(deps.db(), deps.now?.() ?? Date.now(), AUDIT_FEED);
    fed += n;
    return n;
  };
  feed();
  let total = pendingCount(deps.db());
  deps.onProgress(0, total);
  let ahead: InFlight | null = null;
  try {
    for (;;) {
      let current: InFlight;
      if (ahead && readPending(deps.db(), 1)[0]?.clientSeq === ahead.ops[0]?.clientSeq) {
        current = ahead;
      } else {
        if (ahead) await settleLate(deps, ahead);
        ahead = null;
        const next = await nextBatch(deps, 0);
        if (next === null) {
          if (feed() === 0) return done;
          total = Math.max(total, done + pendingCount(deps.db()));
          continue;
        }
        if (next === 'again') continue;
        current = send(deps, next);
      }
      ahead = await sendAhead(deps, current);
      let results: OpResult[];
      try {
        results = await current.reply;
      } catch (error) {
        if (error instanceof SyncFailure && error.kind === 'tooLarge' && current.ops.length === 1) {
          // One row the server will never take in any batch: set it aside, keep the queue moving.
          setAsideTooLarge(deps.db(), current.ops[0]?.opId ?? '');
          continue;
        }
        throw error;
      }
      deps.beforeSettle?.();
      settleBatch(deps.db(), current.ops, results);
      const deferred = results.filter((r) => r.status === 'deferred').length;
      done += current.ops.length - deferred;
      // New changes may have been queued meanwhile; the bar counts them too.
      total = Math.max(total, done + pendingCount(deps.db()));
      deps.onProgress(done, total);
      if (current.filesFailure !== null) throw current.filesFailure;
      // The province holds an op back until its file is verified there: the next sync sends it.
      if (deferred > 0) return done;
    }
  } finally {
    if (ahead) await settleLate(deps, ahead);
  }
}

// Push: pending outbox rows in client_seq order, in batches bounded by count and by
// compressed bytes, the next one sent while the last is answered; each acknowledged batch is
// settled in one transaction (applied and duplicate rows deleted, rejected rows kept with the
// reason, never sent again).
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { REJECT_REASONS } from '../../core/sync/errors';
import type { Op, OpResult, OutboxCounts } from '../../core/sync/protocol';
import { LIMITS, pushResponse } from '../../core/sync/protocol';
import type { Db, Tx } from '../../db/open';
import { counters, outbox } from '../../db/schema';
import { nextCounter } from '../counters';
import type { FileUploader } from './files';
import type { DeviceAuth, SyncHttp } from './http';
import { gzipText, MESSAGES, SyncFailure } from './http';
import type { Identity } from './state';

/** Compressed bytes per push, and of the two pushes that may be in flight together: small
 * enough to resend cheaply after a cut on a slow line. */
export const MAX_BATCH_BYTES = 256 * 1024;
export const MAX_BATCH_OPS = LIMITS.maxOpsPerPush;

type OutboxRow = typeof outbox.$inferSelect;

export const TOO_LARGE_REASON =
  'Bản ghi quá lớn để gửi lên máy chủ tỉnh; liên hệ bộ phận kỹ thuật.';

export function toOp(row: Readonly<OutboxRow>, deviceId: string): Op {
  return {
    opId: row.opId,
    deviceId,
    clientSeq: row.clientSeq,
    entity: row.entity,
    entityId: row.entityId,
    operation: row.operation,
    row: row.row,
    schemaVersion: row.schemaVersion,
    clientTime: Math.max(0, Math.trunc(row.createdAt)),
  };
}

export function pendingCount(db: Db): number {
  return db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
}

/** What the device reports to the province with each push and pull, and in a sync file. */
export function outboxCounts(db: Db): OutboxCounts {
  const rows = db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .groupBy(outbox.status)
    .all();
  const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { pending: of('pending'), rejected: of('rejected') };
}

export function readPending(db: Db, limit: number, after = 0): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), gt(outbox.clientSeq, after)))
    .orderBy(asc(outbox.clientSeq))
    .limit(limit)
    .all();
}

/** JSON before compression: the server inflates at most LIMITS.maxInflatedBytes. */
const MAX_BATCH_JSON = LIMITS.maxInflatedBytes / 2;

/** The longest prefix of `rows` whose gzip body fits MAX_BATCH_BYTES (at least one op). */
export async function buildBatch(
  rows: readonly OutboxRow[],
  deviceId: string,
  maxBytes = MAX_BATCH_BYTES,
): Promise<{ ops: Op[]; body: Uint8Array }> {
  let n = rows.length;
  for (;;) {
    const ops = rows.slice(0, n).map((r) => toOp(r, deviceId));
    const json = JSON.stringify({ ops });
    const body = json.length > MAX_BATCH_JSON && n > 1 ? null : await gzipText(json);
    if (body && (body.length <= maxBytes || n === 1)) return { ops, body };
    // Shrink in proportion to the overshoot (with a margin), at least by one.
    const ratio = body ? maxBytes / body.length : MAX_BATCH_JSON / json.length;
    n = Math.max(1, Math.min(n - 1, Math.floor(n * ratio * 0.9)));
  }
}

/**
 * Records the server's answers for one batch in one transaction. A rejection for a reused
 * sequence number (this PC was restored from an older backup) is not the op's fault: it gets
 * a fresh sequence number and op id and is sent again.
 */
export function settleBatch(db: Db, sent: readonly Op[], results: readonly OpResult[]): void {
  const byId = new Map(results.map((r) => [r.opId, r]));
  for (const o of sent) {
    if (!byId.has(o.opId)) throw new SyncFailure('protocol', MESSAGES.protocol);
  }
  db.transaction((tx) => {
    settleResults(
      tx,
      sent.map((o) => byId.get(o.opId) as OpResult),
    );
  });
}

export interface Settled {
  readonly acknowledged: number;
  readonly rejected: number;
  readonly resent: number;
}

/** Applies the server's answers to the pending outbox rows they name, inside the caller's
 * transaction (a push batch, or the acknowledgements of a province reply file); answers for
 * rows that are no longer pending change nothing, so settling twice is harmless. */
export function settleResults(tx: Tx, results: readonly OpResult[]): Settled {
  const pending = (opId: string) => and(eq(outbox.opId, opId), eq(outbox.status, 'pending'));
  const done: string[] = [];
  let rejected = 0;
  let resent = 0;
  for (const r of results) {
    switch (r.status) {
      case 'applied':
      case 'duplicate':
        done.push(r.opId);
        break;
      case 'rejected':
        if (r.reason === REJECT_REASONS.seqReused) {
          // Only a row still waiting takes a new number: settling twice must not burn one.
          if (!tx.select({ seq: outbox.clientSeq }).from(outbox).where(pending(r.opId)).get())
            break;
          tx.update(outbox)
            .set({ clientSeq: nextCounter(tx, 'outbox'), opId: uuidv7(), attempts: 0 })
            .where(pending(r.opId))
            .run();
          resent++;
        } else {
          rejected += tx
            .update(outbox)
            .set({ status: 'rejected', rejectedReason: r.reason ?? 'Máy chủ tỉnh từ chối.' })
            .where(pending(r.opId))
            .run().changes;
        }
        break;
      case 'deferred':
        // Its file is not verified at the province yet: it stays pending, sent again later.
        break;
      default: {
        const never: never = r.status;
        throw new Error(`unknown op status ${String(never)}`);
      }
    }
  }
  let acknowledged = 0;
  for (let i = 0; i < done.length; i += 500) {
    acknowledged += tx
      .delete(outbox)
      .where(and(inArray(outbox.opId, done.slice(i, i + 500)), eq(outbox.status, 'pending')))
      .run().changes;
  }
  return { acknowledged, rejected, resent };
}

/** After a restore from an old backup the local counter may lag the server's: move it past. */
export function fastForwardCounter(db: Db, lastClientSeq: number): void {
  db.insert(counters)
    .values({ scope: 'outbox', last: lastClientSeq })
    .onConflictDoUpdate({
      target: counters.scope,
      set: { last: sql`max(${counters.last}, ${lastClientSeq})` },
    })
    .run();
}

/** Counts a failed attempt against the head of the queue (how "stalled" is measured). */
export function noteFailedAttempt(db: Db): void {
  const head = readPending(db, 1)[0];
  if (!head) return;
  db.update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1` })
    .where(eq(outbox.clientSeq, head.clientSeq))
    .run();
}

export function headAttempts(db: Db): number {
  return readPending(db, 1)[0]?.attempts ?? 0;
}

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
}

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
  let batch = await buildBatch(rows, deps.identity.deviceId, deps.maxBatchBytes);
  // Files first: an op leaves only once the province has verified the file it refers to.
  const files = deps.files ? await deps.files.prepare(rows.slice(0, batch.ops.length)) : null;
  if (files && files.ready < batch.ops.length) {
    if (files.ready === 0) {
      if (files.failure !== null) throw files.failure;
      return 'again';
    }
    const ready = rows.slice(0, files.ready);
    batch = await buildBatch(ready, deps.identity.deviceId, deps.maxBatchBytes);
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
        if (next === null) return done;
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
          const opId = current.ops[0]?.opId ?? '';
          deps
            .db()
            .update(outbox)
            .set({ status: 'rejected', rejectedReason: TOO_LARGE_REASON })
            .where(eq(outbox.opId, opId))
            .run();
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

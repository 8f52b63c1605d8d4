// Push: pending outbox rows in client_seq order, in batches bounded by count and by
// compressed bytes; each acknowledged batch is settled in one transaction (applied and
// duplicate rows deleted, rejected rows kept with the reason, never sent again).
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { REJECT_REASONS } from '../../core/sync/errors';
import type { Op, OpResult } from '../../core/sync/protocol';
import { LIMITS, pushResponse } from '../../core/sync/protocol';
import type { Db } from '../../db/open';
import { counters, outbox } from '../../db/schema';
import { nextCounter } from '../counters';
import type { DeviceAuth, SyncHttp } from './http';
import { gzipText, MESSAGES, SyncFailure } from './http';
import type { Identity } from './state';

/** Compressed bytes per push: small enough to resend cheaply after a cut on a slow line. */
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
    const done: string[] = [];
    for (const o of sent) {
      const r = byId.get(o.opId) as OpResult;
      switch (r.status) {
        case 'applied':
        case 'duplicate':
          done.push(o.opId);
          break;
        case 'rejected':
          if (r.reason === REJECT_REASONS.seqReused) {
            tx.update(outbox)
              .set({ clientSeq: nextCounter(tx, 'outbox'), opId: uuidv7(), attempts: 0 })
              .where(eq(outbox.opId, o.opId))
              .run();
          } else {
            tx.update(outbox)
              .set({ status: 'rejected', rejectedReason: r.reason ?? 'Máy chủ tỉnh từ chối.' })
              .where(eq(outbox.opId, o.opId))
              .run();
          }
          break;
        default: {
          const never: never = r.status;
          throw new Error(`unknown op status ${String(never)}`);
        }
      }
    }
    for (let i = 0; i < done.length; i += 500) {
      tx.delete(outbox)
        .where(inArray(outbox.opId, done.slice(i, i + 500)))
        .run();
    }
  });
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
}

/** Pushes until the queue is empty; returns how many ops were acknowledged. */
export async function pushAll(deps: Readonly<PushDeps>): Promise<number> {
  let done = 0;
  let total = pendingCount(deps.db());
  deps.onProgress(0, total);
  for (;;) {
    const rows = readPending(deps.db(), MAX_BATCH_OPS);
    if (rows.length === 0) return done;
    const batch = await buildBatch(rows, deps.identity.deviceId, deps.maxBatchBytes);
    let results: OpResult[];
    try {
      const reply = await deps.auth.with(deps.http, deps.identity, (auth) =>
        deps.http.request('POST', '/v1/push', pushResponse, { gzipped: batch.body, auth }),
      );
      results = reply.results;
    } catch (error) {
      if (error instanceof SyncFailure && error.kind === 'tooLarge' && batch.ops.length === 1) {
        // One row the server will never take in any batch: set it aside, keep the queue moving.
        const opId = batch.ops[0]?.opId ?? '';
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
    settleBatch(deps.db(), batch.ops, results);
    done += batch.ops.length;
    // New changes may have been queued meanwhile; the bar counts them too.
    total = Math.max(total, done + pendingCount(deps.db()));
    deps.onProgress(done, total);
  }
}

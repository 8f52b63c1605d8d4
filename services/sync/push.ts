// The push side of the outbox: pending rows in client_seq order, batches bounded by count and
// by compressed bytes, and the settling of each answer in one transaction (applied and
// duplicate rows deleted, rejected rows kept with the reason, never sent again). Running a
// push over the network is push-run.ts.
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { REJECT_REASONS } from '../../core/sync/errors';
import type { Op, OpResult, OutboxCounts } from '../../core/sync/protocol';
import { LIMITS } from '../../core/sync/protocol';
import type { Db, Tx } from '../../db/open';
import { counters, outbox } from '../../db/schema';
import { nextCounter } from '../counters';
import { newId } from '../ids';
import { gzipText, MESSAGES, SyncFailure } from './http';

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
  /** The PC's own office (office row): the province rejects ops claimed for another office. */
  officeAgencyCode?: string,
): Promise<{ ops: Op[]; body: Uint8Array }> {
  let n = rows.length;
  for (;;) {
    const ops = rows.slice(0, n).map((r) => toOp(r, deviceId));
    const json = JSON.stringify(officeAgencyCode ? { ops, officeAgencyCode } : { ops });
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
            .set({ clientSeq: nextCounter(tx, 'outbox'), opId: newId(), attempts: 0 })
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

/** A row the server will never take in any batch: rejected here, so the queue keeps moving. */
export function setAsideTooLarge(db: Db, opId: string): void {
  db.update(outbox)
    .set({ status: 'rejected', rejectedReason: TOO_LARGE_REASON })
    .where(eq(outbox.opId, opId))
    .run();
}

// Applies a batch of office ops (a push, or a chunk of a USB sync file) exactly once each.
// The office's ops are serialized by an advisory lock, so server_seq values of one office
// commit in order and a restore reading by cursor never skips a row still being written.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { checkOpRow } from '../../core/sync/entities';
import { fileRefOf } from '../../core/sync/files';
import { REJECT_REASONS } from '../../core/sync/errors';
import type { Op, OpResult } from '../../core/sync/protocol';
import { upgradeOp } from '../../core/sync/upgrade';
import type { Db } from '../database/connect';
import { devices, entities, ops, rejectedOps } from '../database/schema/index';
import { HttpError, isDataError } from '../http/errors';
import { checkAuditRows } from './audit-chain';
import { eraseDossiers, erasedDossierIds } from './erasure';
import { verifiedRefs } from './files';

export interface ApplyScope {
  readonly officeId: string;
  readonly deviceId: string;
  readonly source: 'push' | 'file';
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Advisory lock class for "ops of one office"; the key is hashtext(office id). */
const OFFICE_LOCK = 7401;

interface Accepted {
  readonly index: number;
  readonly sent: Op;
  readonly op: Op;
  readonly row: Record<string, unknown>;
  serverSeq: number;
}

/** Upgrades the whole batch before anything is written: a too-old op fails the request
 * (426) rather than leaving the batch half applied. */
const upgradeAll = (batch: readonly Op[]): Op[] =>
  batch.map((o) => {
    const upgraded = upgradeOp(o);
    if (upgraded.ok) return upgraded.op;
    throw upgraded.tooOld
      ? new HttpError(426, 'UPGRADE_REQUIRED')
      : new HttpError(409, 'SERVER_OUTDATED');
  });

export const applyOps = async (
  db: Db,
  scope: Readonly<ApplyScope>,
  batch: readonly Op[],
  now: number,
): Promise<OpResult[]> => {
  if (batch.some((o) => o.deviceId !== scope.deviceId)) {
    throw new HttpError(403, 'FORBIDDEN', 'Có thao tác không thuộc máy đang đồng bộ.');
  }
  const upgraded = upgradeAll(batch);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(${sql.raw(String(OFFICE_LOCK))}, hashtext(${scope.officeId}))`,
    );
    const seen = await lookupSeen(tx, scope.deviceId, batch);
    const verified = await verifiedRefs(tx, scope.officeId, upgraded);
    const results: OpResult[] = [];
    const accepted: Accepted[] = [];
    const rejected: { op: Op; reason: string }[] = [];
    const firstByOpId = new Map<string, number>();
    const opIdBySeq = new Map(seen.bySeq);
    const reject = (i: number, o: Op, reason: string, record = true) => {
      results[i] = { opId: o.opId, status: 'rejected', reason };
      if (record) rejected.push({ op: o, reason });
    };
    batch.forEach((o, i) => {
      const first = firstByOpId.get(o.opId);
      if (first !== undefined) return; // resolved once the first copy has its result
      firstByOpId.set(o.opId, i);
      const prior = seen.byOpId.get(o.opId);
      if (prior) {
        if (prior.deviceId === scope.deviceId) {
          results[i] = { opId: o.opId, status: 'duplicate', serverSeq: prior.serverSeq };
        } else reject(i, o, REJECT_REASONS.opIdTaken, false);
        return;
      }
      const priorRejection = seen.rejected.get(o.opId);
      if (priorRejection) {
        const same = priorRejection.deviceId === scope.deviceId;
        return reject(i, o, same ? priorRejection.reason : REJECT_REASONS.opIdTaken, false);
      }
      const seqOwner = opIdBySeq.get(o.clientSeq);
      if (seqOwner !== undefined && seqOwner !== o.opId)
        return reject(i, o, REJECT_REASONS.seqReused);
      const op = upgraded[i];
      const check = checkOpRow(op);
      if (!check.ok) return reject(i, o, check.reason);
      // A row whose file is not here yet waits: not applied, not recorded, sent again later.
      const file = fileRefOf(op.entity, op.operation, check.row);
      if (file !== null && !verified.has(file)) {
        results[i] = { opId: o.opId, status: 'deferred', reason: REJECT_REASONS.fileNotVerified };
        return;
      }
      opIdBySeq.set(o.clientSeq, o.opId);
      accepted.push({ index: i, sent: o, op, row: check.row, serverSeq: 0 });
    });
    await allocateSeqs(tx, accepted);
    const failed = await writeAccepted(tx, scope, accepted, now);
    for (const a of accepted) {
      if (failed.has(a)) reject(a.index, a.sent, REJECT_REASONS.badData);
      else results[a.index] = { opId: a.sent.opId, status: 'applied', serverSeq: a.serverSeq };
    }
    if (rejected.length > 0) await recordRejections(tx, scope, rejected, now);
    batch.forEach((o, i) => {
      const first = firstByOpId.get(o.opId) as number;
      if (first === i) return;
      const r = results[first];
      results[i] = r.status === 'applied' ? { ...r, status: 'duplicate' } : r;
    });
    await tx
      .update(devices)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(devices.id, scope.deviceId));
    return results;
  });
};

const lookupSeen = async (tx: Tx, deviceId: string, batch: readonly Op[]) => {
  const opIds = [...new Set(batch.map((o) => o.opId))];
  const seqs = [...new Set(batch.map((o) => o.clientSeq))];
  const byOpId = await tx
    .select({ opId: ops.opId, deviceId: ops.deviceId, serverSeq: ops.serverSeq })
    .from(ops)
    .where(inArray(ops.opId, opIds));
  const bySeq = await tx
    .select({ clientSeq: ops.clientSeq, opId: ops.opId })
    .from(ops)
    .where(and(eq(ops.deviceId, deviceId), inArray(ops.clientSeq, seqs)));
  const rejected = await tx
    .select({ opId: rejectedOps.opId, deviceId: rejectedOps.deviceId, reason: rejectedOps.reason })
    .from(rejectedOps)
    .where(inArray(rejectedOps.opId, opIds));
  return {
    byOpId: new Map(byOpId.map((r) => [r.opId, r])),
    bySeq: new Map(bySeq.map((r) => [Number(r.clientSeq), r.opId])),
    rejected: new Map(rejected.map((r) => [r.opId, r])),
  };
};

/** Takes the batch's server_seq values up front, ascending in batch order, so that within a
 * batch a later op always has the higher sequence. */
const allocateSeqs = async (tx: Tx, accepted: Accepted[]) => {
  if (accepted.length === 0) return;
  const rows = await tx
    .select({
      seq: sql<number>`nextval(pg_get_serial_sequence('ops', 'server_seq'))`.mapWith(Number),
    })
    .from(sql`generate_series(1, ${accepted.length}::int)`);
  const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
  accepted.forEach((a, i) => (a.serverSeq = seqs[i]));
};

/** Writes all accepted ops under one savepoint; if the database refuses some value, retries
 * op by op so only the offending ones are rejected. Returns the ops that failed. */
const writeAccepted = async (
  tx: Tx,
  scope: Readonly<ApplyScope>,
  accepted: readonly Accepted[],
  now: number,
): Promise<Set<Accepted>> => {
  const failed = new Set<Accepted>();
  if (accepted.length === 0) return failed;
  try {
    await tx.transaction((sp) => writeOps(sp, scope, accepted, now));
    return failed;
  } catch (error) {
    if (!isDataError(error)) throw error;
  }
  for (const a of accepted) {
    try {
      await tx.transaction((sp) => writeOps(sp, scope, [a], now));
    } catch (error) {
      if (!isDataError(error)) throw error;
      failed.add(a);
    }
  }
  return failed;
};

/** Writes the accepted ops and the entity snapshots they leave. Rows travel as one jsonb
 * parameter read back with jsonb_to_recordset: binding a 500-op batch as 13 parameters per
 * row costs more than storing it. A value the database refuses fails the whole statement,
 * as before, and writeAccepted finds the op that did it. */
const writeOps = async (
  tx: Tx,
  scope: Readonly<ApplyScope>,
  accepted: readonly Accepted[],
  now: number,
) => {
  const receivedAt = new Date(now).toISOString();
  const opRows = accepted.map((a) => ({
    s: a.serverSeq,
    o: a.sent.opId,
    c: a.sent.clientSeq,
    e: a.op.entity,
    i: a.op.entityId,
    p: a.op.operation,
    r: a.row,
    v: a.sent.schemaVersion,
    t: a.sent.clientTime,
  }));
  await tx.execute(sql`
    insert into ${ops} (server_seq, op_id, device_id, client_seq, office_id, entity, entity_id,
      operation, row, schema_version, client_time, received_at, source)
    select x.s, x.o, ${scope.deviceId}::uuid, x.c, ${scope.officeId}::uuid, x.e, x.i, x.p, x.r,
      x.v, x.t, ${receivedAt}::timestamptz, ${scope.source}
    from jsonb_to_recordset(${JSON.stringify(opRows)}::jsonb)
      as x(s bigint, o uuid, c bigint, e text, i text, p text, r jsonb, v integer, t bigint)`);
  // Audit rows the province already holds keep their first copy (a rewrite is a break).
  const held = await checkAuditRows(tx, scope, accepted, now);
  // One snapshot per entity row: the batch's last op for it (an upsert may not touch a row twice).
  const latest = new Map<string, Accepted>();
  for (const a of accepted) if (!held.has(a)) latest.set(`${a.op.entity}\u0000${a.op.entityId}`, a);
  const snapshots = [...latest.values()].map((a) => ({
    e: a.op.entity,
    i: a.op.entityId,
    r: a.row,
    d: a.op.operation === 'delete',
    s: a.serverSeq,
    c: a.sent.clientSeq,
  }));
  // Arrival order decides between devices; within one device a late, older op never
  // overwrites a newer snapshot.
  if (snapshots.length > 0)
    await tx.execute(sql`
    insert into ${entities} (office_id, entity, entity_id, row, deleted, server_seq, device_id,
      client_seq, updated_at)
    select ${scope.officeId}::uuid, x.e, x.i, x.r, x.d, x.s, ${scope.deviceId}::uuid, x.c,
      ${receivedAt}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(snapshots)}::jsonb)
      as x(e text, i text, r jsonb, d boolean, s bigint, c bigint)
    on conflict (office_id, entity, entity_id) do update set
      row = excluded.row, deleted = excluded.deleted, server_seq = excluded.server_seq,
      device_id = excluded.device_id, client_seq = excluded.client_seq,
      updated_at = excluded.updated_at
    where not (${entities}.device_id = excluded.device_id
      and ${entities}.client_seq > excluded.client_seq)`);
  await eraseDossiers(tx, scope.officeId, erasedDossierIds(accepted), now);
};

const recordRejections = async (
  tx: Tx,
  scope: Readonly<ApplyScope>,
  rejected: readonly { op: Op; reason: string }[],
  now: number,
) => {
  await tx
    .insert(rejectedOps)
    .values(
      rejected.map(({ op, reason }) => ({
        opId: op.opId,
        deviceId: scope.deviceId,
        clientSeq: op.clientSeq,
        officeId: scope.officeId,
        entity: op.entity,
        entityId: op.entityId,
        reason,
        receivedAt: new Date(now),
      })),
    )
    .onConflictDoNothing();
};

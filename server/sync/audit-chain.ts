// The province's check of the audit rows an office pushes (core/audit/continuity.ts): each row
// must continue the chain the province holds for that office, from its last row. Rows that
// continue it are kept (audit_chain, and the entities snapshot restore reads); a row sent again
// unchanged is a duplicate; a rewritten copy of a held row is never stored over the original.
// Every break is recorded (audit_breaks) for the dashboard. Runs inside the push's
// transaction, under the office's advisory lock.
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { chainInput, type ChainedAuditRow } from '../../core/audit/chain';
import {
  describeProvinceBreak,
  judgeRow,
  type HeldRow,
  type ProvinceBreakKind,
} from '../../core/audit/continuity';
import type { Op } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { auditBreaks, auditChain } from '../database/schema/index';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface AuditOp {
  readonly op: Op;
  readonly row: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function chainedOf(row: Readonly<Record<string, unknown>>): ChainedAuditRow {
  return {
    id: str(row.id) ?? '',
    seq: num(row.seq),
    at: num(row.at),
    actorId: str(row.actorId),
    actorName: str(row.actorName),
    operation: str(row.operation) ?? '',
    entity: str(row.entity) ?? '',
    entityId: str(row.entityId),
    summary: str(row.summary) ?? '',
    prevHash: str(row.prevHash) ?? '',
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Checks the batch's audit rows in order, keeps those that continue the chain and records the
 * breaks. Returns the ops whose snapshot must not be written (already held, or a rewritten
 * copy of a held row).
 */
export async function checkAuditRows<T extends AuditOp>(
  tx: Tx,
  scope: { readonly officeId: string; readonly deviceId: string },
  batch: readonly T[],
  now: number,
): Promise<Set<T>> {
  const skip = new Set<T>();
  const rows = batch.filter((a) => a.op.entity === 'audit_row' && a.op.operation === 'upsert');
  if (rows.length === 0) return skip;
  const [last] = await tx
    .select({ seq: auditChain.seq, rowId: auditChain.rowId, hash: auditChain.hash })
    .from(auditChain)
    .where(eq(auditChain.officeId, scope.officeId))
    .orderBy(desc(auditChain.seq))
    .limit(1);
  let head: HeldRow | null = last ?? null;
  const oldSeqs = rows.map((a) => num(a.row.seq)).filter((s) => s <= (head?.seq ?? 0));
  const held = new Map<number, HeldRow>();
  if (oldSeqs.length > 0) {
    const found = await tx
      .select({ seq: auditChain.seq, rowId: auditChain.rowId, hash: auditChain.hash })
      .from(auditChain)
      .where(and(eq(auditChain.officeId, scope.officeId), inArray(auditChain.seq, oldSeqs)));
    for (const h of found) held.set(h.seq, h);
  }
  const kept: (typeof auditChain.$inferInsert)[] = [];
  const breaks: (typeof auditBreaks.$inferInsert)[] = [];
  const receivedAt = new Date(now);
  let rewrittenNoted = false;
  for (const a of rows) {
    const row = chainedOf(a.row);
    const hash = str(a.row.hash) ?? '';
    const verdict = judgeRow(head, held.get(row.seq) ?? null, {
      seq: row.seq,
      id: row.id,
      prevHash: row.prevHash,
      hash,
      recomputed: sha256(chainInput(row)),
    });
    if (verdict.broken !== null && !(verdict.broken === 'rewritten' && rewrittenNoted)) {
      rewrittenNoted ||= verdict.broken === 'rewritten';
      breaks.push(breakOf(scope, receivedAt, verdict.broken, row, head?.seq ?? 0));
    }
    if (!verdict.keep) {
      skip.add(a);
      continue;
    }
    kept.push({
      officeId: scope.officeId,
      seq: row.seq,
      rowId: row.id,
      prevHash: row.prevHash,
      hash,
      rowAt: row.at,
      deviceId: scope.deviceId,
      receivedAt,
    });
    head = { seq: row.seq, rowId: row.id, hash };
  }
  if (kept.length > 0) await tx.insert(auditChain).values(kept);
  if (breaks.length > 0) await tx.insert(auditBreaks).values(breaks);
  return skip;
}

function breakOf(
  scope: { readonly officeId: string; readonly deviceId: string },
  foundAt: Date,
  kind: ProvinceBreakKind,
  row: Readonly<ChainedAuditRow>,
  headSeq: number,
): typeof auditBreaks.$inferInsert {
  return {
    officeId: scope.officeId,
    deviceId: scope.deviceId,
    foundAt,
    kind,
    seq: row.seq,
    rowId: row.id,
    rowAt: row.at,
    summary: row.summary,
    message: describeProvinceBreak(kind, row.seq, headSeq),
  };
}

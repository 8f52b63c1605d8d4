// The audit trail as a hash chain. Every row is appended here (context.write): it takes the
// next position from the 'audit_log' counter, the previous row's hash, and its own hash over
// its content (core/audit/chain.ts). The check walks the chain in order and names the first
// row that does not hold; the counter shows a tail cut off. Someone holding the database key
// could rebuild the whole chain: the province, which keeps every row it received, sees that.
import { createHash } from 'node:crypto';
import { asc, eq, gt, isNull, sql } from 'drizzle-orm';
import {
  chainInput,
  describeBreak,
  GENESIS_HASH,
  type ChainBreak,
  type ChainedAuditRow,
} from '../../core/audit/chain';
import type { Db, Tx } from '../../db/open';
import { auditLog, counters } from '../../db/schema';
import { reserveCounter } from '../counters';
import { prepared } from '../prepared';

export const AUDIT_COUNTER = 'audit_log';
/** Rows checked between two yields to the event loop (a few milliseconds of work). */
const PAGE = 500;

export function chainHash(row: Readonly<ChainedAuditRow>): string {
  return createHash('sha256').update(chainInput(row)).digest('hex');
}

export type AuditValues = Omit<ChainedAuditRow, 'seq' | 'prevHash'>;

const prevHashQuery = (db: Db) =>
  prepared(db, 'audit.prevHash', (d) =>
    d
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.seq, sql.placeholder('seq')))
      .prepare(),
  );

const insertAuditQuery = (db: Db) =>
  prepared(db, 'audit.insert', (d) =>
    d
      .insert(auditLog)
      .values({
        id: sql.placeholder('id'),
        at: sql.placeholder('at'),
        actorId: sql.placeholder('actorId'),
        actorName: sql.placeholder('actorName'),
        operation: sql.placeholder('operation'),
        entity: sql.placeholder('entity'),
        entityId: sql.placeholder('entityId'),
        summary: sql.placeholder('summary'),
        seq: sql.placeholder('seq'),
        prevHash: sql.placeholder('prevHash'),
        hash: sql.placeholder('hash'),
      })
      .prepare(),
  );

const chained = new WeakMap<Db, boolean>();

/** Whether this database's audit_log has the chain's columns. Only a database left at a schema
 * older than the app (a test that stops the migrations early) lacks them: it is written unchained. */
function hasChain(db: Db): boolean {
  let known = chained.get(db);
  if (known === undefined) {
    const cols = db.all<{ name: string }>(sql`PRAGMA table_info(audit_log)`);
    known = cols.some((c) => c.name === 'seq');
    chained.set(db, known);
  }
  return known;
}

/** Appends one row to the chain, inside the caller's transaction. */
export function appendAudit(db: Db, tx: Tx, values: Readonly<AuditValues>): void {
  if (!hasChain(db)) {
    const v = values;
    tx.run(sql`INSERT INTO audit_log (id, at, actor_id, actor_name, operation, entity, entity_id, summary)
      VALUES (${v.id}, ${v.at}, ${v.actorId}, ${v.actorName}, ${v.operation}, ${v.entity}, ${v.entityId}, ${v.summary})`);
    return;
  }
  const seq = reserveCounter(tx, AUDIT_COUNTER, 1);
  const prevHash =
    seq === 1 ? GENESIS_HASH : (prevHashQuery(db).get({ seq: seq - 1 })?.hash ?? GENESIS_HASH);
  const row: ChainedAuditRow = { ...values, seq, prevHash };
  insertAuditQuery(db).run({ ...row, hash: chainHash(row) });
}

/**
 * Chains the rows written before the chain existed (the upgrade), in the order they were
 * written. Only once: when the chain has begun, an unchained row is a forgery, not history.
 */
export function sealLegacyAudit(db: Db): number {
  if (!hasChain(db)) return 0;
  return db.transaction((tx) => {
    const started = tx.select().from(counters).where(eq(counters.scope, AUDIT_COUNTER)).get();
    if (started) return 0;
    const rows = tx
      .select()
      .from(auditLog)
      .where(isNull(auditLog.seq))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .all();
    let prevHash = GENESIS_HASH;
    rows.forEach((r, i) => {
      const row: ChainedAuditRow = { ...r, seq: i + 1, prevHash };
      prevHash = chainHash(row);
      tx.update(auditLog)
        .set({ seq: row.seq, prevHash: row.prevHash, hash: prevHash })
        .where(eq(auditLog.id, r.id))
        .run();
    });
    tx.insert(counters).values({ scope: AUDIT_COUNTER, last: rows.length }).run();
    return rows.length;
  });
}

export interface ChainCheck {
  readonly ok: boolean;
  readonly checked: number;
  readonly broken: (ChainBreak & { readonly message: string }) | null;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Walks the whole chain in pages and reports the first break. Before each page it awaits
 * `pause` (by default one turn of the event loop; the start-up check waits for the app to be
 * idle, so a long history never slows the login screen or the desk).
 */
export async function verifyAuditChain(
  db: Db,
  pause: () => Promise<void> = nextTick,
): Promise<ChainCheck> {
  const found = (b: ChainBreak, checked: number): ChainCheck => ({
    ok: false,
    checked,
    broken: { ...b, message: describeBreak(b) },
  });
  let expected = 1;
  let prev = GENESIS_HASH;
  for (;;) {
    await pause();
    const rows = db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expected - 1))
      .orderBy(asc(auditLog.seq))
      .limit(PAGE)
      .all();
    for (const r of rows) {
      const seq = r.seq as number;
      const at = { seq, id: r.id, at: r.at, summary: r.summary };
      if (seq !== expected) return found({ kind: 'missing', ...at }, expected - 1);
      if (r.prevHash !== prev) return found({ kind: 'unlinked', ...at }, expected - 1);
      if (chainHash({ ...r, seq, prevHash: prev }) !== r.hash)
        return found({ kind: 'edited', ...at }, expected - 1);
      prev = r.hash;
      expected++;
    }
    if (rows.length < PAGE) break;
  }
  const last = expected - 1;
  const loose = db.select().from(auditLog).where(isNull(auditLog.seq)).limit(1).get();
  if (loose)
    return found(
      { kind: 'unsealed', seq: last, id: loose.id, at: loose.at, summary: loose.summary },
      last,
    );
  const counter =
    db.select().from(counters).where(eq(counters.scope, AUDIT_COUNTER)).get()?.last ?? 0;
  if (counter > last)
    return found({ kind: 'truncated', seq: last + 1, id: null, at: null, summary: null }, last);
  if (counter < last) {
    const extra = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.seq, counter + 1))
      .get();
    return found(
      {
        kind: 'extra',
        seq: counter + 1,
        id: extra?.id ?? null,
        at: extra?.at ?? null,
        summary: extra?.summary ?? null,
      },
      last,
    );
  }
  return { ok: true, checked: last, broken: null };
}

// What the office pushes without an outbox row written in each change's transaction: the audit
// trail (read from audit_log by its chain position, a bounded slice at a time, so a large or
// old log — an office upgrading — never floods the outbox, and the desk pays nothing per
// action), and the office's small state a restore needs — its officials (never their password
// hashes), its settings and its calendar edits — queued when they differ from what was last
// queued. Both wait until the PC's data is the office's own: it has received a dossier, or it
// was restored from the province (a new PC's setup rows must not overwrite the office's).
import { createHash } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import type { Db, Tx } from '../../db/open';
import {
  appMeta,
  auditLog,
  calendarYears,
  counters,
  deskSettings,
  dossiers,
  office,
  users,
} from '../../db/schema';
import { enqueueAll } from './outbox';

/** Present while a restore from the province runs (or was cut and must run again). */
export const RESTORE_MARK = 'sync_restore_in_progress';
/** The last audit row (chain position) queued for the province. */
export const AUDIT_QUEUED = 'audit_outbox';
const STATE_PRINTS = 'sync_office_state';

type Change = Parameters<typeof enqueueAll>[2][number];

/** Whether the PC's audit trail and state are the office's, to be pushed. */
export function officeAnchored(db: Db | Tx): boolean {
  if (db.select().from(counters).where(eq(counters.scope, AUDIT_QUEUED)).get()) return true;
  if (db.select().from(appMeta).where(eq(appMeta.key, RESTORE_MARK)).get()) return false;
  return db.select({ id: dossiers.id }).from(dossiers).limit(1).get() !== undefined;
}

/** After a restore: the province holds the chain up to `head`; queue from there on. */
export function anchorAuditAt(tx: Tx, head: number): void {
  anchorCounter(tx, head);
  tx.delete(appMeta).where(eq(appMeta.key, STATE_PRINTS)).run();
}

/** Queues the next `limit` audit rows after the last queued one; returns how many. */
function queueAuditRows(tx: Tx, now: number, limit: number): number {
  const after = tx.select().from(counters).where(eq(counters.scope, AUDIT_QUEUED)).get()?.last ?? 0;
  const rows = tx
    .select()
    .from(auditLog)
    .where(gt(auditLog.seq, after))
    .orderBy(asc(auditLog.seq))
    .limit(limit)
    .all();
  const last = rows.at(-1)?.seq;
  if (last === undefined || last === null) return 0;
  enqueueAll(
    tx,
    now,
    rows.map((r) => ({ entity: 'audit_row', entityId: r.id, row: { ...r, updatedAt: r.at } })),
  );
  anchorCounter(tx, last);
  return rows.length;
}

function anchorCounter(tx: Tx, last: number): void {
  tx.insert(counters)
    .values({ scope: AUDIT_QUEUED, last })
    .onConflictDoUpdate({ target: counters.scope, set: { last } })
    .run();
}

/** The office's state as the province keeps it, one entry per row. */
function officeState(tx: Tx): Change[] {
  const people: Change[] = tx
    .select()
    .from(users)
    .all()
    .map((u) => ({
      entity: 'user',
      entityId: u.id,
      row: {
        id: u.id,
        username: u.username,
        fullName: u.fullName,
        title: u.title,
        roles: u.roles,
        disabled: u.disabled,
        createdAt: u.createdAt,
        updatedAt: u.updatedAt,
      },
    }));
  const o = tx.select().from(office).get();
  const desk = tx.select().from(deskSettings).where(eq(deskSettings.id, 1)).get();
  const settings: Change[] = o
    ? [
        {
          entity: 'office_settings',
          entityId: o.id,
          row: {
            id: o.id,
            name: o.name,
            agencyCode: o.agencyCode,
            province: o.province,
            commune: o.commune,
            address: o.address,
            sessionTimeoutMinutes: o.sessionTimeoutMinutes,
            backupKeep: o.backupKeep,
            updatedAt: Math.max(o.updatedAt, desk?.updatedAt ?? 0),
            desk: desk
              ? {
                  officeHours: desk.officeHours,
                  codeFormat: desk.codeFormat,
                  supplementRule: desk.supplementRule,
                  collectPlace: desk.collectPlace,
                  updatedAt: desk.updatedAt,
                }
              : null,
          },
        },
      ]
    : [];
  const years: Change[] = tx
    .select()
    .from(calendarYears)
    .where(eq(calendarYears.source, 'office'))
    .all()
    .map((y) => ({
      entity: 'calendar_year',
      entityId: String(y.year),
      row: { id: String(y.year), year: y.year, data: y.data, updatedAt: y.updatedAt },
    }));
  return [...people, ...settings, ...years];
}

const print = (row: unknown) => createHash('sha256').update(JSON.stringify(row)).digest('hex');

/** Queues the state rows that changed (or vanished) since last queued; returns how many. */
function queueOfficeState(tx: Tx, now: number): number {
  const stored = tx.select().from(appMeta).where(eq(appMeta.key, STATE_PRINTS)).get()?.value;
  const before = new Map<string, string>(
    Object.entries(stored ? (JSON.parse(stored) as Record<string, string>) : {}),
  );
  const after = new Map<string, string>();
  const changes: Change[] = [];
  for (const c of officeState(tx)) {
    const key = `${c.entity}:${c.entityId}`;
    const p = print(c.row);
    after.set(key, p);
    if (before.get(key) !== p) changes.push(c);
  }
  for (const key of before.keys()) {
    if (after.has(key)) continue;
    const [entity, entityId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (entity !== 'calendar_year') continue; // officials and the office are never deleted
    changes.push({
      entity: 'calendar_year',
      entityId,
      row: { id: entityId, updatedAt: now },
      operation: 'delete',
    });
  }
  if (changes.length === 0) return 0;
  enqueueAll(tx, now, changes);
  const value = JSON.stringify(Object.fromEntries(after));
  tx.insert(appMeta)
    .values({ key: STATE_PRINTS, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value } })
    .run();
  return changes.length;
}

/**
 * Before a push or a sync file: queues the office's changed state and up to `auditLimit`
 * audit rows, in one transaction. Returns how many rows were queued (0: nothing new, or the
 * PC is not the office's yet).
 */
export function feedOutbox(db: Db, now: number, auditLimit: number): number {
  return db.transaction((tx) => {
    if (!officeAnchored(tx)) return 0;
    return queueOfficeState(tx, now) + queueAuditRows(tx, now, auditLimit);
  });
}

/** Audit rows not queued yet (for the sync screen's count). */
export function auditBacklog(db: Db): number {
  if (!officeAnchored(db)) return 0;
  const after = db.select().from(counters).where(eq(counters.scope, AUDIT_QUEUED)).get()?.last ?? 0;
  const last = db.select().from(counters).where(eq(counters.scope, 'audit_log')).get()?.last ?? 0;
  return Math.max(0, last - after);
}

// Restore of the office itself on a new PC (restore.ts brings the dossiers): its officials,
// its settings and calendar edits, and its audit trail.
//
// Officials come back with their real usernames, names, titles and roles, disabled and with no
// password (password hashes never leave the PC): the administrator sets each a temporary
// password and enables the account, and the official chooses a new password at the first
// login. A username the new PC already uses (its set-up administrator) gets '-cu' appended.
//
// Audit rows arrive in any order among the others: they are parked at negative positions while
// the restore runs (the new PC keeps writing its own audit rows meanwhile), then the province's
// chain takes positions 1…N and the new PC's own rows are chained after it, in one transaction.
import { asc, eq, getTableColumns, gt, lt, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { GENESIS_HASH, type ChainedAuditRow } from '../../core/audit/chain';
import type { Role } from '../../core/auth/roles';
import type { RestoreRow } from '../../core/sync/protocol';
import type { Db, Tx } from '../../db/open';
import { auditLog, calendarYears, counters, deskSettings, office, users } from '../../db/schema';
import { AUDIT_COUNTER, chainHash } from '../security/audit-chain';
import { anchorAuditAt } from './office-feed';

/** The password hash of an official restored from the province: matches no password. */
export const NO_PASSWORD = '!';

export const OFFICE_RESTORE_ENTITIES = new Set([
  'user',
  'office_settings',
  'calendar_year',
  'audit_row',
]);

export interface OfficeRestoreCounts {
  officials: number;
  auditRows: number;
}

const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);

function pick(table: SQLiteTable, row: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(getTableColumns(table))) if (key in row) out[key] = row[key];
  return out;
}

function freeUsername(tx: Tx, wanted: string, id: string): string {
  const taken = (name: string) => {
    const row = tx.select({ id: users.id }).from(users).where(eq(users.username, name)).get();
    return row !== undefined && row.id !== id;
  };
  if (!taken(wanted)) return wanted;
  const base = `${wanted.slice(0, 26)}-cu`;
  let name = base;
  for (let i = 2; taken(name); i++) name = `${base}${i}`;
  return name;
}

/** An official: created disabled with no password, or (a placeholder made for a dossier that
 * arrived first, or a restore run again) given back the name and roles, never a password. */
function restoreUser(tx: Tx, r: Readonly<RestoreRow>, now: number): void {
  const username = freeUsername(
    tx,
    text(r.row.username, `may-cu-${r.entityId.slice(-8)}`),
    r.entityId,
  );
  const known = {
    username,
    fullName: text(r.row.fullName, username),
    title: text(r.row.title),
    roles: (Array.isArray(r.row.roles) ? r.row.roles : []) as Role[],
  };
  tx.insert(users)
    .values({
      id: r.entityId,
      ...known,
      passwordHash: NO_PASSWORD,
      disabled: true,
      mustChangePassword: true,
      createdAt: int(r.row.createdAt) ?? now,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: users.id, set: known })
    .run();
}

/** The office's own settings; its name and code stay those the enrolment gave. */
function restoreSettings(tx: Tx, r: Readonly<RestoreRow>, now: number): void {
  const o = tx.select().from(office).get();
  if (!o) return;
  const { province, commune, address, sessionTimeoutMinutes, backupKeep } = pick(office, r.row);
  tx.update(office)
    .set({
      ...(typeof province === 'string' ? { province } : {}),
      ...(typeof commune === 'string' ? { commune } : {}),
      ...(typeof address === 'string' ? { address } : {}),
      ...(int(sessionTimeoutMinutes)
        ? { sessionTimeoutMinutes: sessionTimeoutMinutes as number }
        : {}),
      ...(int(backupKeep) ? { backupKeep: backupKeep as number } : {}),
      updatedAt: now,
    })
    .where(eq(office.id, o.id))
    .run();
  const desk = r.row.desk;
  if (desk === null || typeof desk !== 'object') return;
  const d = pick(deskSettings, desk as Record<string, unknown>);
  delete d.id;
  if (Object.keys(d).length > 0) tx.update(deskSettings).set(d).where(eq(deskSettings.id, 1)).run();
}

/** A calendar year the office edited, unless the province published a newer one since. */
function restoreCalendarYear(tx: Tx, r: Readonly<RestoreRow>): boolean {
  const year = int(r.row.year);
  const updatedAt = int(r.row.updatedAt) ?? 0;
  if (year === null || r.row.data === null || typeof r.row.data !== 'object') return false;
  const local = tx.select().from(calendarYears).where(eq(calendarYears.year, year)).get();
  if (local && local.source === 'province' && local.updatedAt >= updatedAt) return false;
  const values = { data: r.row.data, source: 'office' as const, updatedAt };
  tx.insert(calendarYears)
    .values({ year, ...values })
    .onConflictDoUpdate({ target: calendarYears.year, set: values })
    .run();
  return true;
}

/** An audit row as the province holds it, parked at minus its position until the rebase. */
function parkAuditRow(tx: Tx, r: Readonly<RestoreRow>): void {
  const seq = int(r.row.seq);
  if (seq === null || seq < 1) return;
  const values = {
    ...pick(auditLog, r.row),
    id: r.entityId,
    seq: -seq,
  } as typeof auditLog.$inferInsert;
  tx.insert(auditLog).values(values).onConflictDoUpdate({ target: auditLog.id, set: values }).run();
}

/** Applies a page's office rows inside the page's transaction; returns whether the calendar
 * changed (the caller drops its cached calendar). */
export function applyOfficeRestoreRows(
  tx: Tx,
  rows: readonly RestoreRow[],
  now: number,
  counts: OfficeRestoreCounts,
): boolean {
  let calendar = false;
  for (const r of rows) {
    if (r.entity === 'user') {
      restoreUser(tx, r, now);
      counts.officials++;
    } else if (r.entity === 'office_settings') restoreSettings(tx, r, now);
    else if (r.entity === 'calendar_year') calendar = restoreCalendarYear(tx, r) || calendar;
    else if (r.entity === 'audit_row') {
      parkAuditRow(tx, r);
      counts.auditRows++;
    }
  }
  return calendar;
}

/**
 * Once every page is in: the province's rows take their positions, the PC's own rows follow
 * them re-chained, the chain's counter moves to the end, and the province is known to hold
 * everything up to its last row (the rows after it are pushed at the next sync).
 */
export function rebaseRestoredAudit(db: Db): void {
  db.transaction((tx) => {
    const parked = tx
      .select({ seq: sql<number | null>`min(${auditLog.seq})` })
      .from(auditLog)
      .where(lt(auditLog.seq, 0))
      .get()?.seq;
    const head = parked ? -parked : 0;
    const own = tx
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, 0))
      .orderBy(asc(auditLog.seq))
      .all();
    // Out of the way first (positions are unique), then into place.
    tx.update(auditLog)
      .set({ seq: sql`${auditLog.seq} + ${head + own.length + 1_000_000_000}` })
      .where(gt(auditLog.seq, 0))
      .run();
    tx.update(auditLog)
      .set({ seq: sql`-${auditLog.seq}` })
      .where(lt(auditLog.seq, 0))
      .run();
    let prevHash =
      head > 0
        ? (tx.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, head)).get()
            ?.hash ?? GENESIS_HASH)
        : GENESIS_HASH;
    own.forEach((r, i) => {
      const row: ChainedAuditRow = { ...r, seq: head + i + 1, prevHash };
      prevHash = chainHash(row);
      tx.update(auditLog)
        .set({ seq: row.seq, prevHash: row.prevHash, hash: prevHash })
        .where(eq(auditLog.id, r.id))
        .run();
    });
    const last = head + own.length;
    tx.insert(counters)
      .values({ scope: AUDIT_COUNTER, last })
      .onConflictDoUpdate({ target: counters.scope, set: { last } })
      .run();
    anchorAuditAt(tx, head);
  });
}

// Restore: a new PC enrolled for an existing office pulls the office's own rows back from the
// province and inserts them as they were, without queueing them for push again.
//
// Rows arrive ordered by the province's sequence of their latest change, so a step can come
// before its dossier; children wait in memory until their dossier is in. Users who made the
// changes on the old PC are recreated as disabled placeholders (the rows keep pointing at who
// did what) until their own row arrives (restore-office.ts: officials, settings, calendar
// edits and the audit trail come back too). Every page is applied in one transaction with upserts, so an interrupted restore
// simply runs again from the start.
import { and, eq, getTableColumns, max, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { AppError } from '../../core/errors';
import { gunzipSync } from 'node:zlib';
import type { RestoreResponse, RestoreRow } from '../../core/sync/protocol';
import { LIMITS, restoreResponse, sealedRestoreResponse } from '../../core/sync/protocol';
import { sealContext } from '../../core/sync/sealing';
import type { Db, Tx } from '../../db/open';
import {
  appMeta,
  attachments,
  counters,
  dossierEvents,
  dossierSteps,
  dossiers,
  procedureVersions,
  procedures,
  users,
} from '../../db/schema';
import { applyQmsRestoreRows } from '../qms/restore';
import { openSealed } from '../security/sealed-box';
import { restoreFiles } from './files';
import { RESTORE_MARK } from './office-feed';
import {
  applyOfficeRestoreRows,
  rebaseRestoredAudit,
  type OfficeRestoreCounts,
} from './restore-office';
import type { DeviceAuth, SyncHttp } from './http';
import type { Identity } from './state';

export { RESTORE_MARK };

export interface RestoreCounts extends OfficeRestoreCounts {
  dossiers: number;
  steps: number;
  events: number;
  attachments: number;
  /** Quality-system rows (records, history, acknowledgements, procedure versions). */
  qmsRows: number;
  /** Attachments whose file the province could not give back. */
  filesMissing: number;
}

/** Rows that belong to a dossier and wait for it when they arrive first. */
const CHILDREN = new Set(['dossier_step', 'dossier_event', 'attachment']);

interface RestoreRun {
  readonly counts: RestoreCounts;
  readonly waiting: Map<string, RestoreRow[]>;
  readonly missingProcedures: Set<string>;
  readonly now: number;
  /** Called when a restored calendar edit changed the working calendar. */
  readonly onCalendarChanged?: () => void;
}

function pick(table: SQLiteTable, row: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(getTableColumns(table))) {
    if (key in row) out[key] = row[key];
  }
  return out;
}

/** Makes sure a user id referenced by a restored row exists (a disabled placeholder). */
function ensureUser(tx: Tx, id: unknown, now: number): void {
  if (typeof id !== 'string' || !id) return;
  if (tx.select({ id: users.id }).from(users).where(eq(users.id, id)).get()) return;
  const tail = id.replace(/[^0-9a-z]/gi, '').slice(-8);
  let username = `may-cu-${tail}`;
  for (let i = 2; tx.select().from(users).where(eq(users.username, username)).get(); i++) {
    username = `may-cu-${tail}-${i}`;
  }
  tx.insert(users)
    .values({
      id,
      username,
      fullName: `Người dùng máy cũ (${tail})`,
      roles: [],
      passwordHash: '!',
      disabled: true,
      createdAt: now,
      updatedAt: now,
    })
    .run();
}

function upsert(tx: Tx, table: SQLiteTable, values: Record<string, unknown>, idColumn = 'id') {
  const set = { ...values };
  delete set[idColumn];
  const target = (getTableColumns(table) as Record<string, never>)[idColumn];
  // Each row in its own savepoint: a row the local schema refuses is counted, not fatal.
  tx.transaction((sp) => {
    sp.insert(table)
      .values(values as never)
      .onConflictDoUpdate({ target, set: set as never })
      .run();
  });
}

function insertDossier(tx: Tx, r: Readonly<RestoreRow>, run: RestoreRun): boolean {
  const code = typeof r.row.procedureCode === 'string' ? r.row.procedureCode : '';
  const procedure = tx
    .select({ id: procedures.id })
    .from(procedures)
    .where(eq(procedures.code, code))
    .get();
  const version =
    procedure &&
    tx
      .select({ id: procedureVersions.id })
      .from(procedureVersions)
      .where(
        and(
          eq(procedureVersions.procedureId, procedure.id),
          eq(procedureVersions.version, Number(r.row.procedureVersion)),
        ),
      )
      .get();
  if (!procedure || !version) {
    run.missingProcedures.add(
      `${code || '(không rõ)'} phiên bản ${String(r.row.procedureVersion)}`,
    );
    return false;
  }
  ensureUser(tx, r.row.receivedBy, run.now);
  upsert(tx, dossiers, {
    ...pick(dossiers, r.row),
    id: r.entityId,
    procedureId: procedure.id,
    procedureVersionId: version.id,
  });
  run.counts.dossiers++;
  return true;
}

function insertChild(tx: Tx, r: Readonly<RestoreRow>, run: RestoreRun): void {
  if (r.entity === 'dossier_step') {
    ensureUser(tx, r.row.assigneeId, run.now);
    ensureUser(tx, r.row.fromUserId, run.now);
    upsert(tx, dossierSteps, { ...pick(dossierSteps, r.row), id: r.entityId });
    run.counts.steps++;
  } else if (r.entity === 'attachment') {
    ensureUser(tx, r.row.addedBy, run.now);
    upsert(tx, attachments, { ...pick(attachments, r.row), id: r.entityId });
    run.counts.attachments++;
  } else {
    ensureUser(tx, r.row.userId, run.now);
    upsert(tx, dossierEvents, { ...pick(dossierEvents, r.row), id: r.entityId });
    run.counts.events++;
  }
}

function dossierExists(tx: Tx, id: string): boolean {
  return (
    tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, id)).get() !== undefined
  );
}

/** Applies one page of rows in one transaction. */
export function applyRestorePage(db: Db, rows: readonly RestoreRow[], run: RestoreRun): void {
  db.transaction((tx) => {
    run.counts.qmsRows += applyQmsRestoreRows(tx, rows);
    if (applyOfficeRestoreRows(tx, rows, run.now, run.counts)) run.onCalendarChanged?.();
    const arrived: string[] = [];
    for (const r of rows) {
      if (r.entity === 'dossier' && insertDossier(tx, r, run)) arrived.push(r.entityId);
    }
    for (const r of rows) {
      if (!CHILDREN.has(r.entity)) continue;
      const parent = typeof r.row.dossierId === 'string' ? r.row.dossierId : '';
      if (dossierExists(tx, parent)) insertChild(tx, r, run);
      else run.waiting.set(parent, [...(run.waiting.get(parent) ?? []), r]);
    }
    for (const id of arrived) {
      for (const child of run.waiting.get(id) ?? []) insertChild(tx, child, run);
      run.waiting.delete(id);
    }
  });
}

/** Book lines are never reused: the counters move past the restored ones. */
function advanceBookCounters(db: Db): void {
  const years = db
    .select({ year: dossiers.bookYear, last: max(dossiers.bookLine) })
    .from(dossiers)
    .groupBy(dossiers.bookYear)
    .all();
  db.transaction((tx) => {
    for (const y of years) {
      const last = y.last ?? 0;
      tx.insert(counters)
        .values({ scope: `book:${y.year}`, last })
        .onConflictDoUpdate({
          target: counters.scope,
          set: { last: sql`max(${counters.last}, ${last})` },
        })
        .run();
    }
  });
}

export function restoreAllowed(db: Db): boolean {
  const started = db.select().from(appMeta).where(eq(appMeta.key, RESTORE_MARK)).get();
  return (
    started !== undefined ||
    db.select({ id: dossiers.id }).from(dossiers).limit(1).get() === undefined
  );
}

export interface RestoreDeps {
  readonly db: () => Db;
  readonly http: SyncHttp;
  readonly auth: DeviceAuth;
  readonly identity: Identity;
  readonly now: () => number;
  readonly onProgress: (done: number) => void;
  /** Where attachments' files go; without it only their rows come back. */
  readonly dataDir?: string;
  readonly onCalendarChanged?: () => void;
}

/** A restore page, sealed by the province to this PC's X25519 key for this cursor. */
function openRestorePage(id: Identity, cursor: number, sealed: string): RestoreResponse {
  const gz = openSealed(
    id.boxKey,
    Buffer.from(sealed, 'base64'),
    sealContext.restorePage(id.deviceId, cursor),
  );
  const parsed = gz && restoreResponse.safeParse(JSON.parse(gunzipSync(gz).toString('utf8')));
  if (!parsed?.success)
    throw new AppError(
      'INVALID_INPUT',
      'Dữ liệu khôi phục nhận từ máy chủ tỉnh không mở được bằng khóa của máy này (không dành cho máy này hoặc đã bị thay đổi); chưa có gì được ghi. Hãy thử lại.',
    );
  return parsed.data;
}

export async function restoreOffice(deps: Readonly<RestoreDeps>): Promise<RestoreCounts> {
  if (!restoreAllowed(deps.db()))
    throw new AppError(
      'CONFLICT',
      'Máy này đã có hồ sơ; chỉ khôi phục được trên máy mới chưa tiếp nhận hồ sơ nào.',
    );
  deps
    .db()
    .insert(appMeta)
    .values({ key: RESTORE_MARK, value: String(deps.now()) })
    .onConflictDoNothing()
    .run();
  const run: RestoreRun = {
    counts: {
      dossiers: 0,
      steps: 0,
      events: 0,
      attachments: 0,
      qmsRows: 0,
      filesMissing: 0,
      officials: 0,
      auditRows: 0,
    },
    waiting: new Map(),
    missingProcedures: new Set(),
    now: deps.now(),
    ...(deps.onCalendarChanged ? { onCalendarChanged: deps.onCalendarChanged } : {}),
  };
  let cursor = 0;
  let received = 0;
  for (;;) {
    const sealed = await deps.auth.with(deps.http, deps.identity, (auth) =>
      deps.http.request(
        'GET',
        `/v1/restore?cursor=${cursor}&limit=${LIMITS.maxPageSize}`,
        sealedRestoreResponse,
        { auth },
      ),
    );
    const page = openRestorePage(deps.identity, cursor, sealed.sealed);
    applyRestorePage(deps.db(), page.rows, run);
    received += page.rows.length;
    deps.onProgress(received);
    if (!page.more || page.nextCursor <= cursor) break;
    cursor = page.nextCursor;
  }
  advanceBookCounters(deps.db());
  if (deps.dataDir !== undefined)
    run.counts.filesMissing = await restoreFiles({ ...deps, dataDir: deps.dataDir });
  if (run.missingProcedures.size > 0) {
    throw new AppError(
      'NOT_FOUND',
      `Chưa khôi phục được một số hồ sơ vì máy này chưa có thủ tục: ${[...run.missingProcedures]
        .slice(0, 5)
        .join(', ')}. Hãy đồng bộ danh mục thủ tục rồi khôi phục lại.`,
    );
  }
  rebaseRestoredAudit(deps.db());
  deps.db().delete(appMeta).where(eq(appMeta.key, RESTORE_MARK)).run();
  return run.counts;
}

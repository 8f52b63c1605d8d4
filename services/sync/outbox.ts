// The outbox: a snapshot of every changed office-owned row, written in the change's own
// transaction, pushed to the province later. Generic per entity: a new kind of record joins
// by adding its table to ENTITIES.
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from '../../db/open';
import {
  attachments,
  auditLog,
  calendarYears,
  dossierEvents,
  dossierSteps,
  dossiers,
  office,
  outbox,
  procedureVersions,
  procedures,
  qmsAcknowledgements,
  qmsHistory,
  qmsRecords,
  users,
} from '../../db/schema';
import { SCHEMA_VERSION } from '../../core/sync/protocol';
import { reserveCounter } from '../counters';
import { newId } from '../ids';
import { prepared } from '../prepared';

/** Version of the row snapshots this app writes (drizzle field names, camelCase): the
 * protocol's current op format. Rows queued by older builds keep theirs; the server upgrades. */
export const OP_SCHEMA_VERSION = SCHEMA_VERSION;

export const ENTITIES = {
  dossier: dossiers,
  dossier_step: dossierSteps,
  dossier_event: dossierEvents,
  attachment: attachments,
  qms_record: qmsRecords,
  qms_history: qmsHistory,
  qms_acknowledgement: qmsAcknowledgements,
  /** Rows carry the procedure's national code instead of the local procedure id. */
  procedure_version: procedureVersions,
  /** Queued from audit_log before each push (office-feed.ts), not by each change. */
  audit_row: auditLog,
  /** Without password hashes; queued when changed (office-feed.ts), like the next two. */
  user: users,
  office_settings: office,
  calendar_year: calendarYears,
} as const satisfies Record<string, SQLiteTable>;
export type SyncEntity = keyof typeof ENTITIES;

interface Change {
  readonly entity: SyncEntity;
  readonly entityId: string;
  readonly row: Record<string, unknown>;
  readonly operation?: 'upsert' | 'delete';
}

const insertOpQuery = (tx: Tx) =>
  prepared(tx, 'outbox.insert', (d) =>
    d
      .insert(outbox)
      .values({
        clientSeq: sql.placeholder('clientSeq'),
        opId: sql.placeholder('opId'),
        entity: sql.placeholder('entity'),
        entityId: sql.placeholder('entityId'),
        operation: sql.placeholder('operation'),
        row: sql.placeholder('row'),
        schemaVersion: sql.placeholder('schemaVersion'),
        createdAt: sql.placeholder('createdAt'),
      })
      .prepare(),
  );

/** Queues changes in order, with one block of consecutive client_seq numbers. */
export function enqueueAll(tx: Tx, now: number, changes: readonly Change[]): void {
  if (!changes.length) return;
  const first = reserveCounter(tx, 'outbox', changes.length);
  const insert = insertOpQuery(tx);
  changes.forEach((c, i) =>
    insert.run({
      clientSeq: first + i,
      opId: newId(),
      entity: c.entity,
      entityId: c.entityId,
      operation: c.operation ?? 'upsert',
      row: c.row,
      schemaVersion: OP_SCHEMA_VERSION,
      createdAt: now,
    }),
  );
}

export function enqueue(
  tx: Tx,
  now: number,
  entity: SyncEntity,
  entityId: string,
  row: Record<string, unknown>,
  operation: 'upsert' | 'delete' = 'upsert',
): void {
  enqueueAll(tx, now, [{ entity, entityId, row, operation }]);
}

/** The three reads of enqueueDossierChange, prepared once per connection. */
const dossierChangeQueries = (db: Db) =>
  prepared(db, 'outbox.dossierChange', (d) => ({
    dossier: d
      .select({
        dossier: dossiers,
        procedureCode: procedures.code,
        procedureName: procedures.name,
        procedureVersion: procedureVersions.version,
      })
      .from(dossiers)
      .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
      .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
      .where(eq(dossiers.id, sql.placeholder('id')))
      .prepare(),
    steps: d
      .select()
      .from(dossierSteps)
      .where(
        and(
          eq(dossierSteps.dossierId, sql.placeholder('id')),
          or(
            eq(dossierSteps.startedAt, sql.placeholder('now')),
            eq(dossierSteps.finishedAt, sql.placeholder('now')),
            isNull(dossierSteps.finishedAt),
          ),
        ),
      )
      .prepare(),
    events: d
      .select()
      .from(dossierEvents)
      .where(
        and(
          eq(dossierEvents.dossierId, sql.placeholder('id')),
          eq(dossierEvents.at, sql.placeholder('now')),
        ),
      )
      .prepare(),
  }));

/**
 * Queues what one dossier action changed at `now`: the dossier (with its procedure's
 * national code and version, which the province understands), the steps opened, closed or
 * still open, and the events written. Reads through `db`'s prepared queries, on the
 * connection `tx` is a transaction of.
 */
export function enqueueDossierChange(tx: Tx, db: Db, dossierId: string, now: number): void {
  const q = dossierChangeQueries(db);
  const d = q.dossier.get({ id: dossierId });
  if (!d) return;
  const steps = q.steps.all({ id: dossierId, now });
  const events = q.events.all({ id: dossierId, now });
  enqueueAll(tx, now, [
    {
      entity: 'dossier',
      entityId: dossierId,
      row: {
        ...d.dossier,
        procedureCode: d.procedureCode,
        procedureName: d.procedureName,
        procedureVersion: d.procedureVersion,
      },
    },
    // Steps and events have no updated_at column; the province's registry wants one per row.
    ...steps.map((s) => ({
      entity: 'dossier_step' as const,
      entityId: s.id,
      row: { ...s, updatedAt: now },
    })),
    ...events.map((e) => ({
      entity: 'dossier_event' as const,
      entityId: e.id,
      row: { ...e, updatedAt: e.at },
    })),
  ]);
}

// The outbox: a snapshot of every changed office-owned row, written in the change's own
// transaction, pushed to the province later. Generic per entity: a new kind of record joins
// by adding its table to ENTITIES.
import { and, eq, isNull, or } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../../db/open';
import {
  dossierEvents,
  dossierSteps,
  dossiers,
  outbox,
  procedureVersions,
  procedures,
} from '../../db/schema';
import { SCHEMA_VERSION } from '../../core/sync/protocol';
import { nextCounter } from '../counters';

/** Version of the row snapshots this app writes (drizzle field names, camelCase): the
 * protocol's current op format. Rows queued by older builds keep theirs; the server upgrades. */
export const OP_SCHEMA_VERSION = SCHEMA_VERSION;

export const ENTITIES = {
  dossier: dossiers,
  dossier_step: dossierSteps,
  dossier_event: dossierEvents,
} as const satisfies Record<string, SQLiteTable>;
export type SyncEntity = keyof typeof ENTITIES;

export function enqueue(
  tx: Tx,
  now: number,
  entity: SyncEntity,
  entityId: string,
  row: Record<string, unknown>,
  operation: 'upsert' | 'delete' = 'upsert',
): void {
  tx.insert(outbox)
    .values({
      clientSeq: nextCounter(tx, 'outbox'),
      opId: uuidv7(),
      entity,
      entityId,
      operation,
      row,
      schemaVersion: OP_SCHEMA_VERSION,
      createdAt: now,
    })
    .run();
}

/**
 * Queues what one dossier action changed at `now`: the dossier (with its procedure's
 * national code and version, which the province understands), the steps opened, closed or
 * still open, and the events written.
 */
export function enqueueDossierChange(tx: Tx, dossierId: string, now: number): void {
  const d = tx
    .select({
      dossier: dossiers,
      procedureCode: procedures.code,
      procedureVersion: procedureVersions.version,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(eq(dossiers.id, dossierId))
    .get();
  if (!d) return;
  enqueue(tx, now, 'dossier', dossierId, {
    ...d.dossier,
    procedureCode: d.procedureCode,
    procedureVersion: d.procedureVersion,
  });
  const steps = tx
    .select()
    .from(dossierSteps)
    .where(
      and(
        eq(dossierSteps.dossierId, dossierId),
        or(
          eq(dossierSteps.startedAt, now),
          eq(dossierSteps.finishedAt, now),
          isNull(dossierSteps.finishedAt),
        ),
      ),
    )
    .all();
  // Steps and events have no updated_at column; the province's registry wants one per row.
  for (const s of steps) enqueue(tx, now, 'dossier_step', s.id, { ...s, updatedAt: now });
  const events = tx
    .select()
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierId, dossierId), eq(dossierEvents.at, now)))
    .all();
  for (const e of events) enqueue(tx, now, 'dossier_event', e.id, { ...e, updatedAt: e.at });
}

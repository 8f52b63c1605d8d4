// What offices pushed: every accepted op (append-only), the rejected ones (for the dashboard),
// and the latest snapshot of each entity row (for restore and the dashboard's figures).
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { devices } from './devices';
import { offices } from './offices';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const ops = pgTable(
  'ops',
  {
    /** The only order the server knows: assigned at apply time, never from a client clock. */
    serverSeq: bigserial('server_seq', { mode: 'number' }).primaryKey(),
    opId: uuid('op_id').notNull().unique(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    clientSeq: bigint('client_seq', { mode: 'number' }).notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    operation: text('operation').notNull(),
    /** After upgrade to the current schema. */
    row: jsonb('row').$type<Record<string, unknown>>().notNull(),
    /** As sent, before any upgrade. */
    schemaVersion: integer('schema_version').notNull(),
    clientTime: bigint('client_time', { mode: 'number' }).notNull(),
    receivedAt: at('received_at').notNull(),
    /** 'push' or 'file' (a USB sync file uploaded by the province). */
    source: text('source').notNull(),
  },
  (t) => [
    unique('ops_device_seq_uq').on(t.deviceId, t.clientSeq),
    index('ops_office_seq_idx').on(t.officeId, t.serverSeq),
  ],
);

export const rejectedOps = pgTable(
  'rejected_ops',
  {
    opId: uuid('op_id').primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    clientSeq: bigint('client_seq', { mode: 'number' }).notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    reason: text('reason').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [index('rejected_ops_office_idx').on(t.officeId)],
);

export const entities = pgTable(
  'entities',
  {
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    row: jsonb('row').$type<Record<string, unknown>>().notNull(),
    deleted: boolean('deleted').notNull(),
    serverSeq: bigint('server_seq', { mode: 'number' }).notNull(),
    /** Writer of the snapshot: a late, lower client_seq of the same device never overwrites. */
    deviceId: uuid('device_id').notNull(),
    clientSeq: bigint('client_seq', { mode: 'number' }).notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.entity, t.entityId] }),
    index('entities_office_seq_idx').on(t.officeId, t.serverSeq),
  ],
);

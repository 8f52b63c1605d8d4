// The offices' audit trails as the province holds them: every row's place in its office's hash
// chain (core/audit/chain.ts), and each break of continuity found when rows arrived. A row the
// province holds is never replaced: a rewritten copy sent later is recorded as a break.
import {
  bigint,
  bigserial,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { offices } from './offices';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const auditChain = pgTable(
  'audit_chain',
  {
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    rowId: text('row_id').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** When the row was written on the office's PC (its clock). */
    rowAt: bigint('row_at', { mode: 'number' }).notNull(),
    deviceId: uuid('device_id').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.seq] })],
);

export const auditBreaks = pgTable(
  'audit_breaks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    deviceId: uuid('device_id').notNull(),
    foundAt: at('found_at').notNull(),
    /** core/audit/continuity.ts ProvinceBreakKind. */
    kind: text('kind').notNull(),
    /** The first row that does not hold, as the office sent it. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    rowId: text('row_id').notNull(),
    rowAt: bigint('row_at', { mode: 'number' }),
    summary: text('summary'),
    message: text('message').notNull(),
  },
  (t) => [index('audit_breaks_office_idx').on(t.officeId, t.id)],
);

// Each office's quality-system status as the province last computed it (server/province/
// qms-status.ts): kept so the province-wide table reads 3,300 small rows instead of every
// record and dossier. A row holds while the office has pushed nothing since (`seq`, its
// highest entity server_seq then), the year is the same and the day is not past `valid_until`.
import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { offices } from './offices';

export const officeQmsStatus = pgTable('office_qms_status', {
  officeId: uuid('office_id')
    .primaryKey()
    .references(() => offices.id),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  year: integer('year').notNull(),
  /** The last civil day the figures hold (a deadline or review date passes after it). */
  validUntil: text('valid_until').notNull(),
  status: jsonb('status').$type<Record<string, unknown>>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
});

// Each office's figures for the province's overview of offices (GET /v1/admin/offices), as
// last computed (server/province/office-figures.ts): its dossier figures, quality-system
// document figures and op count, kept so the overview reads one small row per office instead
// of every dossier of the province. A row holds while the office has pushed nothing since
// (`seq`, its highest server_seq then) and the clock is not past `valid_until` (the next month,
// the next open dossier falling due, the next document review date passing).
import { bigint, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { offices } from './offices';

export const officeFigures = pgTable('office_figures', {
  officeId: uuid('office_id')
    .primaryKey()
    .references(() => offices.id),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** The last instant (ms) the figures hold. */
  validUntil: bigint('valid_until', { mode: 'number' }).notNull(),
  figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
});

// Working-time settings as data: office hours and each year's official overrides (days off,
// swapped working Saturdays). The province will publish these through sync later.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const calendarYears = sqliteTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** core/calendar YearOverrides JSON. */
  data: text('data', { mode: 'json' }).notNull(),
  source: text('source', { enum: ['seed', 'office', 'province'] }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** One row: the desk's configurable rules. */
export const deskSettings = sqliteTable('desk_settings', {
  id: integer('id').primaryKey(),
  officeHours: text('office_hours', { mode: 'json' }).notNull(),
  codeFormat: text('code_format').notNull(),
  /** What a supplement request does to the clock: pause it, or restart the full time limit. */
  supplementRule: text('supplement_rule', { enum: ['pause', 'restart'] }).notNull(),
  collectPlace: text('collect_place').notNull().default(''),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Monotonic counters (dossier code sequences, tracking-book lines): never reused. A WITHOUT
 * ROWID table (migration 0017, which drizzle does not model): a table rebuild generated for
 * a change here must keep it so.
 */
export const counters = sqliteTable('counters', {
  scope: text('scope').primaryKey(),
  last: integer('last').notNull(),
});

// The office this installation belongs to (one row) and app-level key/value metadata.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const office = sqliteTable('office', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  agencyCode: text('agency_code').notNull(),
  province: text('province').notNull(),
  commune: text('commune').notNull(),
  address: text('address').notNull().default(''),
  sessionTimeoutMinutes: integer('session_timeout_minutes').notNull().default(15),
  backupKeep: integer('backup_keep').notNull().default(14),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// Audit log: one row per state change, written in the change's own transaction.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    operation: text('operation').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

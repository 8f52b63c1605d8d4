// Audit log: one row per state change, written in the change's own transaction. The rows form
// a hash chain (services/security/audit-chain.ts): each carries its position, the previous
// row's hash and its own, so an edit, a deletion, an insertion or a reordering shows.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
    /** Position in the chain, 1, 2, 3… (null only on rows from before the chain, until sealed). */
    seq: integer('seq'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    uniqueIndex('audit_log_seq_uq').on(t.seq),
    // One record's rows (who viewed a citizen's dossier: services/desk/access-log.ts).
    index('audit_log_entity_idx').on(t.entityId, t.at),
  ],
);

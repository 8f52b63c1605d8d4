// "Đã đọc và hiểu": who acknowledged which revision of a document, and when.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const qmsAcknowledgements = sqliteTable(
  'qms_acknowledgements',
  {
    id: text('id').primaryKey(),
    revisionId: text('revision_id').notNull(),
    documentId: text('document_id').notNull(),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    uniqueIndex('qms_ack_revision_user_uq').on(t.revisionId, t.userId),
    index('qms_ack_user_idx').on(t.userId, t.revisionId),
  ],
);

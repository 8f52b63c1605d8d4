// Scanned documents attached to a dossier. The bytes live in the data folder, addressed by
// their sha256 (services/file-store.ts); a row names the file, its type and who added it.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { dossiers } from './dossiers';
import { users } from './users';

export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** Lower-case hex; also the file's name under <dataDir>/files/. */
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    /** As the user's file was called, for display and for saving it again. */
    fileName: text('file_name').notNull(),
    addedBy: text('added_by')
      .notNull()
      .references(() => users.id),
    addedAt: integer('added_at').notNull(),
    /** Set when a disposal decision erased the scan: the row stays, the file is removed. */
    erasedAt: integer('erased_at'),
  },
  (t) => [
    index('attachments_dossier_idx').on(t.dossierId, t.addedAt),
    index('attachments_sha256_idx').on(t.sha256),
  ],
);

// The province's published feed (catalog, calendar, form templates, notices, app updates),
// read by every office by cursor.
import {
  bigserial,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { provinceUsers } from './offices';

export const feed = pgTable(
  'feed',
  {
    serverSeq: bigserial('server_seq', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    publishedBy: uuid('published_by').references(() => provinceUsers.id),
  },
  (t) => [unique('feed_kind_key_version_uq').on(t.kind, t.key, t.version)],
);

// App releases the province publishes from its updates directory: what latest.yml says about
// each (size and sha512 measured by the server), and how far its staged rollout has gone.
import { bigint, boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { provinceUsers } from './offices';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const releases = pgTable('app_releases', {
  version: text('version').primaryKey(),
  file: text('file').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  /** base64, as electron-builder writes it. */
  sha512: text('sha512').notNull(),
  blockMap: boolean('block_map').notNull(),
  notes: text('notes').notNull(),
  stagingPercentage: integer('staging_percentage').notNull(),
  paused: boolean('paused').notNull().default(false),
  releasedAt: at('released_at').notNull(),
  releasedBy: uuid('released_by').references(() => provinceUsers.id),
  changedAt: at('changed_at').notNull(),
  withdrawnAt: at('withdrawn_at'),
});

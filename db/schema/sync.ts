// Office → province sync: the outbox (one row per change to office-owned data, written in
// the change's transaction) and this device's sync identity and cursors.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const outbox = sqliteTable(
  'outbox',
  {
    /** Per-device counter, only increases; the server dedupes on (device, clientSeq) and opId. */
    clientSeq: integer('client_seq').primaryKey(),
    opId: text('op_id').notNull().unique(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    operation: text('operation', { enum: ['upsert', 'delete'] }).notNull(),
    row: text('row', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** Client clock, stored for people to read; never used for ordering. */
    createdAt: integer('created_at').notNull(),
    status: text('status', { enum: ['pending', 'rejected'] })
      .notNull()
      .default('pending'),
    rejectedReason: text('rejected_reason'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('outbox_status_idx').on(t.status, t.clientSeq)],
);

/** One row: the device identity after enrollment, cursors and the last sync outcome. */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  serverUrl: text('server_url'),
  deviceId: text('device_id'),
  officeId: text('office_id'),
  /** Ed25519 private key (PKCS#8 DER, base64); it never leaves this PC. */
  privateKey: text('private_key'),
  publicKey: text('public_key'),
  pullCursor: integer('pull_cursor').notNull().default(0),
  lastSyncAt: integer('last_sync_at'),
  lastError: text('last_error'),
  enrolledAt: integer('enrolled_at'),
  /** The office as the province knows it (the USB sync file must name its agency code). */
  officeAgencyCode: text('office_agency_code'),
  officeName: text('office_name'),
});

/**
 * Every province feed entry received, by server_seq: catalog and calendar entries are applied
 * as they arrive (and kept to compare versions); the rest (form templates, notices, update
 * manifests) wait here for the screens that will use them; an entry that failed validation
 * carries the error, so nothing the province sent is silently lost.
 */
export const syncFeed = sqliteTable(
  'sync_feed',
  {
    serverSeq: integer('server_seq').primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    /** Province clock, for display. */
    publishedAt: integer('published_at').notNull(),
    /** Why it was not applied; null when it was stored for later without a problem. */
    error: text('error'),
  },
  (t) => [index('sync_feed_kind_idx').on(t.kind, t.key)],
);

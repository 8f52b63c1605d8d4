// Enrolled devices (one Ed25519 public key each) and their auth challenges and tokens.
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { offices } from './offices';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    name: text('name').notNull(),
    /** Raw Ed25519 public key, base64url (JWK x). The private key never leaves the PC. */
    publicKey: text('public_key').notNull().unique(),
    /** Raw X25519 public key, base64url: restore pages, restored scans, reply files and
     * released escrows are sealed to it. Null for a device enrolled before it had one. */
    sealPublicKey: text('seal_public_key'),
    enrolledAt: at('enrolled_at').notNull(),
    revokedAt: at('revoked_at'),
    lastSeenAt: at('last_seen_at'),
    appVersion: text('app_version').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** Ops waiting in the device's outbox, as the device last reported them (dashboard figure). */
    pendingOps: integer('pending_ops'),
    /** Ops the device holds as rejected, as it last reported them. */
    rejectedOps: integer('rejected_ops'),
    pendingReportedAt: at('pending_reported_at'),
    /** The device's updater as it last reported it (x-isoxa-update): phase, version, error. */
    updatePhase: text('update_phase'),
    updateVersion: text('update_version'),
    updateError: text('update_error'),
    updateReportedAt: at('update_reported_at'),
  },
  (t) => [index('devices_office_idx').on(t.officeId)],
);

export const authChallenges = pgTable(
  'auth_challenges',
  {
    nonceHash: text('nonce_hash').primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('auth_challenges_device_idx').on(t.deviceId)],
);

export const authTokens = pgTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    /** Copied from the device at issue: every request is scoped to it. */
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('auth_tokens_device_idx').on(t.deviceId)],
);

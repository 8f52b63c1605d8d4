// The offices' data keys held in escrow: each sealed by the office to the province's X25519
// key (server/security/seal-key.ts), so only this server can open them, and only when a
// province administrator releases one to a new PC of the same office; every release is kept
// (who, when, why, for which device) and is the audit trail of who could open which office.
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices';
import { offices } from './offices';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const keyEscrows = pgTable(
  'key_escrows',
  {
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    /** The office's key id (sha-256 derived, reveals nothing of the key). */
    keyId: text('key_id').notNull(),
    /** The data key sealed to the province (core/sync/sealing.ts escrow), base64. */
    sealed: text('sealed').notNull(),
    /** The device that sent it. */
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.keyId] })],
);

export const escrowReleases = pgTable(
  'escrow_releases',
  {
    id: uuid('id').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    keyId: text('key_id').notNull(),
    /** The device the key was re-sealed to (an enrolled, not revoked PC of the same office). */
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    /** The data key sealed to that device (core/sync/sealing.ts escrowRelease), base64. */
    sealed: text('sealed').notNull(),
    releasedBy: text('released_by').notNull(),
    reason: text('reason').notNull(),
    releasedAt: at('released_at').notNull(),
    /** When the device took it. */
    fetchedAt: at('fetched_at'),
  },
  (t) => [index('escrow_releases_device_idx').on(t.deviceId)],
);

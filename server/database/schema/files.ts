// Files offices upload (scanned documents), per office and sha256: how much has arrived, when
// the whole was verified, and the bytes themselves as chunks in bytea (PGlite stores them too).
import {
  bigint,
  customType,
  foreignKey,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { devices } from './devices';
import { offices } from './offices';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** node-postgres gives a Buffer, PGlite a Uint8Array: both come out as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const files = pgTable(
  'files',
  {
    /** A file belongs to one office: another office holding the same bytes has its own row. */
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Bytes held, contiguous from 0: where the next chunk must start. */
    received: bigint('received', { mode: 'number' }).notNull(),
    /** Set once the bytes hash to sha256; from then on the file never changes. */
    verifiedAt: at('verified_at'),
    /** The device that sent the last chunk. */
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.sha256] })],
);

export const fileChunks = pgTable(
  'file_chunks',
  {
    officeId: uuid('office_id').notNull(),
    sha256: text('sha256').notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.sha256, t.offset] }),
    foreignKey({
      columns: [t.officeId, t.sha256],
      foreignColumns: [files.officeId, files.sha256],
    }).onDelete('cascade'),
  ],
);

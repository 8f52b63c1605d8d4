// Offices of the province, the province's own users, and one-time enrollment codes.
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const offices = pgTable('offices', {
  id: uuid('id').primaryKey(),
  agencyCode: text('agency_code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: at('created_at').notNull(),
});

export const provinceUsers = pgTable('province_users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** scrypt$N$r$p$salt$hash, see services/passwords.ts (shared with the office app) */
  passwordHash: text('password_hash').notNull(),
  createdAt: at('created_at').notNull(),
  disabledAt: at('disabled_at'),
  /** Wrong passwords in a row, and the progressive lock they set (services/passwords.ts). */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: at('locked_until'),
});

export const adminSessions = pgTable(
  'admin_sessions',
  {
    /** sha256 of the cookie value: a database leak does not hand out sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => provinceUsers.id),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('admin_sessions_user_idx').on(t.userId)],
);

export const enrollmentCodes = pgTable(
  'enrollment_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    createdBy: uuid('created_by').references(() => provinceUsers.id),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    usedByDevice: uuid('used_by_device'),
  },
  (t) => [index('enrollment_codes_office_idx').on(t.officeId)],
);

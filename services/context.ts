// What every handler receives: the database, the caller, the clock, the platform; and the
// one way to change data: write(), a transaction that also writes the audit-log row.
import type { Permission, Role } from '../core/auth/roles';
import { hasPermission } from '../core/auth/roles';
import { AppError } from '../core/errors';
import type { Connection, Db, Tx } from '../db/open';
import type { Platform } from './platform';
import { newId } from './ids';
import { appendAudit } from './security/audit-chain';
import type { SessionStore } from './sessions';

export interface CurrentUser {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly roles: readonly Role[];
}

export interface Ctx {
  readonly conn: Connection;
  readonly db: Db;
  readonly user: CurrentUser | null;
  readonly sessionKey: string;
  readonly sessions: SessionStore;
  readonly platform: Platform;
  readonly dataDir: string;
  readonly now: () => number;
  /** Replaces the live connection (restore from backup). */
  readonly swapConnection: (next: Connection) => void;
  readonly migrationsDir: string;
  readonly resourcesDir: string;
  /** Derived data (the working calendar) cached per connection; cleared on restore. */
  readonly cache: Map<string, unknown>;
}

export interface AuditEntry {
  readonly operation: string;
  readonly entity: string;
  readonly entityId?: string | null;
  readonly summary: string;
}

export function requireUser(ctx: Ctx): CurrentUser {
  if (!ctx.user) throw new AppError('NOT_AUTHENTICATED');
  return ctx.user;
}

export function requirePermission(ctx: Ctx, permission: Permission): CurrentUser {
  const user = requireUser(ctx);
  if (!hasPermission(user.roles, permission)) throw new AppError('FORBIDDEN');
  return user;
}

export { newId } from './ids';

/** Runs fn in one transaction and records the audit entry it returns alongside its result. */
export function write<T>(ctx: Ctx, fn: (tx: Tx) => { result: T; audit: AuditEntry }): T {
  return ctx.db.transaction((tx) => {
    const { result, audit } = fn(tx);
    appendAudit(ctx.db, tx, {
      id: newId(),
      at: ctx.now(),
      actorId: ctx.user?.id ?? null,
      actorName: ctx.user?.fullName ?? null,
      operation: audit.operation,
      entity: audit.entity,
      entityId: audit.entityId ?? null,
      summary: audit.summary,
    });
    return result;
  });
}

// The one path every call takes, whatever the transport (IPC, HTTP, tests): known name,
// input parsed by its schema, session resolved (with inactivity timeout), permission
// checked, handler run, output checked, errors turned into { ok: false, error }.
import { eq, sql } from 'drizzle-orm';
import { contract, isOpName } from '../core/contract';
import { hasPermission } from '../core/auth/roles';
import { AppError, type Result } from '../core/errors';
import { issueTexts, vietnameseZodError } from '../core/messages/labels';
import { Database, type Db } from '../db/open';
import { office, users } from '../db/schema';
import type { Ctx, CurrentUser } from './context';
import type { Handlers } from './handlers';
import { prepared } from './prepared';

export type CtxBase = Omit<Ctx, 'user' | 'sessionKey'>;

function fail(error: AppError): Result<never> {
  return { ok: false, error: error.toShape() };
}

/** What a user who must change their password may still do (the services enforce it, not
 * only the screen). */
const WHILE_PASSWORD_CHANGE_DUE: ReadonlySet<string> = new Set([
  'auth.changePassword',
  'auth.logout',
]);

/** What every call reads (the caller and the inactivity timeout), prepared once per connection. */
const callQueries = (db: Db) =>
  prepared(db, 'dispatch.call', (d) => ({
    user: d
      .select({
        id: users.id,
        username: users.username,
        fullName: users.fullName,
        roles: users.roles,
        disabled: users.disabled,
        mustChangePassword: users.mustChangePassword,
      })
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare(),
    timeout: d.select({ m: office.sessionTimeoutMinutes }).from(office).prepare(),
  }));

function loadUser(
  base: CtxBase,
  userId: string,
): (CurrentUser & { mustChangePassword: boolean }) | null {
  const row = callQueries(base.db).user.get({ id: userId });
  if (!row || row.disabled) return null;
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    roles: row.roles,
    mustChangePassword: row.mustChangePassword,
  };
}

function sessionTimeoutMs(base: CtxBase): number {
  const row = callQueries(base.db).timeout.get();
  return (row?.m ?? 15) * 60_000;
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Database.SqliteError) {
    if (error.code.startsWith('SQLITE_CORRUPT') || error.code === 'SQLITE_NOTADB')
      return new AppError('DB_CORRUPT');
    if (error.code.startsWith('SQLITE_CONSTRAINT')) return new AppError('CONFLICT');
  }
  // Core rules reject impossible values (dates, counts) with a Vietnamese RangeError.
  if (error instanceof RangeError) return new AppError('INVALID_INPUT', error.message);
  console.error('[isoxa] internal error', error);
  return new AppError('INTERNAL');
}

export function createDispatcher(handlers: Handlers, getBase: () => CtxBase) {
  return async function call(
    sessionKey: string,
    name: string,
    rawInput: unknown,
  ): Promise<Result<unknown>> {
    if (!isOpName(name)) return fail(new AppError('UNKNOWN_OPERATION'));
    const def = contract[name];
    const parsed = def.input.safeParse(rawInput, { error: vietnameseZodError });
    if (!parsed.success)
      return fail(new AppError('INVALID_INPUT', undefined, issueTexts(parsed.error)));
    const base = getBase();
    try {
      let user: (CurrentUser & { mustChangePassword: boolean }) | null = null;
      const entry = base.sessions.resolve(sessionKey, base.now(), sessionTimeoutMs(base));
      if (entry === 'expired') {
        if (def.access !== 'public') return fail(new AppError('SESSION_EXPIRED'));
      } else if (entry) {
        user = loadUser(base, entry.userId);
        if (!user) base.sessions.delete(sessionKey);
      }
      if (def.access !== 'public') {
        if (!user) return fail(new AppError('NOT_AUTHENTICATED'));
        if (def.access !== 'user' && !hasPermission(user.roles, def.access))
          return fail(new AppError('FORBIDDEN'));
        if (user.mustChangePassword && !WHILE_PASSWORD_CHANGE_DUE.has(name))
          return fail(new AppError('PASSWORD_CHANGE_REQUIRED'));
      }
      const handler = handlers[name] as (ctx: Ctx, input: unknown) => unknown;
      const current: CurrentUser | null = user && {
        id: user.id,
        username: user.username,
        fullName: user.fullName,
        roles: user.roles,
      };
      const value = await handler({ ...base, user: current, sessionKey }, parsed.data);
      return { ok: true, value: def.output.parse(value) };
    } catch (error) {
      return fail(toAppError(error));
    }
  };
}

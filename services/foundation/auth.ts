// Login with a progressive lockout, logout, password change. Unknown user, wrong password and
// locked account get the same answer after the same work (one scrypt derivation), so neither
// the message nor the timing tells which usernames exist or are locked.
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { users } from '../../db/schema';
import { requireUser, write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { hashPassword, lockoutMs, requireGoodPassword, verifyPassword } from '../passwords';
import { sessionView } from './setup';

export { LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from '../passwords';

function findByUsername(ctx: Ctx, username: string) {
  return ctx.db.select().from(users).where(eq(users.username, username)).get();
}

function recordFailure(ctx: Ctx, row: typeof users.$inferSelect): AppError {
  const attempts = row.failedAttempts + 1;
  const lockMs = lockoutMs(attempts);
  write(ctx, (tx) => {
    tx.update(users)
      .set({ failedAttempts: attempts, lockedUntil: lockMs > 0 ? ctx.now() + lockMs : null })
      .where(eq(users.id, row.id))
      .run();
    return {
      result: undefined,
      audit: {
        operation: lockMs > 0 ? 'auth.lockout' : 'auth.loginFailed',
        entity: 'user',
        entityId: row.id,
        summary:
          lockMs > 0
            ? `Khóa tạm tài khoản ${row.username} ${Math.round(lockMs / 60_000)} phút sau ${attempts} lần sai mật khẩu liên tiếp`
            : `Đăng nhập sai mật khẩu: ${row.username}`,
      },
    };
  });
  return new AppError('BAD_CREDENTIALS');
}

export const authHandlers: PartialHandlers = {
  'auth.login': async (ctx, input) => {
    const row = findByUsername(ctx, input.username);
    const good = await verifyPassword(input.password, row?.passwordHash ?? null);
    if (!row) throw new AppError('BAD_CREDENTIALS');
    // A lock holds even against the right password; it is not counted again, so waiting it
    // out always works.
    if (row.lockedUntil && row.lockedUntil > ctx.now()) throw new AppError('BAD_CREDENTIALS');
    if (!good) throw recordFailure(ctx, row);
    if (row.disabled) throw new AppError('ACCOUNT_DISABLED');
    write(ctx, (tx) => {
      tx.update(users)
        .set({ failedAttempts: 0, lockedUntil: null })
        .where(eq(users.id, row.id))
        .run();
      return {
        result: undefined,
        audit: {
          operation: 'auth.login',
          entity: 'user',
          entityId: row.id,
          summary: `Đăng nhập: ${row.username}`,
        },
      };
    });
    ctx.sessions.set(ctx.sessionKey, row.id, ctx.now());
    return sessionView(ctx, { ...row, failedAttempts: 0, lockedUntil: null });
  },
  'auth.logout': (ctx) => {
    ctx.sessions.delete(ctx.sessionKey);
    return { done: true as const };
  },
  'auth.changePassword': async (ctx, input) => {
    const me = requireUser(ctx);
    const row = ctx.db.select().from(users).where(eq(users.id, me.id)).get();
    if (!row || !(await verifyPassword(input.current, row.passwordHash)))
      throw new AppError('WRONG_PASSWORD');
    if (input.next.normalize('NFC') === input.current.normalize('NFC'))
      throw new AppError('SAME_PASSWORD');
    await requireGoodPassword(input.next, [row.username, row.fullName]);
    const passwordHash = await hashPassword(input.next);
    write(ctx, (tx) => {
      tx.update(users)
        .set({ passwordHash, mustChangePassword: false, updatedAt: ctx.now() })
        .where(eq(users.id, me.id))
        .run();
      return {
        result: undefined,
        audit: {
          operation: 'auth.changePassword',
          entity: 'user',
          entityId: me.id,
          summary: 'Đổi mật khẩu',
        },
      };
    });
    return { done: true as const };
  },
};

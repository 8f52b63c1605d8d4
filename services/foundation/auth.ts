// Login with lockout after repeated failures, logout, password change.
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { users } from '../../db/schema';
import { requireUser, write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { hashPassword, verifyPassword } from '../passwords';
import { sessionView } from './setup';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60_000;

function findByUsername(ctx: Ctx, username: string) {
  return ctx.db.select().from(users).where(eq(users.username, username)).get();
}

function recordFailure(ctx: Ctx, row: typeof users.$inferSelect): AppError {
  const attempts = row.failedAttempts + 1;
  const locks = attempts >= MAX_FAILED_ATTEMPTS;
  write(ctx, (tx) => {
    tx.update(users)
      .set({
        failedAttempts: locks ? 0 : attempts,
        lockedUntil: locks ? ctx.now() + LOCKOUT_MS : row.lockedUntil,
      })
      .where(eq(users.id, row.id))
      .run();
    return {
      result: undefined,
      audit: {
        operation: locks ? 'auth.lockout' : 'auth.loginFailed',
        entity: 'user',
        entityId: row.id,
        summary: locks
          ? `Khóa tạm tài khoản ${row.username} sau ${MAX_FAILED_ATTEMPTS} lần sai mật khẩu`
          : `Đăng nhập sai mật khẩu: ${row.username}`,
      },
    };
  });
  return new AppError(locks ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
}

export const authHandlers: PartialHandlers = {
  'auth.login': async (ctx, input) => {
    const row = findByUsername(ctx, input.username);
    if (!row) {
      // Same work and answer as a wrong password, so usernames cannot be probed.
      await verifyPassword(input.password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
      throw new AppError('BAD_CREDENTIALS');
    }
    if (row.lockedUntil && row.lockedUntil > ctx.now()) throw new AppError('ACCOUNT_LOCKED');
    const good = await verifyPassword(input.password, row.passwordHash);
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

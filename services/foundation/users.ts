// User administration: create, edit roles, disable, reset password. Never leaves the office
// without an enabled admin.
import { and, eq, ne } from 'drizzle-orm';
import { ROLE_LABELS } from '../../core/auth/roles';
import { AppError } from '../../core/errors';
import type { Tx } from '../../db/open';
import { users } from '../../db/schema';
import { newId, write } from '../context';
import type { PartialHandlers } from '../handlers';
import { hashPassword, requireGoodPassword } from '../passwords';
import { toUserView } from './views';

function getUser(tx: Tx, id: string) {
  const row = tx.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** True when some enabled user other than `exceptId` holds the admin role. */
function anotherAdminExists(tx: Tx, exceptId: string): boolean {
  return tx
    .select({ roles: users.roles })
    .from(users)
    .where(and(ne(users.id, exceptId), eq(users.disabled, false)))
    .all()
    .some((u) => u.roles.includes('admin'));
}

const roleNames = (roles: readonly (keyof typeof ROLE_LABELS)[]) =>
  roles.map((r) => ROLE_LABELS[r]).join(', ');

export const userHandlers: PartialHandlers = {
  'users.list': (ctx) =>
    ctx.db
      .select()
      .from(users)
      .all()
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'))
      .map(toUserView),
  'users.create': async (ctx, input) => {
    await requireGoodPassword(input.password, [input.username, input.fullName]);
    const passwordHash = await hashPassword(input.password);
    return write(ctx, (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get()) {
        throw new AppError('USERNAME_TAKEN');
      }
      const at = ctx.now();
      const row = tx
        .insert(users)
        .values({
          id: newId(),
          username: input.username,
          fullName: input.fullName,
          title: input.title,
          roles: input.roles,
          passwordHash,
          mustChangePassword: true,
          createdAt: at,
          updatedAt: at,
        })
        .returning()
        .get();
      return {
        result: toUserView(row),
        audit: {
          operation: 'users.create',
          entity: 'user',
          entityId: row.id,
          summary: `Tạo tài khoản ${row.username} (${roleNames(row.roles)})`,
        },
      };
    });
  },
  'users.update': (ctx, input) =>
    write(ctx, (tx) => {
      const before = getUser(tx, input.id);
      if (
        before.roles.includes('admin') &&
        !input.roles.includes('admin') &&
        !anotherAdminExists(tx, input.id)
      ) {
        throw new AppError('LAST_ADMIN');
      }
      const row = tx
        .update(users)
        .set({
          fullName: input.fullName,
          title: input.title,
          roles: input.roles,
          updatedAt: ctx.now(),
        })
        .where(eq(users.id, input.id))
        .returning()
        .get();
      return {
        result: toUserView(row),
        audit: {
          operation: 'users.update',
          entity: 'user',
          entityId: row.id,
          summary: `Cập nhật ${row.username}: ${roleNames(row.roles)}`,
        },
      };
    }),
  'users.setDisabled': (ctx, input) => {
    const view = write(ctx, (tx) => {
      const before = getUser(tx, input.id);
      if (input.disabled && before.roles.includes('admin') && !anotherAdminExists(tx, input.id)) {
        throw new AppError('LAST_ADMIN');
      }
      const row = tx
        .update(users)
        .set({ disabled: input.disabled, updatedAt: ctx.now() })
        .where(eq(users.id, input.id))
        .returning()
        .get();
      return {
        result: toUserView(row),
        audit: {
          operation: 'users.setDisabled',
          entity: 'user',
          entityId: row.id,
          summary: `${input.disabled ? 'Vô hiệu hóa' : 'Kích hoạt lại'} tài khoản ${row.username}`,
        },
      };
    });
    if (input.disabled) ctx.sessions.deleteUser(input.id);
    return view;
  },
  'users.resetPassword': async (ctx, input) => {
    const target = ctx.db.select().from(users).where(eq(users.id, input.id)).get();
    await requireGoodPassword(input.password, target ? [target.username, target.fullName] : []);
    const passwordHash = await hashPassword(input.password);
    const view = write(ctx, (tx) => {
      getUser(tx, input.id);
      const row = tx
        .update(users)
        .set({
          passwordHash,
          mustChangePassword: true,
          failedAttempts: 0,
          lockedUntil: null,
          updatedAt: ctx.now(),
        })
        .where(eq(users.id, input.id))
        .returning()
        .get();
      return {
        result: toUserView(row),
        audit: {
          operation: 'users.resetPassword',
          entity: 'user',
          entityId: row.id,
          summary: `Đặt lại mật khẩu cho ${row.username}`,
        },
      };
    });
    ctx.sessions.deleteUser(input.id);
    return view;
  },
};

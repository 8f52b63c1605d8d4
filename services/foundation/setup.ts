// First run: create the office and its first admin, or a demo office with one user per role,
// empty or lived in for some months (services/foundation/demo).
import { ROLE_LABELS, permissionsOf, type Role } from '../../core/auth/roles';
import { AppError } from '../../core/errors';
import { office, users } from '../../db/schema';
import { newId, write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { seedCatalog } from '../desk/catalog';
import { seedDesk } from '../desk/calendar';
import { seedQms } from '../qms/seed';
import { civilDateOf } from '../../core/calendar/civil-time';
import { hashPassword, requireGoodPassword } from '../passwords';
import { keyringFor } from '../security/keyring';
import { demoHistoryStart, liveInDemoOffice } from './demo/office';
import { toOfficeView, toUserView } from './views';

export const DEMO_PASSWORD = 'demo1234';

/** Demo users: one per role, username = role name with dashes, password DEMO_PASSWORD. */
export const DEMO_USERS: readonly {
  username: string;
  fullName: string;
  roles: Role[];
  /** Chức danh printed under signatures; the role's label when absent. */
  title?: string;
}[] = [
  { username: 'admin', fullName: 'Nguyễn Văn Quản', roles: ['admin'] },
  { username: 'chutich', fullName: 'Trần Thị Lãnh', roles: ['leader'], title: 'Chủ tịch UBND xã' },
  {
    username: 'phochutich',
    fullName: 'Bùi Văn Phong',
    roles: ['leader'],
    title: 'Phó Chủ tịch UBND xã',
  },
  { username: 'thuky', fullName: 'Lê Minh Chất', roles: ['iso_coordinator'] },
  { username: 'motcua', fullName: 'Phạm Thị Hoa', roles: ['desk_officer'] },
  { username: 'tuphap', fullName: 'Hoàng Văn Đức', roles: ['specialist'] },
  { username: 'vanthu', fullName: 'Đặng Thị Thư', roles: ['records_clerk'] },
  { username: 'danhgia', fullName: 'Vũ Quốc Kiểm', roles: ['internal_auditor'] },
];

function isSetUp(ctx: Ctx): boolean {
  return ctx.db.select({ id: office.id }).from(office).get() !== undefined;
}

export function currentOffice(ctx: Ctx) {
  const row = ctx.db.select().from(office).get();
  if (!row) throw new AppError('NOT_SET_UP');
  return row;
}

export function sessionView(ctx: Ctx, userRow: typeof users.$inferSelect) {
  return {
    user: toUserView(userRow),
    permissions: [...permissionsOf(userRow.roles)],
    office: toOfficeView(currentOffice(ctx)),
  };
}

interface NewUser {
  readonly username: string;
  readonly fullName: string;
  readonly title?: string;
  readonly roles: Role[];
  readonly passwordHash: string;
}

function insertOffice(
  ctx: Ctx,
  fields: Omit<typeof office.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
  people: readonly NewUser[],
) {
  write(ctx, (tx) => {
    if (tx.select({ id: office.id }).from(office).get()) throw new AppError('ALREADY_SET_UP');
    const at = ctx.now();
    tx.insert(office)
      .values({ id: newId(), createdAt: at, updatedAt: at, ...fields })
      .run();
    seedDesk(tx, ctx.resourcesDir, at);
    seedCatalog(tx, ctx.resourcesDir, at);
    for (const p of people) {
      tx.insert(users)
        .values({ id: newId(), title: '', ...p, createdAt: at, updatedAt: at })
        .run();
    }
    seedQms(tx, ctx.resourcesDir, at, civilDateOf(at));
    return {
      result: undefined,
      audit: {
        operation: 'setup.create',
        entity: 'office',
        summary: `Thiết lập cơ quan ${fields.name}`,
      },
    };
  });
}

/** The demo office of a commune of the demo province. */
const demoOfficeOf = (c: { readonly name: string; readonly agencyCode: string }) => ({
  name: `UBND xã ${c.name}`,
  agencyCode: c.agencyCode,
  province: 'Tỉnh Phú Thọ',
  commune: `Xã ${c.name}`,
  address: `Thôn Trung Tâm, xã ${c.name}, tỉnh Phú Thọ`,
  demo: true,
});

export const setupHandlers: PartialHandlers = {
  'app.status': (ctx) => {
    const row = ctx.db.select().from(office).get();
    const entry = ctx.user ? ctx.sessions.peek(ctx.sessionKey) : undefined;
    const userRow =
      entry && ctx.user
        ? ctx.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, entry.userId) }).sync()
        : undefined;
    return {
      setUp: row !== undefined,
      officeName: row?.name ?? null,
      session: userRow ? sessionView(ctx, userRow) : null,
      appVersion: ctx.platform.appVersion,
      platform: ctx.platform.kind,
      locked: null,
    };
  },
  // The office is open: this account already has its key (services/locked-backend.ts is the
  // backend that unlocks).
  'app.unlock': () => ({ done: true as const }),
  'setup.create': async (ctx, input) => {
    if (isSetUp(ctx)) throw new AppError('ALREADY_SET_UP');
    await requireGoodPassword(input.admin.password, [input.admin.username, input.admin.fullName]);
    const passwordHash = await hashPassword(input.admin.password);
    insertOffice(ctx, { ...input.office, demo: false }, [
      {
        username: input.admin.username,
        fullName: input.admin.fullName,
        title: 'Quản trị hệ thống',
        roles: ['admin'],
        passwordHash,
      },
    ]);
    // Backups made from now on can be opened on a new PC with this code.
    const recoveryCode = keyringFor(ctx.dataDir).newRecoveryCode();
    return { done: true as const, recoveryCode };
  },
  'setup.demo': async (ctx, input) => {
    if (isSetUp(ctx)) throw new AppError('ALREADY_SET_UP');
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    // A lived-in office was set up some months ago and has been used every working day since.
    const now = ctx.now();
    const setUpAt = input.history ? demoHistoryStart(now) : now;
    insertOffice(
      { ...ctx, now: () => setUpAt },
      demoOfficeOf(input.commune ?? { name: 'Tân Lập', agencyCode: '000.00.12.H56' }),
      DEMO_USERS.map((u) => ({
        ...u,
        title: u.title ?? ROLE_LABELS[u.roles[0] ?? 'admin'],
        passwordHash,
      })),
    );
    if (input.history) await liveInDemoOffice(ctx, setUpAt, now);
    return { done: true as const };
  },
};

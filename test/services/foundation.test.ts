// Setup, login, lockout, session timeout, user administration, permissions in services, audit.
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../core/errors';
import { LOCKOUT_MS, lockoutMs, MAX_FAILED_ATTEMPTS, passwordWork } from '../../services/passwords';
import { DEMO_PASSWORD, DEMO_USERS } from '../../services/foundation/setup';
import { ROLES } from '../../core/auth/roles';
import {
  ADMIN,
  dumpDatabase,
  OFFICE,
  startSetUpApp,
  startTestApp,
  type TestApp,
} from '../support/backend';

let app: TestApp;
afterEach(() => app.close());

describe('first run', () => {
  it('creates the office and first admin once', async () => {
    app = await startTestApp();
    expect((await app.ok('x')('app.status', {})).setUp).toBe(false);
    await app.ok('x')('setup.create', { office: OFFICE, admin: ADMIN });
    const status = await app.ok('x')('app.status', {});
    expect(status).toMatchObject({ setUp: true, officeName: OFFICE.name, session: null });
    const again = await app.as('x')('setup.create', { office: OFFICE, admin: ADMIN });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    expect((await app.as('x')('setup.demo', {})).ok).toBe(false);
  });

  it('rejects a malformed agency code in Vietnamese and creates nothing', async () => {
    app = await startTestApp();
    const r = await app.as('x')('setup.create', {
      office: { ...OFFICE, agencyCode: 'H56' },
      admin: ADMIN,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details?.join()).toContain('Mã định danh cơ quan không đúng dạng');
    expect((await app.ok('x')('app.status', {})).setUp).toBe(false);
  });

  it('demo creates one user per role, each able to log in', async () => {
    app = await startTestApp();
    await app.ok('x')('setup.demo', {});
    const covered = new Set(DEMO_USERS.flatMap((u) => u.roles));
    expect([...covered].sort()).toEqual([...ROLES].sort());
    for (const u of DEMO_USERS) {
      const s = await app.ok(u.username)('auth.login', {
        username: u.username,
        password: DEMO_PASSWORD,
      });
      expect(s.user.roles).toEqual(u.roles);
    }
  });
});

describe('login', () => {
  it('a wrong password gives the Vietnamese error, no session, no data change but the counter', async () => {
    app = await startSetUpApp();
    const r = await app.as('w')('auth.login', {
      username: ADMIN.username,
      password: 'sai-mat-khau',
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', message: ERROR_MESSAGES.BAD_CREDENTIALS },
    });
    expect(r.ok || r.error.message).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect((await app.as('w')('users.list', {})).ok).toBe(false);
    const unknown = await app.as('w')('auth.login', { username: 'khongco', password: 'x' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('answers an unknown user, a wrong password and a locked account alike, after the same work', async () => {
    app = await startSetUpApp();
    const attempt = async (username: string, password: string) => {
      const before = passwordWork();
      const answer = await app.as('probe')('auth.login', { username, password });
      return { answer, derivations: passwordWork() - before };
    };
    const unknown = await attempt('khongco', 'doan-thu-1');
    const wrong = await attempt(ADMIN.username, 'doan-thu-2');
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) await attempt(ADMIN.username, 'sai');
    // The account is now locked: even its right password gets the same answer and work.
    const locked = await attempt(ADMIN.username, ADMIN.password);
    const lockedWrong = await attempt(ADMIN.username, 'sai');
    for (const probe of [wrong, locked, lockedWrong]) {
      expect(probe.answer).toEqual(unknown.answer);
      expect(probe.derivations).toBe(unknown.derivations);
    }
    expect(unknown.derivations).toBe(1);
  });

  it('locks progressively after failures; a lock always ends, and the admin can reset it', async () => {
    app = await startSetUpApp();
    const tryAs = (password: string) =>
      app.as('w')('auth.login', { username: ADMIN.username, password });
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await tryAs('sai');
    expect((await tryAs(ADMIN.password)).ok).toBe(false);
    expect(lockoutMs(MAX_FAILED_ATTEMPTS)).toBe(60_000);
    app.clock.now += lockoutMs(MAX_FAILED_ATTEMPTS) + 1000;
    // One more failure doubles the next lock, up to the cap, never more.
    await tryAs('sai');
    expect((await tryAs(ADMIN.password)).ok).toBe(false);
    app.clock.now += 60_000 + 1000;
    expect((await tryAs(ADMIN.password)).ok).toBe(false);
    app.clock.now += 60_000;
    expect((await tryAs(ADMIN.password)).ok).toBe(true);
    expect(lockoutMs(MAX_FAILED_ATTEMPTS + 40)).toBe(LOCKOUT_MS);
    // A locked desk officer is unlocked by the admin's password reset.
    const u = await app.ok('admin')('users.create', {
      username: 'motcua1',
      fullName: 'Lê Thị Mai',
      roles: ['desk_officer'],
      password: 'tamthoi-123',
    });
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      await app.as('m')('auth.login', { username: 'motcua1', password: 'sai' });
    await app.ok('admin')('users.resetPassword', { id: u.id, password: 'tamthoi-456' });
    expect(
      (await app.as('m')('auth.login', { username: 'motcua1', password: 'tamthoi-456' })).ok,
    ).toBe(true);
  });

  it('refuses common passwords and the current one; must-change is enforced by the services', async () => {
    app = await startSetUpApp();
    for (const weak of ['12345678', 'password1', 'qwertyuiop']) {
      const r = await app.as('admin')('users.create', {
        username: 'yeu',
        fullName: 'Mật Khẩu Yếu',
        roles: ['leader'],
        password: weak,
      });
      expect(r, weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
      expect(r.ok || r.error.message).toContain('quá dễ đoán');
    }
    const same = await app.as('admin')('auth.changePassword', {
      current: ADMIN.password,
      next: ADMIN.password,
    });
    expect(same).toMatchObject({ ok: false, error: { code: 'SAME_PASSWORD' } });
    await app.ok('admin')('users.create', {
      username: 'lanhdao',
      fullName: 'Trần Văn Lãnh',
      roles: ['admin'],
      password: 'tamthoi-123',
    });
    await app.ok('ld')('auth.login', { username: 'lanhdao', password: 'tamthoi-123' });
    // Not only the screen: every operation but the change itself is refused until then.
    expect(await app.as('ld')('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_CHANGE_REQUIRED' },
    });
    await app.ok('ld')('auth.changePassword', { current: 'tamthoi-123', next: 'cay-da-xanh-7' });
    expect((await app.as('ld')('users.list', {})).ok).toBe(true);
  });

  it('expires a session after the configured inactivity, and activity keeps it alive', async () => {
    app = await startSetUpApp();
    app.clock.now += 14 * 60_000;
    expect((await app.as('admin')('users.list', {})).ok).toBe(true);
    app.clock.now += 14 * 60_000;
    expect((await app.as('admin')('users.list', {})).ok).toBe(true);
    app.clock.now += 16 * 60_000;
    expect(await app.as('admin')('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_EXPIRED' },
    });
    expect(await app.as('admin')('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_AUTHENTICATED' },
    });
  });

  it('logout ends the session', async () => {
    app = await startSetUpApp();
    await app.ok('admin')('auth.logout', {});
    expect(await app.as('admin')('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_AUTHENTICATED' },
    });
  });
});

describe('users and permissions', () => {
  it('admin creates a desk officer who must change password and cannot manage users', async () => {
    app = await startSetUpApp();
    const created = await app.ok('admin')('users.create', {
      username: 'motcua1',
      fullName: 'Lê Thị Mai',
      title: 'Công chức',
      roles: ['desk_officer'],
      password: 'tamthoi-123',
    });
    expect(created.mustChangePassword).toBe(true);
    const s = await app.ok('mai')('auth.login', { username: 'motcua1', password: 'tamthoi-123' });
    expect(s.permissions).toContain('dossiers.receive');
    expect(s.permissions).not.toContain('users.manage');
    const before = dumpDatabase(app.backend);
    for (const attempt of [
      app.as('mai')('users.list', {}),
      app.as('mai')('users.create', {
        username: 'hacker',
        fullName: 'X',
        roles: ['admin'],
        password: 'dong-lua-thom-9',
      }),
      app.as('mai')('users.setDisabled', { id: created.id, disabled: true }),
      app.as('mai')('backup.create', {}),
      app.as('mai')('office.update', { ...OFFICE, sessionTimeoutMinutes: 5, backupKeep: 3 }),
    ]) {
      expect(await attempt).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
      });
    }
    expect(dumpDatabase(app.backend)).toBe(before);
    await app.ok('mai')('auth.changePassword', { current: 'tamthoi-123', next: 'moi-hon-456' });
    expect((await app.ok('mai')('app.status', {})).session?.user.mustChangePassword).toBe(false);
  });

  it('rejects a taken username and never removes the last admin', async () => {
    app = await startSetUpApp();
    const r = await app.as('admin')('users.create', {
      username: ADMIN.username,
      fullName: 'Trùng',
      roles: ['leader'],
      password: 'dong-lua-thom-9',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
    const me = (await app.ok('admin')('users.list', {}))[0];
    expect(await app.as('admin')('users.setDisabled', { id: me.id, disabled: true })).toMatchObject(
      { error: { code: 'LAST_ADMIN' } },
    );
    expect(
      await app.as('admin')('users.update', {
        id: me.id,
        fullName: me.fullName,
        title: '',
        roles: ['leader'],
      }),
    ).toMatchObject({ error: { code: 'LAST_ADMIN' } });
  });

  it('disabling a user ends their session; a role change applies on the next call', async () => {
    app = await startSetUpApp();
    const u = await app.ok('admin')('users.create', {
      username: 'lanhdao',
      fullName: 'Trần Văn Lãnh',
      roles: ['admin'],
      password: 'dong-lua-thom-9',
    });
    await app.ok('ld')('auth.login', { username: 'lanhdao', password: 'dong-lua-thom-9' });
    await app.ok('ld')('auth.changePassword', {
      current: 'dong-lua-thom-9',
      next: 'cay-da-xanh-7',
    });
    expect((await app.as('ld')('users.list', {})).ok).toBe(true);
    await app.ok('admin')('users.update', {
      id: u.id,
      fullName: u.fullName,
      title: '',
      roles: ['leader'],
    });
    expect(await app.as('ld')('users.list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await app.ok('admin')('users.setDisabled', { id: u.id, disabled: true });
    expect(await app.as('ld')('office.get', {})).toMatchObject({
      error: { code: 'NOT_AUTHENTICATED' },
    });
    expect(
      await app.as('ld2')('auth.login', { username: 'lanhdao', password: 'cay-da-xanh-7' }),
    ).toMatchObject({ error: { code: 'ACCOUNT_DISABLED' } });
  });

  it('writes an audit row with actor in the same transaction as each change', async () => {
    app = await startSetUpApp();
    await app.ok('admin')('users.create', {
      username: 'vanthu',
      fullName: 'Đỗ Thị Thư',
      roles: ['records_clerk'],
      password: 'dong-lua-thom-9',
    });
    const log = await app.ok('admin')('audit.list', { page: 1, pageSize: 10 });
    expect(log.rows[0]).toMatchObject({
      operation: 'users.create',
      actorName: ADMIN.fullName,
      entity: 'user',
    });
    expect(log.rows[0]?.summary).toContain('Văn thư');
    // A failing change leaves no audit row behind.
    const total = log.total;
    await app.as('admin')('users.create', {
      username: 'vanthu',
      fullName: 'Trùng',
      roles: ['leader'],
      password: 'dong-lua-thom-9',
    });
    expect((await app.ok('admin')('audit.list', { page: 1, pageSize: 10 })).total).toBe(total);
  });
});

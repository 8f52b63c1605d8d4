// Restore is whole (#11 item 10): a new PC restored from the province gets back the office's
// officials by name and role (disabled, with no password until the administrator sets one: no
// password hash ever leaves a PC), its settings and calendar edits, and its audit trail, which
// the new PC continues — the province sees one unbroken chain.
import { describe, expect, it } from 'vitest';
import type { OfficeDetail } from '../../core/sync/admin';
import { enrollDesk, provinceFixture, queueOfficeFeed, receive } from '../sync/support/env';

const province = provinceFixture();

const OVERRIDES = {
  year: 2027,
  daysOff: [{ date: '2027-03-08', name: 'Nghỉ bù lễ hội làng', kind: 'holiday' as const }],
  workingDays: [],
  replaceDefaults: false,
};

describe('restore from the province', () => {
  it('brings back officials, settings, calendar edits and the audit trail', async () => {
    const o = await province.office();
    const old = o.app.ok('admin');
    const ketoan = await old('users.create', {
      username: 'ketoan',
      fullName: 'Nguyễn Thị Kế Toán',
      title: 'Kế toán',
      roles: ['specialist', 'records_clerk'],
      password: 'Rat-kho-doan-2026',
    });
    const office = await old('office.get', {});
    await old('office.update', {
      name: office.name,
      agencyCode: office.agencyCode,
      province: office.province,
      commune: office.commune,
      address: 'Số 1 đường Hùng Vương',
      sessionTimeoutMinutes: 45,
      backupKeep: 30,
    });
    const desk = await old('desk.getSettings', {});
    await old('desk.updateSettings', { ...desk, collectPlace: 'Phòng Một cửa, tầng 1' });
    await old('calendar.update', { overrides: OVERRIDES });
    await receive(o.app, 2);
    expect((await o.engine.run()).ok).toBe(true);
    const oldDb = o.app.backend.database();
    const oldAudit = oldDb.prepare('SELECT id, hash FROM audit_log ORDER BY seq').all() as {
      id: string;
      hash: string;
    }[];
    const oldUsers = oldDb.prepare('SELECT id, username, full_name FROM users').all() as {
      id: string;
      username: string;
      full_name: string;
    }[];

    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh, engine } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    const counts = await fresh.ok('admin')('sync.restore', {});
    expect(counts).toMatchObject({ dossiers: 2, officials: oldUsers.length });
    expect(counts.auditRows).toBe(oldAudit.length);
    const db = fresh.backend.database();

    // Officials by name and role, none a placeholder, none able to log in yet.
    expect(
      db
        .prepare("SELECT count(*) FROM users WHERE full_name LIKE 'Người dùng máy cũ%'")
        .pluck()
        .get(),
    ).toBe(0);
    const restored = db.prepare('SELECT * FROM users WHERE id = ?').get(ketoan.id) as Record<
      string,
      unknown
    >;
    expect(restored).toMatchObject({
      username: 'ketoan',
      full_name: 'Nguyễn Thị Kế Toán',
      title: 'Kế toán',
      roles: JSON.stringify(['specialist', 'records_clerk']),
      disabled: 1,
      must_change_password: 1,
      password_hash: '!',
    });
    expect(
      await fresh.as('k')('auth.login', { username: 'ketoan', password: 'Rat-kho-doan-2026' }),
    ).toMatchObject({ ok: false });
    // The new PC's own administrator keeps 'admin'; the old one comes back beside it.
    const oldAdmin = oldUsers.find((u) => u.username === 'admin');
    expect(db.prepare('SELECT username FROM users WHERE id = ?').pluck().get(oldAdmin?.id)).toBe(
      'admin-cu',
    );
    // The administrator sets a temporary password and enables the account; the official then
    // chooses their own at the first login.
    await fresh.ok('admin')('users.resetPassword', { id: ketoan.id, password: 'Tam-thoi-2026!' });
    await fresh.ok('admin')('users.setDisabled', { id: ketoan.id, disabled: false });
    const session = await fresh.ok('k')('auth.login', {
      username: 'ketoan',
      password: 'Tam-thoi-2026!',
    });
    expect(session.user).toMatchObject({
      fullName: 'Nguyễn Thị Kế Toán',
      mustChangePassword: true,
    });

    // Settings and the calendar edit.
    expect(await fresh.ok('admin')('office.get', {})).toMatchObject({
      address: 'Số 1 đường Hùng Vương',
      sessionTimeoutMinutes: 45,
      backupKeep: 30,
    });
    expect((await fresh.ok('admin')('desk.getSettings', {})).collectPlace).toBe(
      'Phòng Một cửa, tầng 1',
    );
    const year = await fresh.ok('admin')('calendar.get', { year: 2027 });
    expect(year.source).toBe('office');
    expect(year.daysOff.map((d) => d.date)).toContain('2027-03-08');

    // The old PC's audit trail, as it was, then the new PC's own rows chained after it.
    const rows = db.prepare('SELECT id, hash, seq FROM audit_log ORDER BY seq').all() as {
      id: string;
      hash: string;
      seq: number;
    }[];
    expect(rows.slice(0, oldAudit.length).map(({ id, hash }) => ({ id, hash }))).toEqual(oldAudit);
    expect(rows.length).toBeGreaterThan(oldAudit.length);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await fresh.ok('admin')('audit.verify', { fresh: true })).toMatchObject({ ok: true });

    // The new PC carries on; the province sees the chain continue, without a break.
    await receive(fresh, 1);
    expect(queueOfficeFeed(fresh)).toBeGreaterThanOrEqual(0);
    expect((await engine.run()).ok).toBe(true);
    const detail = (await province.h.admin.call('GET', `/v1/admin/offices/${o.officeId}`))
      .body as unknown as OfficeDetail;
    expect(detail.auditBreaks).toEqual([]);
    expect(detail.office.auditChain.lastSeq).toBe(
      db.prepare("SELECT last FROM counters WHERE scope = 'audit_log'").pluck().get(),
    );
  });
});

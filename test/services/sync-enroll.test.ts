// Enrolment into the right office only: a code issued for another commune is shown and refused
// (a new PC with no data may take that office), and the province refuses ops a PC writes for an
// office other than the one its device was enrolled for.
import { describe, expect, it } from 'vitest';
import { syncEngineFor } from '../../services/sync/engine';
import { startDemoDesk, type DeskApp } from '../support/desk';
import {
  FAST,
  deviceIdOf,
  outboxRows,
  provinceFixture,
  receive,
  serverOps,
} from '../sync/support/env';

const province = provinceFixture();

/** The demo PC is "UBND xã Tân Lập (000.00.12.H56)"; the code is for Hùng Sơn. */
async function hungSonCode(n: number): Promise<string> {
  const agency = `000.00.${String(70 + n).padStart(2, '0')}.H60`;
  return (await province.h.admin.createOffice(agency, 'UBND xã Hùng Sơn')).code;
}

async function demoPc(): Promise<DeskApp> {
  const app = province.track(await startDemoDesk());
  Object.assign(syncEngineFor(app.dataDir).tuning, FAST);
  return app;
}

describe('enrolment checks the office', () => {
  it('a PC with dossiers is told whose code it is, refused, and keeps its office', async () => {
    const app = await demoPc();
    await receive(app, 1);
    const code = await hungSonCode(1);
    const r = await app.ok('admin')('sync.enroll', { serverUrl: province.h.url, code });
    expect(r).toMatchObject({
      status: 'office_mismatch',
      officeName: 'UBND xã Hùng Sơn',
      officeAgencyCode: '000.00.71.H60',
      localOfficeName: 'UBND xã Tân Lập',
      localAgencyCode: '000.00.12.H56',
      canAdopt: false,
    });
    expect((await app.ok('admin')('sync.status', {})).enrolled).toBe(false);
    const adopt = await app.as('admin')('sync.enroll', {
      serverUrl: province.h.url,
      code,
      adoptAgencyCode: '000.00.71.H60',
    });
    expect(adopt).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!adopt.ok) expect(adopt.error.message).toContain('đã có hồ sơ của UBND xã Tân Lập');
    const office = await app.ok('admin')('office.get', {});
    expect(office).toMatchObject({ name: 'UBND xã Tân Lập', agencyCode: '000.00.12.H56' });
    expect((await app.ok('admin')('sync.status', {})).enrolled).toBe(false);
  });

  it('a new PC with no data takes the code’s office when asked; the code stayed usable', async () => {
    const app = await demoPc();
    const code = await hungSonCode(2);
    const first = await app.ok('admin')('sync.enroll', { serverUrl: province.h.url, code });
    expect(first).toMatchObject({ status: 'office_mismatch', canAdopt: true });
    const done = await app.ok('admin')('sync.enroll', {
      serverUrl: province.h.url,
      code,
      adoptAgencyCode: first.officeAgencyCode,
    });
    expect(done).toMatchObject({ status: 'enrolled', officeAgencyCode: '000.00.72.H60' });
    const office = await app.ok('admin')('office.get', {});
    expect(office).toMatchObject({
      name: 'UBND xã Hùng Sơn',
      agencyCode: '000.00.72.H60',
      commune: 'Xã Hùng Sơn',
    });
    const audit = await app.ok('admin')('audit.list', {});
    expect(audit.rows.find((x) => x.operation === 'sync.enroll')?.summary).toContain(
      'thay cho UBND xã Tân Lập (000.00.12.H56)',
    );
  });

  it('the province refuses ops a PC writes under another office’s code', async () => {
    const app = await demoPc();
    const code = await hungSonCode(3);
    const first = await app.ok('admin')('sync.enroll', { serverUrl: province.h.url, code });
    await app.ok('admin')('sync.enroll', {
      serverUrl: province.h.url,
      code,
      adoptAgencyCode: first.officeAgencyCode,
    });
    const engine = syncEngineFor(app.dataDir);
    await engine.idle();
    // The office's identity changed on the PC after enrolment (as on PCs enrolled before this
    // check existed): its dossiers are Tân Lập's, the device is Hùng Sơn's.
    const office = await app.ok('admin')('office.get', {});
    await app.ok('admin')('office.update', {
      name: 'UBND xã Tân Lập',
      agencyCode: '000.00.12.H56',
      province: office.province,
      commune: 'Xã Tân Lập',
      address: office.address,
      sessionTimeoutMinutes: office.sessionTimeoutMinutes,
      backupKeep: office.backupKeep,
    });
    await receive(app, 1);
    await engine.run();
    expect(await serverOps(province.h, deviceIdOf(app))).toEqual([]);
    const rows = outboxRows(app);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.status).toBe('rejected');
      expect(r.rejected_reason).toContain('000.00.12.H56');
      expect(r.rejected_reason).toContain('máy này được đăng ký cho đơn vị có mã 000.00.73.H60');
    }
  });
});

// Restoring a backup made on another PC when the office's recovery code is lost (issue #11
// item 1): the province releases the office's escrowed data key to a new, enrolled PC of the
// same office, which opens the backup with it and stays enrolled. Until then, and when the
// province cannot be reached, nothing changes on the new PC.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortKeyId } from '../../core/sync/key-id';
import { keyringFor } from '../../services/security/keyring';
import { syncEngineFor } from '../../services/sync/engine';
import { tempDir } from '../support/backend';
import { startDemoDesk } from '../support/desk';
import type { DeskApp } from '../support/desk';
import {
  deviceIdOf,
  enrollDesk,
  offlineOffice,
  provinceFixture,
  receive,
} from '../sync/support/env';

const province = provinceFixture();
const dossierCount = async (app: DeskApp) =>
  (await app.ok('motcua')('dossiers.list', { page: 1, pageSize: 20 })).total;

describe('a backup opened with the key the province released', () => {
  it('opens on a new PC of the office only after the release, and the PC stays enrolled', async () => {
    const old = await province.office();
    const [dossierId = ''] = await receive(old.app, 1);
    const name = (await old.app.ok('motcua')('dossiers.get', { id: dossierId })).dossier
      .applicantName;
    expect((await old.engine.run()).ok).toBe(true);
    const keyId = keyringFor(old.app.dataDir).keyId;
    const target = path.join(tempDir('isoxa-usb-'), 'sao-luu.sqlite');
    await old.app.ok('admin')('backup.saveAs', { path: target });

    const code = await province.h.admin.newCode(old.officeId);
    const fresh = province.track((await enrollDesk(province.h.url, code)).app);
    const device = deviceIdOf(fresh);
    const before = await dossierCount(fresh);

    // Locked: the message names the key, so the province can find it among the office's keys.
    expect(await fresh.as('admin')('backup.restore', { path: target })).toMatchObject({
      ok: false,
      error: {
        code: 'BACKUP_LOCKED',
        message: expect.stringContaining(shortKeyId(keyId)) as unknown,
        details: [keyId],
      },
    });
    // Asked for before the province released it.
    const early = await fresh.as('admin')('backup.restore', { path: target, provinceKey: true });
    expect(early).toMatchObject({
      ok: false,
      error: {
        code: 'ESCROW_NOT_RELEASED',
        message: expect.stringContaining(shortKeyId(keyId)) as unknown,
      },
    });
    const both = await fresh.as('admin')('backup.restore', {
      path: target,
      provinceKey: true,
      recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dossierCount(fresh)).toBe(before);

    const released = await province.h.admin.call(
      'POST',
      `/v1/admin/offices/${old.officeId}/escrow/release`,
      { body: { keyId, deviceId: device, reason: 'Máy cũ hỏng, mất bản in mã khôi phục' } },
    );
    expect(released.status).toBe(201);
    const r = await fresh.ok('admin')('backup.restore', { path: target, provinceKey: true });
    expect(r.restored).toBe(true);
    await fresh.relogin();
    expect(
      (await fresh.ok('motcua')('dossiers.get', { id: dossierId })).dossier.applicantName,
    ).toBe(name);
    // Still this PC, still enrolled: it syncs as itself, not as the PC the backup came from.
    expect(deviceIdOf(fresh)).toBe(device);
    expect((await syncEngineFor(fresh.dataDir).run()).ok).toBe(true);
    const escrow = await province.h.admin.call('GET', `/v1/admin/offices/${old.officeId}/escrow`);
    expect(escrow.body).toMatchObject({
      releases: [{ keyId, deviceId: device, fetchedAt: expect.any(String) as unknown }],
    });
  });

  it('tells a PC that is not enrolled to enroll, and one that cannot reach the province so', async () => {
    const old = await province.office();
    const target = path.join(tempDir('isoxa-usb-'), 'sao-luu.sqlite');
    await old.app.ok('admin')('backup.saveAs', { path: target });

    const alone = province.track(await startDemoDesk());
    expect(
      await alone.as('admin')('backup.restore', { path: target, provinceKey: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('chưa đăng ký') as unknown },
    });
    const cut = await offlineOffice(province);
    const before = await dossierCount(cut.app);
    expect(
      await cut.app.as('admin')('backup.restore', { path: target, provinceKey: true }),
    ).toMatchObject({ ok: false, error: { code: 'PROVINCE_UNREACHABLE' } });
    expect(await dossierCount(cut.app)).toBe(before);
  });
});

// The province releases an office's escrowed data key to a new PC of that office from the
// office's page (issue #11 item 1): the key is listed by the name the backup's message gives,
// the release needs a PC of the office and a reason, is listed with who and why, and shows
// "fetched" once the new PC has opened the office's backup with it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortKeyId } from '../../core/sync/key-id';
import { keyringFor } from '../../services/security/keyring';
import { syncEngineFor } from '../../services/sync/engine';
import { ADMIN } from '../server/support/harness';
import { tempDir } from '../support/backend';
import type { DeskApp } from '../support/desk';
import { deviceIdOf, enrollDesk } from '../sync/support/env';
import { screenshot } from './support/harness';
import { provinceDashboard } from './support/province';

const desks: DeskApp[] = [];
const province = provinceDashboard(() => {
  for (const d of desks) d.close();
});

describe('escrowed data keys on the province dashboard', () => {
  it('releases a key to a new PC of the office, which then opens the backup', async () => {
    const { h, page } = province;
    const { officeId } = await h.admin.createOffice('000.00.42.H56', 'UBND xã Tiên Lương');
    const old = (await enrollDesk(h.url, await h.admin.newCode(officeId))).app;
    desks.push(old);
    expect((await syncEngineFor(old.dataDir).run()).ok).toBe(true);
    const keyName = shortKeyId(keyringFor(old.dataDir).keyId);
    const backup = path.join(tempDir('isoxa-usb-'), 'sao-luu.sqlite');
    await old.ok('admin')('backup.saveAs', { path: backup });
    const fresh = (await enrollDesk(h.url, await h.admin.newCode(officeId))).app;
    desks.push(fresh);

    await province.login();
    await page.getByTestId('office-000.00.42.H56').getByRole('link').click();
    const keys = page.getByRole('table', { name: 'Khóa dữ liệu tỉnh giữ' });
    await keys.getByText(keyName).waitFor();
    // Each PC of the office sends its own key; the old PC's is the backup's.
    expect(await keys.locator('tbody tr').count()).toBe(2);
    await keys
      .locator('tr', { hasText: keyName })
      .getByRole('button', { name: 'Cấp cho máy mới…' })
      .click();
    const dialog = page.getByRole('dialog');
    const give = dialog.getByRole('button', { name: 'Cấp khóa' });
    await dialog.getByPlaceholder('Chọn máy đang hoạt động của xã').click();
    const names = await page.getByRole('option').allInnerTexts();
    expect(names).toHaveLength(2); // both PCs of this office, no other office's
    await page.getByRole('option').nth(1).click();
    await dialog.getByLabel('Lý do').fill('Mất');
    expect(await give.isDisabled()).toBe(true); // a reason of ten characters at least
    await dialog.getByLabel('Lý do').fill('Máy cũ hỏng ổ cứng, mất bản in mã khôi phục');
    await screenshot(page, 'province-escrow-release');
    await give.click();
    const releases = page.getByRole('table', { name: 'Các lần cấp khóa' });
    await releases.waitFor();
    const line = await releases.locator('tbody tr').first().innerText();
    expect(line).toContain(keyName);
    expect(line).toContain(ADMIN.username);
    expect(line).toContain('Chưa nhận');

    // The new PC opens the old PC's backup with the key released to it.
    const chosen = await h.admin.call('GET', `/v1/admin/offices/${officeId}/escrow`);
    const deviceId = (chosen.body as { releases: { deviceId: string }[] }).releases[0]?.deviceId;
    const target = deviceId === deviceIdOf(fresh) ? fresh : old;
    const r = await target.as('admin')('backup.restore', { path: backup, provinceKey: true });
    expect(r.ok).toBe(true);
    await page.reload();
    const fetched = page.getByRole('table', { name: 'Các lần cấp khóa' }).locator('tbody tr');
    await fetched.first().waitFor();
    expect(await fetched.first().innerText()).not.toContain('Chưa nhận');
    await screenshot(page, 'province-escrow-released');
  }, 180_000);
});

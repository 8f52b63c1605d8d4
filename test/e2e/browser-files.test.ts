// Backups in browser mode with the browser's own files, no typed paths: the admin downloads a
// backup (.zip), changes the data, then picks that .zip in the file picker and restores it by
// upload; a file that is not a backup is refused in Vietnamese and nothing is restored.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/backend';
import { launchChromium, SCREENSHOTS, startE2eApp, type E2eApp } from './support/harness';
import { api, go, openAs } from './support/pages';

// Tuesday 24/11/2026 is a holiday; Wednesday 25/11/2026 09:00 Vietnam time.
const AT = Date.UTC(2026, 10, 25, 2, 0);

let browser: Browser;
let app: E2eApp;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, now: () => AT });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const userCount = (username: string) =>
  (
    app.backend
      .database()
      .prepare('SELECT count(*) AS n FROM users WHERE username = ?')
      .get(username) as { n: number }
  ).n;

async function viewport(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

describe('browser mode: backup by download, restore by upload', () => {
  it('saves a backup by download and restores it by upload, with no path to type', async () => {
    let admin = await openAs(browser, app, 'admin', AT);
    await go(admin, 'Sao lưu dữ liệu');
    await admin.getByRole('heading', { name: 'Sao lưu dữ liệu' }).waitFor();
    expect(await admin.getByLabel(/đường dẫn đầy đủ/).count()).toBe(0);
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Tải bản sao về máy' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('iso-xa-2026-11-25.sqlite');
    const saved = path.join(tempDir('isoxa-e2e-dl-'), download.suggestedFilename());
    await download.saveAs(saved);
    // The office's backup file (encrypted, with its header), nothing left on the server after.
    expect(fs.readFileSync(saved).subarray(0, 14).toString('latin1')).toBe('ISOXA-BACKUP-1');
    const staging = path.join(app.dataDir, 'browser-transfers');
    await expect.poll(() => fs.readdirSync(staging).length).toBe(0);

    // After the backup, someone adds a user: the restore must take it away again.
    await api(admin, 'users.create', {
      username: 'sausaoluu',
      fullName: 'Người tạo sau sao lưu',
      title: '',
      roles: ['desk_officer'],
      password: 'matkhau-dai-123',
    });
    expect(userCount('sausaoluu')).toBe(1);

    // Not a backup: refused in Vietnamese, the data unchanged.
    const junk = path.join(tempDir('isoxa-e2e-junk-'), 'ghi-chu.zip');
    fs.writeFileSync(junk, 'không phải tệp nén');
    await admin.locator('input[type="file"]').setInputFiles(junk);
    await admin.getByTestId('restore-file').getByText('ghi-chu.zip').waitFor();
    await admin.getByRole('button', { name: 'Khôi phục từ tệp…' }).click();
    await admin.getByRole('dialog').getByText('Mất mã khôi phục').waitFor();
    await viewport(admin, 'backups-restore-dialog');
    await admin.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
    await admin.getByText(/không phải bản sao lưu của ISO Xã/).waitFor();
    expect(userCount('sausaoluu')).toBe(1);

    await admin.locator('input[type="file"]').setInputFiles(saved);
    await admin.getByTestId('restore-file').getByText('iso-xa-2026-11-25.sqlite').waitFor();
    await viewport(admin, 'backups-browser-restore-picked');
    await admin.getByRole('button', { name: 'Khôi phục từ tệp…' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
    // Every session ends with a restore: the login screen comes back.
    await admin.getByLabel('Tên đăng nhập').waitFor();
    expect(userCount('sausaoluu')).toBe(0);
    expect(userCount('admin')).toBe(1);
    await expect.poll(() => fs.readdirSync(staging).length).toBe(0);
    await admin.context().close();

    admin = await openAs(browser, app, 'admin', AT);
    const audit = await api(admin, 'audit.list', { page: 1, pageSize: 20 });
    expect(audit.rows.map((r) => r.operation)).toContain('backup.restore');
    await admin.context().close();
  });

  it('restores a backup .zip laid out as the download of an office with scans', async () => {
    const admin = await openAs(browser, app, 'admin', AT);
    await go(admin, 'Sao lưu dữ liệu');
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Tải bản sao về máy' }).click(),
    ]);
    const dir = tempDir('isoxa-e2e-zip-');
    const saved = path.join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    // The database and its .files folder (here only the note), as a .zip download has them.
    const zip = path.join(dir, 'iso-xa-2026-11-25.zip');
    fs.writeFileSync(
      zip,
      zipSync({
        'iso-xa-2026-11-25.sqlite': fs.readFileSync(saved),
        'iso-xa-2026-11-25.files/DOC-TOI.txt': Buffer.from('Tệp đính kèm của bản sao lưu'),
      }),
    );
    expect(Object.keys(unzipSync(fs.readFileSync(zip)))).toHaveLength(2);
    await api(admin, 'users.create', {
      username: 'sauzip',
      fullName: 'Người tạo sau sao lưu',
      title: '',
      roles: ['desk_officer'],
      password: 'matkhau-dai-123',
    });
    await admin.locator('input[type="file"]').setInputFiles(zip);
    await admin.getByRole('button', { name: 'Khôi phục từ tệp…' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
    await admin.getByLabel('Tên đăng nhập').waitFor();
    expect(userCount('sauzip')).toBe(0);
    expect(userCount('admin')).toBe(1);
    await admin.context().close();
  });
});

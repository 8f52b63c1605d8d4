// "Kiểm tra toàn vẹn nhật ký" on the audit screen: a whole log says so; a row edited in the
// database behind the app's back is named, in Vietnamese, after the check is run again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startE2eApp, type E2eApp } from './support/harness';
import { go, openAs, shot } from './support/pages';

const AT = Date.UTC(2026, 10, 23, 2, 0);
let browser: Browser;
let app: E2eApp;
let admin: Page;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, now: () => AT });
  admin = await openAs(browser, app, 'admin', AT);
  await admin.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await admin?.context().close();
  await browser?.close();
  await app?.close();
});

describe('audit trail integrity in the browser', () => {
  it('says the log is whole, then names the row edited behind the app', async () => {
    await go(admin, 'Nhật ký hệ thống');
    const result = admin.getByTestId('audit-integrity');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('Nhật ký toàn vẹn');
    await shot(admin, 'audit-integrity-ok');

    app.backend
      .database()
      .prepare("UPDATE audit_log SET summary = 'Đã sửa ngoài ứng dụng' WHERE seq = 2")
      .run();
    await admin.getByRole('button', { name: 'Kiểm tra toàn vẹn nhật ký' }).click();
    await expect
      .poll(() => result.innerText(), { timeout: 15_000 })
      .toContain('Nội dung dòng số 2 đã bị sửa sau khi ghi');
    expect(await result.innerText()).toContain('“Đã sửa ngoài ứng dụng”');
    await shot(admin, 'audit-integrity-broken');
  });
});

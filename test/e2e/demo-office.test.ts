// The lived-in demo office in the browser (`npm run browser -- --demo`), at 1366×768: the
// specialist lands on Việc cần làm with overdue steps and one due today, the dashboard shows
// today's figures and the months behind them, the dossier list pages through months of
// dossiers with the late ones marked, and the tracking book prints this month's lines.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, startE2eApp, type E2eApp } from './support/harness';
import { go, openAs } from './support/pages';

// Wednesday 25/11/2026 15:00 in Vietnam.
const clock = Date.UTC(2026, 10, 25, 8, 0);

let browser: Browser;
let app: E2eApp;
const pages: Page[] = [];

async function as(username: string): Promise<Page> {
  const page = await openAs(browser, app, username, clock);
  await page.setViewportSize({ width: 1366, height: 768 });
  pages.push(page);
  return page;
}

/** What the official sees on a 1366×768 screen, not the whole scrolled page. */
async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

const count = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).textContent())?.replace(/\D/g, '') ?? '0');

beforeAll(async () => {
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, history: true, now: () => clock });
}, 180_000);
afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser.close();
  await app.close();
});

describe('the demo office at 1366×768', { timeout: 180_000 }, () => {
  it('lands the specialist on Việc cần làm with overdue dossier steps and one due today', async () => {
    const page = await as('tuphap');
    const table = page.getByRole('table', { name: 'Việc cần làm' });
    const steps = table.locator('tr[data-source="dossier_step"]');
    await steps.first().waitFor();
    expect(await table.locator('tr[data-overdue="true"]').count()).toBeGreaterThan(0);
    expect(await steps.filter({ hasText: '(quá hạn)' }).count()).toBeGreaterThan(0);
    const dueToday = steps.locator('td:first-child', { hasText: '25/11/2026' });
    expect(await dueToday.filter({ hasNotText: 'quá hạn' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'demo-inbox-specialist');
  });

  it('lands the ISO secretary on reviews and nonconformities to handle', async () => {
    const page = await as('thuky');
    const table = page.getByRole('table', { name: 'Việc cần làm' });
    await table.getByText('Xem xét tài liệu').waitFor();
    await table.getByText('Phân tích nguyên nhân sự không phù hợp').first().waitFor();
    await screenshot(page, 'demo-inbox-secretary');
    // The year's objectives with their monthly measurements, and the review held.
    await go(page, 'Mục tiêu chất lượng');
    await page.getByText('Giải quyết đúng hạn và trước hạn ít nhất 98%').first().waitFor();
    await screenshot(page, 'demo-objectives');
    await go(page, 'Xem xét của lãnh đạo');
    await page.getByText('Đã họp').first().waitFor();
    await screenshot(page, 'demo-reviews');
    await go(page, 'Công bố HTQLCL');
    await page
      .getByText(/QĐ-UBND/)
      .first()
      .waitFor();
    await screenshot(page, 'demo-announcement');
  });

  it('fills the dashboard: received and due today, overdue, open, months and procedures', async () => {
    const page = await as('chutich');
    await go(page, 'Tổng quan');
    await page.getByTestId('stat-received').waitFor();
    expect(await count(page, 'stat-received')).toBeGreaterThan(0);
    expect(await count(page, 'stat-due')).toBeGreaterThan(0);
    expect(await count(page, 'stat-overdue')).toBeGreaterThan(0);
    expect(await count(page, 'stat-open')).toBeGreaterThan(await count(page, 'stat-overdue'));
    await page.getByLabel('Biểu đồ hồ sơ theo tháng').waitFor();
    await screenshot(page, 'demo-dashboard');
  });

  it('lists months of dossiers, the overdue ones marked, and prints this month’s book', async () => {
    const page = await as('motcua');
    await go(page, 'Danh sách hồ sơ');
    const list = page.getByRole('table', { name: 'Danh sách hồ sơ' });
    await expect.poll(() => list.locator('tbody tr').count(), { timeout: 20_000 }).toBe(20);
    await screenshot(page, 'demo-list');
    await go(page, 'Tổng quan');
    await page.getByRole('button', { name: /^Quá hạn: / }).click();
    await expect
      .poll(() => list.locator('tbody tr').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await list.locator('tbody tr', { hasNotText: 'quá hạn' }).count()).toBe(0);
    await screenshot(page, 'demo-list-overdue');

    await go(page, 'Sổ theo dõi hồ sơ');
    await page.getByRole('button', { name: 'Xem và in sổ' }).click();
    const rows = page.getByText(/^[\d.]+ hồ sơ$/);
    await rows.waitFor();
    expect(Number((await rows.textContent())?.replace(/\D/g, ''))).toBeGreaterThan(40);
    await screenshot(page, 'demo-book');
  });
});

// The province dashboard for an e2e file: the real server in-process on PGlite and Chromium
// at 1366×768 in Vietnamese, started before the file's tests and closed after; `login` signs
// the test administrator in and waits for the offices' overview.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { pglite } from '../../server/support/backends';
import { ADMIN, startServer, type Harness } from '../../server/support/harness';
import { launchChromium } from './harness';

export interface ProvinceDashboard {
  readonly h: Harness;
  readonly page: Page;
  readonly login: () => Promise<void>;
}

export function provinceDashboard(onClose: () => void = () => undefined): ProvinceDashboard {
  let browser: Browser | undefined;
  let harness: Harness | undefined;
  let tab: Page | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(path.resolve('dist/renderer/province.html')))
      throw new Error('dist/renderer/province.html missing: run npm run build:renderer');
    harness = await startServer(pglite);
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1366, height: 768 },
    });
    tab = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    onClose();
    await browser?.close();
    await harness?.close();
  });
  const dashboard: ProvinceDashboard = {
    get h() {
      if (!harness) throw new Error('the province server has not started');
      return harness;
    },
    get page() {
      if (!tab) throw new Error('Chromium has not started');
      return tab;
    },
    login: async () => {
      const page = dashboard.page;
      await page.goto(dashboard.h.url);
      await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
      await page.getByLabel(/^Mật khẩu/).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { name: 'Tổng quan các xã' }).waitFor();
    },
  };
  return dashboard;
}

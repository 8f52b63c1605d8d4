// e2e harness: the real backend and browser-mode server in-process, driven by Debian's
// Chromium through playwright-core. Screenshots go to test-results/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserServer, type BrowserServer } from '../../../scripts/browser/server';
import { Transfers } from '../../../scripts/browser/transfers';
import { openBackend } from '../../../services/app';
import type { AppBackend, Platform } from '../../../services/platform';
import { tempDir } from '../../support/backend';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = path.resolve('test-results/screenshots');

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export interface E2eApp {
  readonly backend: AppBackend;
  readonly server: BrowserServer;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startE2eApp(
  options: {
    demo?: boolean;
    /** The lived-in demo office (`npm run browser -- --demo`): months of history. */
    history?: boolean;
    now?: () => number;
    platform?: Partial<Platform>;
  } = {},
): Promise<E2eApp> {
  const dataDir = tempDir('isoxa-e2e-');
  const transfers = new Transfers(path.join(dataDir, 'browser-transfers'));
  const backend = await openBackend({
    dataDir,
    platform: {
      kind: 'browser',
      appVersion: '0.0.0-e2e',
      ...transfers.platform,
      ...options.platform,
    },
    backupDelayMs: 3600_000,
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.demo) await backend.call('cli', 'setup.demo', { history: options.history ?? false });
  const server = await startBrowserServer({
    backend,
    transfers,
    rendererDir: path.resolve('dist/renderer'),
    fontsDir: path.resolve('resources/fonts'),
  });
  return {
    backend,
    server,
    dataDir,
    close: async () => {
      await server.close();
      backend.close();
    },
  };
}

/** A fresh browser context (its own cookies = its own session), opened on the app. */
export async function openApp(browser: Browser, app: E2eApp): Promise<Page> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(app.server.url);
  // The first screen (setup, login or the shell) has a heading once app.status answered; on a
  // loaded machine that takes longer than expect.poll's one second.
  await page.getByRole('heading').first().waitFor({ timeout: 20_000 });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Closes every toast still on screen: one left by an earlier step must not cover a menu. */
export async function dismissNotifications(page: Page): Promise<void> {
  const toasts = page.locator('.mantine-Notification-root');
  for (const close of await toasts.locator('button.mantine-Notification-closeButton').all()) {
    await close.click().catch(() => undefined);
  }
  await toasts.first().waitFor({ state: 'detached' });
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth.login')),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
}

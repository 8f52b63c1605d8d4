// One demo office in browser mode for a test file: the app and Chromium started before its
// tests and closed after, each user signed in in their own 1366×768 context at the given time.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, startE2eApp, type E2eApp } from './harness';
import { openAs } from './pages';

export interface DemoOffice {
  /** A page signed in as `username` (demo password), its clock pinned to `now()`. */
  readonly as: (username: string) => Promise<Page>;
  /** The office's backend, for what only the province or the machine brings (a feed entry). */
  readonly backend: () => E2eApp['backend'];
}

export function demoOffice(now: () => number, options: { history?: boolean } = {}): DemoOffice {
  let browser: Browser;
  let app: E2eApp;
  const pages: Page[] = [];
  beforeAll(async () => {
    fs.mkdirSync(path.resolve('test-results'), { recursive: true });
    browser = await launchChromium();
    app = await startE2eApp({ demo: true, now, history: options.history ?? false });
  }, 180_000);
  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await browser.close();
    await app.close();
  });
  return {
    backend: () => app.backend,
    as: async (username) => {
      const page = await openAs(browser, app, username, now());
      await page.setViewportSize({ width: 1366, height: 768 });
      pages.push(page);
      return page;
    },
  };
}

// A second Windows account on a PC whose office another account set up (issue #13 item 6): the
// data key has no wrap for it, so the app shows "Mở dữ liệu của cơ quan"; a wrong recovery code
// is refused, the right one opens the office and the ordinary login follows. Browser mode with
// the desktop's locked backend; each "account" is a protector only it can open (as DPAPI).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../scripts/browser/server';
import { Transfers } from '../../scripts/browser/transfers';
import { openBackend } from '../../services/app';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import { lockedBackend } from '../../services/locked-backend';
import type { AppBackend } from '../../services/platform';
import { open, seal } from '../../services/security/aead';
import { KeyringOtherAccount, type KeyProtector } from '../../services/security/keyring';
import { tempDir } from '../support/backend';
import { launchChromium, login, openApp, screenshot } from './support/harness';

const windowsAccount = (account: string): KeyProtector => {
  const key = createHash('sha256').update(`dpapi:${account}`).digest();
  return {
    kind: 'os',
    account,
    protect: (secret) => seal(key, secret),
    unprotect: (blob) => {
      const plain = open(key, blob);
      if (!plain) throw new Error('not this Windows user');
      return plain;
    },
  };
};

let browser: Browser;
let server: BrowserServer;
let current: AppBackend | null = null;
let recoveryCode = '';
const dataDir = tempDir('isoxa-e2e-accounts-');
const transfers = new Transfers(path.join(dataDir, 'browser-transfers'));
const options = (protector: KeyProtector) => ({
  dataDir,
  platform: { kind: 'browser' as const, appVersion: '0.0.0-e2e', keyProtector: protector },
  backupDelayMs: 3600_000,
});

beforeAll(async () => {
  browser = await launchChromium();
  // The first account sets the office up (demo users) and makes its recovery code.
  const first = await openBackend(options(windowsAccount('UBND\\motcua')));
  await first.call('cli', 'setup.demo', {});
  first.close();
  const again = await openBackend(options(windowsAccount('UBND\\motcua')));
  await again.call('cli', 'auth.login', { username: 'admin', password: DEMO_PASSWORD });
  const made = await again.call('cli', 'backup.newRecoveryCode', {});
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  recoveryCode = (made.value as { recoveryCode: string }).recoveryCode;
  again.close();
  // The second account: the office does not open, the locked backend takes its place.
  const second = windowsAccount('UBND\\tuphap');
  let accounts: readonly string[] = [];
  await openBackend(options(second)).then(
    () => {
      throw new Error('opened without a wrap');
    },
    (error: unknown) => {
      if (!(error instanceof KeyringOtherAccount)) throw error;
      accounts = error.accounts;
    },
  );
  current = lockedBackend({
    dataDir,
    protector: second,
    accounts,
    appVersion: '0.0.0-e2e',
    platformKind: 'browser',
    unlocked: async () => {
      current = await openBackend(options(second));
    },
  });
  const delegate: AppBackend = {
    call: (key, name, input) => (current as AppBackend).call(key, name, input),
    runDailyBackup: () => Promise.resolve(null),
    prepareUpdateInstall: () => Promise.resolve(null),
    database: () => (current as AppBackend).database(),
    close: () => current?.close(),
  };
  server = await startBrowserServer({
    backend: delegate,
    transfers,
    rendererDir: path.resolve('dist/renderer'),
    fontsDir: path.resolve('resources/fonts'),
  });
}, 120_000);
afterAll(async () => {
  await browser.close();
  await server.close();
  current?.close();
});

describe('a second Windows account on the office PC', () => {
  it('unlocks the office once with the recovery code, then logs in as usual', async () => {
    const page = await openApp(browser, { server } as Parameters<typeof openApp>[1]);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Mở dữ liệu của cơ quan' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('UBND\\motcua').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'accounts-01-unlock');
    await page.getByLabel('Mã khôi phục').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await page.getByRole('button', { name: 'Mở dữ liệu' }).click();
    await expect.poll(() => page.getByText('Mã khôi phục không đúng').isVisible()).toBe(true);
    await screenshot(page, 'accounts-02-wrong-code');
    await page.getByLabel('Mã khôi phục').fill(recoveryCode);
    await page.getByRole('button', { name: 'Mở dữ liệu' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible())
      .toBe(true);
    await login(page, 'motcua', DEMO_PASSWORD);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible())
      .toBe(false);
    // Next start of this account: the office opens without the code.
    current?.close();
    current = await openBackend(options(windowsAccount('UBND\\tuphap')));
    expect((await current.call('x', 'app.status', {})).ok).toBe(true);
  }, 180_000);
});

// App updates end to end: the province publishes a release at 50 %; the office PC (browser
// mode, electron-updater on a Node adapter, behind a slow line) is in the staged half, so after
// "Đồng bộ ngay" its Sync screen shows the download's progress, then the version waiting for
// the next quit; the next sync reports it and the province dashboard counts it as downloaded.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inStage } from '../../core/update/staging';
import { syncEngineFor } from '../../services/sync/engine';
import { createNodeUpdater } from '../../services/updates/node-updater';
import { pglite } from '../server/support/backends';
import { ADMIN, startServer, type Harness } from '../server/support/harness';
import { tempDir } from '../support/backend';
import { launchChromium, screenshot, startE2eApp, type E2eApp } from './support/harness';
import { api, go, openAs } from './support/pages';
import { startSlowProxy, type SlowProxy } from './support/slow-proxy';

const MON_1530 = Date.UTC(2026, 10, 23, 8, 30);
const RUNNING = '0.1.0';

let h: Harness;
let proxy: SlowProxy;
let app: E2eApp;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  const updatesDir = tempDir('isoxa-e2e-releases-');
  fs.writeFileSync(path.join(updatesDir, 'ISO-Xa-Setup-0.2.0.exe'), randomBytes(3_000_000));
  h = await startServer(pglite, {}, undefined, { updatesDir });
  // About 4 s for the installer: the progress is on screen for several polls.
  proxy = await startSlowProxy(h.url, 750_000);
  app = await startE2eApp({
    demo: true,
    now: () => MON_1530,
    platform: {
      appVersion: RUNNING,
      updates: {
        create: (dir) =>
          createNodeUpdater({ appVersion: RUNNING, dir: path.join(dir, 'updater') }).updater,
      },
    },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser?.close();
  await app?.close();
  await proxy?.close();
  await h?.close();
});

const deviceId = () =>
  (
    app.backend.database().prepare('SELECT device_id FROM sync_state').get() as {
      device_id: string;
    }
  ).device_id;

describe('app updates in the browser', () => {
  it('a PC in the staged half sees the download progress, the dashboard counts it', async () => {
    const admin = await openAs(browser, app, 'admin', MON_1530);
    pages.push(admin);
    await admin.setViewportSize({ width: 1366, height: 768 });
    // The demo office's own agency code: enrolment refuses a code issued for another commune.
    const { officeId, code } = await h.admin.createOffice('000.00.12.H56', 'UBND xã Tân Lập');
    await api(admin, 'sync.enroll', { serverUrl: proxy.url, code });
    // Device ids are the server's: enrol again until this PC is in the lower half (as one
    // office in two is), so the test always sees the staged side.
    for (let i = 0; i < 12 && !inStage(deviceId(), 50); i++) {
      // Enrolment starts a sync; a new enrolment waits for it to finish.
      await syncEngineFor(app.dataDir).idle();
      await api(admin, 'sync.enroll', {
        serverUrl: proxy.url,
        code: await h.admin.newCode(officeId),
      });
    }
    expect(inStage(deviceId(), 50)).toBe(true);
    await syncEngineFor(app.dataDir).idle();

    const published = await h.admin.call('POST', '/v1/admin/updates', {
      body: {
        file: 'ISO-Xa-Setup-0.2.0.exe',
        version: '0.2.0',
        notes: 'Sửa lỗi in giấy hẹn.\nNhanh hơn khi tìm hồ sơ.',
        stagingPercentage: 50,
      },
    });
    expect(published.status).toBe(201);

    await go(admin, 'Đồng bộ');
    await admin.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    const card = admin.getByTestId('app-update');
    const progress = card.getByTestId('update-progress');
    await progress.waitFor({ timeout: 30_000 });
    expect((await card.innerText()).toLowerCase()).toContain('đang tải phiên bản 0.2.0');
    expect(await progress.innerText()).toMatch(/Đã tải \d+%/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(admin, 'sync-update-downloading');
    await card.getByTestId('update-ready').waitFor({ timeout: 60_000 });
    expect(await card.innerText()).toContain('sẽ được cài khi tắt ISO Xã');
    expect(await card.innerText()).toContain('Nhanh hơn khi tìm hồ sơ.');
    // Browser mode cannot run an installer: no install button, the reason is in the docs.
    expect(await card.getByRole('button', { name: 'Cài đặt và khởi động lại' }).count()).toBe(0);
    await screenshot(admin, 'sync-update-downloaded');

    // The next sync tells the province; its dashboard counts the PC as downloaded.
    await api(admin, 'sync.now', {});
    await syncEngineFor(app.dataDir).idle();
    const province = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    pages.push(province);
    await province.goto(h.url);
    await province.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await province.getByLabel(/^Mật khẩu/).fill(ADMIN.password);
    await province.getByRole('button', { name: 'Đăng nhập' }).click();
    await province.getByRole('navigation', { name: 'Chức năng' }).getByText('Công bố').click();
    const row = province.getByTestId('release-0.2.0');
    await row.waitFor();
    expect(await row.getByTestId('downloaded').innerText()).toBe('1');
    expect((await row.innerText()).toLowerCase()).toContain('50% số máy');
    await row.scrollIntoViewIfNeeded();
    await screenshot(province, 'province-update-counts');
  }, 180_000);
});

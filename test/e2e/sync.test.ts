// Sync end to end: the provincial server on 127.0.0.1 (PGlite) and the office app in browser
// mode, in Chromium. The admin enrols the PC on the Sync screen, dossiers received at the
// desk reach the province on "Đồng bộ ngay", the province's office figures show them, and
// the USB sync file makes the same trip without network.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/backend';
import { receiveInput } from '../support/desk';
import { pglite } from '../server/support/backends';
import { startServer, type Harness } from '../server/support/harness';
import { launchChromium, startE2eApp, type E2eApp } from './support/harness';
import { api, go, openAs, shot } from './support/pages';

const MON_1530 = Date.UTC(2026, 10, 23, 8, 30);
const AGENCY = '000.00.12.H56';

let h: Harness;
let app: E2eApp;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  h = await startServer(pglite);
  app = await startE2eApp({ demo: true, now: () => MON_1530 });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser.close();
  await app.close();
  await h.close();
});

async function as(username: string): Promise<Page> {
  const page = await openAs(browser, app, username, MON_1530);
  pages.push(page);
  return page;
}

async function officeFigures(officeId: string) {
  const reply = await h.admin.call('GET', '/v1/admin/offices');
  const offices = reply.body.offices as { id: string; dossiers: { total: number } }[];
  return offices.find((o) => o.id === officeId);
}

async function receiveDossiers(desk: Page, admin: Page, n: number) {
  const users = await api(admin, 'users.list', {});
  const tuphap = users.find((u) => u.username === 'tuphap')?.id ?? '';
  const procedures = await api(desk, 'catalog.list', {});
  const pid = procedures.find((p) => p.code === '1.001193')?.id ?? '';
  for (let i = 0; i < n; i++) await api(desk, 'dossiers.receive', receiveInput(pid, tuphap));
}

const pendingText = (page: Page) => page.getByTestId('pending').textContent();

describe('sync in the browser', () => {
  it('enrols on the Sync screen, syncs, and the province sees the dossiers', async () => {
    const { officeId, code } = await h.admin.createOffice(AGENCY, 'UBND xã Tân Lập');
    const admin = await as('admin');
    await go(admin, 'Đồng bộ');
    await admin.getByRole('heading', { name: 'Đăng ký máy với máy chủ tỉnh' }).waitFor();
    await admin.getByLabel('Địa chỉ máy chủ tỉnh').fill(h.url);
    await admin.getByLabel('Mã đăng ký').fill(code);
    await shot(admin, 'sync-enroll');
    await admin.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await admin.getByRole('heading', { name: 'Tình trạng đồng bộ' }).waitFor();
    await admin.getByText('Đã đăng ký', { exact: true }).waitFor();

    const desk = await as('motcua');
    await receiveDossiers(desk, admin, 3);
    await go(desk, 'Đồng bộ');
    await desk.getByRole('heading', { name: 'Tình trạng đồng bộ' }).waitFor();
    expect(await pendingText(desk)).toBe('12');
    await desk.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(desk), { timeout: 15_000 }).toBe('0');
    await expect
      .poll(async () => (await officeFigures(officeId))?.dossiers.total, { timeout: 10_000 })
      .toBe(3);
    // The officer sees status but no admin tools.
    expect(await desk.getByRole('button', { name: /Xuất tệp đồng bộ/ }).count()).toBe(0);
    await admin.reload();
    await admin.getByRole('heading', { name: 'Tình trạng đồng bộ' }).waitFor();
    await expect
      .poll(() => admin.getByTestId('last-sync').textContent())
      .toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await shot(admin, 'sync-status');
  });

  it('USB sync file: exported on the office PC, applied by the province, cleared on sync', async () => {
    const admin = await as('admin');
    const desk = await as('motcua');
    await receiveDossiers(desk, admin, 1);
    await go(admin, 'Đồng bộ');
    await admin.getByRole('heading', { name: 'Tình trạng đồng bộ' }).waitFor();
    const target = path.join(tempDir('isoxa-e2e-usb-'), 'dong-bo.isoxa-sync');
    await admin.getByLabel('Lưu tệp đồng bộ vào (đường dẫn đầy đủ)').fill(target);
    await admin.getByRole('button', { name: /Xuất tệp đồng bộ/ }).click();
    await admin.getByText(`Đã xuất 4 thay đổi ra ${target}`).waitFor();
    const upload = await h.admin.call('POST', '/v1/admin/sync-files', {
      raw: fs.readFileSync(target),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(upload.body).toMatchObject({ applied: 4, duplicate: 0, rejected: 0 });
    await admin.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(admin), { timeout: 15_000 }).toBe('0');
    await shot(admin, 'sync-after-usb');
  });
});

// Sync end to end: the provincial server on 127.0.0.1 (PGlite) and the office app in browser
// mode, in Chromium. The admin enrols the PC on the Sync screen, dossiers received at the
// desk reach the province on "Đồng bộ ngay", the province's office figures show them, the
// USB sync file makes the same trip without network and the province's reply file comes
// back. App updates: test/e2e/updates.test.ts.
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
import { downloadReply, uploadFile } from '../sync/support/files';

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
    // A code issued for another commune: the screen names its office and enrols nothing.
    const other = await h.admin.createOffice('000.00.12.H60', 'UBND xã Hùng Sơn');
    await admin.getByRole('textbox', { name: 'Mã đăng ký' }).fill(other.code);
    await admin.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const mismatch = admin.getByTestId('enroll-mismatch');
    await mismatch.waitFor();
    expect(await mismatch.textContent()).toContain(
      'Mã này được Sở cấp cho UBND xã Hùng Sơn (000.00.12.H60), không phải đơn vị của máy này: UBND xã Tân Lập (000.00.12.H56).',
    );
    expect(
      await mismatch.getByRole('button', { name: 'Chuyển máy sang UBND xã Hùng Sơn' }).count(),
    ).toBe(1);
    await shot(admin, 'sync-enroll-mismatch');
    expect((await api(admin, 'sync.status', {})).enrolled).toBe(false);
    await admin.getByRole('textbox', { name: 'Mã đăng ký' }).fill(code);
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
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: /Xuất tệp đồng bộ/ }).click(),
    ]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^dong-bo-.*\.isoxa-sync$/);
    const notice = admin.getByText(`thay đổi ra ${name}. Tệp đã được tải về`);
    await notice.waitFor();
    // The dossier's 4 changes, and the office's audit rows and state (office-feed.ts).
    const exported = Number(/Đã xuất (\d+) thay đổi/.exec(await notice.innerText())?.[1]);
    expect(exported).toBeGreaterThan(4);
    const target = path.join(tempDir('isoxa-e2e-usb-'), name);
    await download.saveAs(target);
    const upload = await h.admin.call('POST', '/v1/admin/sync-files', {
      raw: fs.readFileSync(target),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(upload.body).toMatchObject({ applied: exported, duplicate: 0, rejected: 0 });
    await admin.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(admin), { timeout: 15_000 }).toBe('0');
    await shot(admin, 'sync-after-usb');
  });

  it("USB reply file: the province's reply imported on the Sync screen clears the queue", async () => {
    const admin = await as('admin');
    const desk = await as('motcua');
    await receiveDossiers(desk, admin, 1);
    const uploaded = await uploadFile(h, await exportFile(admin));
    expect(uploaded).toMatchObject({ rejected: 0 });
    // The dossier's 4 changes and the audit rows written since the last sync.
    const n = uploaded.applied;
    expect(n).toBeGreaterThan(4);
    const reply = await downloadReply(h, deviceId(), uploaded);
    const file = path.join(tempDir('isoxa-e2e-reply-'), reply.fileName ?? 'phan-hoi.isoxa-reply');
    fs.writeFileSync(file, reply.bytes);
    await go(admin, 'Đồng bộ');
    await admin.getByRole('heading', { name: 'Tình trạng đồng bộ' }).waitFor();
    expect(await pendingText(admin)).toBe(String(n));
    await admin.getByRole('button', { name: 'Nhập tệp phản hồi của tỉnh' }).waitFor();
    await admin.locator('input[type=file]').setInputFiles(file);
    const result = admin.getByTestId('reply-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(`${n} thay đổi được tỉnh xác nhận`);
    await expect.poll(() => pendingText(admin), { timeout: 10_000 }).toBe('0');
    await shot(admin, 'sync-reply-import');
    // The same file again changes nothing; a broken one is refused in Vietnamese.
    await admin.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => result.innerText())
      .toContain('0 thay đổi được tỉnh xác nhận, 0 bị từ chối; 0 mục');
    fs.writeFileSync(file, reply.bytes.subarray(0, 50));
    await admin.locator('input[type=file]').setInputFiles(file);
    await admin.getByText('Không nhập được tệp phản hồi').waitFor();
    expect(await admin.getByRole('alert').first().innerText()).toContain('giữ nguyên');
  });

  it("shows the province's notices on the overview and prints its notes on the receipt", async () => {
    const published = await h.admin.call('POST', '/v1/admin/feed', {
      body: {
        entries: [
          {
            kind: 'notice',
            key: 'e2e-lich',
            version: 1,
            body: {
              title: 'Lịch trực Tết Nguyên đán 2027',
              body: 'Bộ phận Một cửa trực sáng thứ Bảy 06/02/2027.\nLiên hệ Văn phòng UBND tỉnh nếu cần hỗ trợ.',
            },
          },
          {
            kind: 'notice',
            key: 'e2e-khan',
            version: 1,
            body: {
              title: 'Cập nhật danh mục thủ tục lĩnh vực hộ tịch',
              body: 'Đồng bộ trước 16 giờ hôm nay để nhận danh mục mới.',
              important: true,
              showUntil: '2026-11-30',
            },
          },
          {
            kind: 'form_template',
            key: 'tt03-2025/receipt',
            version: 1,
            body: {
              formSet: 'tt03-2025',
              kind: 'receipt',
              notes: ['Tra cứu tình trạng hồ sơ tại dichvucong.example.gov.vn hoặc gọi 1022.'],
            },
          },
        ],
      },
    });
    expect(published.status).toBe(201);
    const admin = await as('admin');
    await go(admin, 'Đồng bộ');
    await admin.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(async () => (await api(admin, 'sync.notices', {})).notices.length).toBe(2);

    const desk = await as('motcua');
    await go(desk, 'Tổng quan');
    const notices = desk.getByTestId('province-notice');
    await notices.first().waitFor();
    // The important one first.
    expect(await notices.nth(0).innerText()).toContain('Cập nhật danh mục thủ tục');
    expect(await notices.nth(0).innerText()).toContain('hiển thị đến hết ngày 30/11/2026');
    expect(await notices.nth(1).innerText()).toContain('Lịch trực Tết Nguyên đán 2027');
    await shot(desk, 'overview-notices');

    const users = await api(admin, 'users.list', {});
    const procedures = await api(desk, 'catalog.list', {});
    const pid = procedures.find((p) => p.code === '1.001193')?.id ?? '';
    const tuphap = users.find((u) => u.username === 'tuphap')?.id ?? '';
    const received = await api(desk, 'dossiers.receive', receiveInput(pid, tuphap));
    const form = await api(desk, 'forms.render', {
      dossierId: received.dossier.id,
      kind: 'receipt',
    });
    expect(form.html).toContain('Tra cứu tình trạng hồ sơ tại dichvucong.example.gov.vn');
    const printed = await desk.context().newPage();
    await printed.setContent(form.html);
    await shot(printed, 'receipt-province-notes');
    await printed.close();
  });
});

function deviceId(): string {
  const row = app.backend.database().prepare('SELECT device_id FROM sync_state').get() as
    { device_id: string } | undefined;
  return row?.device_id ?? '';
}

async function exportFile(admin: Page): Promise<Buffer> {
  const target = path.join(tempDir('isoxa-e2e-usb-'), 'dong-bo.isoxa-sync');
  await api(admin, 'sync.exportFile', { path: target });
  return fs.readFileSync(target);
}

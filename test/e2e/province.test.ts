// The province dashboard end to end in Chromium: the real server in-process on PGlite with
// the demo province; log in, add an office and read its one-time code off the screen, enroll
// a device with it and push dossiers, see the office's figures; publish the catalog, a
// year's calendar, an app update, a notice (then withdraw it) and notes under the receipt;
// upload a USB sync file and download the reply file; see each office's reported queue; upload
// several files with scans at once. Screenshots of every screen.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Locator, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { inStage } from '../../core/update/staging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import type { ServerDatabase } from '../../server/database/connect';
import { openDatabase } from '../../server/database/connect';
import { DEMO, ensureDemo } from '../../server/database/seed';
import { vietnamMonthStart } from '../../server/province/figures';
import { decodeReplyFile } from '../../core/sync/reply-file';
import { buildSyncFile, dossierRow, send, TestDevice } from '../server/support/client';
import { dismissNotifications, launchChromium, screenshot, SCREENSHOTS } from './support/harness';

const HOUR = 3_600_000;
const AGENCY = '000.00.31.H56';
const OFFICE = 'UBND xã Hòa Bình';

let browser: Browser;
let database: ServerDatabase;
let server: FastifyInstance;
let url = '';
let page: Page;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-province-e2e-'));

beforeAll(async () => {
  if (!fs.existsSync(path.resolve('dist/renderer/province.html'))) {
    throw new Error('dist/renderer/province.html missing: run npm run build:renderer');
  }
  database = await openDatabase({ kind: 'pglite', dataDir: null });
  await ensureDemo(database.db, Date.now());
  const updatesDir = path.join(tmp, 'updates');
  fs.mkdirSync(updatesDir);
  fs.writeFileSync(path.join(updatesDir, 'ISO-Xa-Setup-1.4.0.exe'), Buffer.alloc(150_000, 'ISO'));
  server = await buildApp({ db: database.db, limits: { rateMax: 1_000_000 }, updatesDir });
  url = await server.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 800 },
  });
  page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // 401s (no session yet, a wrong password) are logged by Chromium as failed loads.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(m.text());
    }
  });
  page.on('pageerror', (e) => problems.push(e.message));
  (globalThis as { __problems?: string[] }).__problems = problems;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const nav = async (label: string) => {
  await page.getByRole('navigation', { name: 'Chức năng' }).getByText(label).click();
};

const officeRow = () => page.getByTestId(`office-${AGENCY}`);

describe('province dashboard in Chromium', () => {
  let device: TestDevice;
  const now = Date.now();
  const received = Math.max(vietnamMonthStart(now) + 60_000, now - 2 * HOUR);

  it('logs in as the province user and shows the demo office', async () => {
    const response = await page.goto(url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(await page.getByText('Phiên đăng nhập đã hết hạn').count()).toBe(0);
    await screenshot(page, 'province-login');
    await page.getByLabel('Tên đăng nhập').fill(DEMO.username);
    await page.getByLabel(/^Mật khẩu/).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('login-error').isVisible()).toBe(true);
    await page.getByLabel(/^Mật khẩu/).fill(DEMO.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Tổng quan các xã' }).waitFor();
    await page.getByTestId(`office-${DEMO.agencyCode}`).waitFor();
    expect(await page.getByTestId(`office-${DEMO.agencyCode}`).innerText()).toContain(
      'Chưa đồng bộ',
    );
  });

  it('adds an office and shows its one-time code, which enrolls a device', async () => {
    await nav('Thêm xã, cấp mã');
    await page.getByLabel('Mã định danh cơ quan').fill('không hợp lệ');
    await page.getByLabel('Tên cơ quan').fill(OFFICE);
    await page.getByRole('button', { name: 'Thêm xã và cấp mã' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Mã định danh cơ quan').fill(AGENCY);
    await page.getByRole('button', { name: 'Thêm xã và cấp mã' }).click();
    const codeText = (await page.getByTestId('enrollment-code').innerText()).trim();
    expect(codeText.length).toBeGreaterThan(6);
    expect(await page.getByTestId('code-card').innerText()).toContain('Hết hạn lúc');
    await screenshot(page, 'province-new-office');

    device = new TestDevice(url, { appVersion: '0.3.1' });
    expect((await device.enroll(codeText)).status).toBe(200);
    expect((await device.authenticate()).status).toBe(200);
    const row = (patch: Record<string, unknown>) =>
      dossierRow(uuidv7(), { receivedAt: received, ...patch });
    const pushed = await device.push([
      device.op('dossier', row({ status: 'processing', dueAt: now + 48 * HOUR })),
      device.op('dossier', row({ status: 'processing', dueAt: now - HOUR })),
      device.op(
        'dossier',
        row({ status: 'returned', dueAt: now, resolvedAt: now - HOUR, outcome: 'early' }),
      ),
      device.op(
        'dossier',
        row({
          status: 'returned',
          procedureCode: '2.000815',
          dueAt: now - 2 * HOUR,
          resolvedAt: now - HOUR,
          outcome: 'late',
        }),
      ),
    ]);
    expect(pushed.status).toBe(200);
  });

  it("shows the office's figures after a reload, and its drill-down", async () => {
    await page.goto(`${url}/#/`);
    await page.reload();
    await officeRow().waitFor();
    expect(await officeRow().getByTestId('this-month').innerText()).toBe('4');
    expect(await officeRow().getByTestId('on-time').innerText()).toBe('50%');
    expect(await officeRow().getByTestId('overdue').innerText()).toBe('1');
    expect(await officeRow().innerText()).toContain('0.3.1');
    await screenshot(page, 'province-offices');

    await officeRow().getByRole('link', { name: OFFICE }).click();
    await page.getByRole('heading', { name: OFFICE }).waitFor();
    await page.getByRole('table', { name: 'Máy đã đăng ký' }).waitFor();
    expect(await page.getByRole('table', { name: 'Hồ sơ theo thủ tục' }).innerText()).toContain(
      '2.000815',
    );
    await page.getByRole('button', { name: 'Cấp mã mới' }).click();
    await page.getByTestId('enrollment-code').waitFor();
    await screenshot(page, 'province-office-detail');
  });

  it('publishes the catalog and a year calendar, and lists them in the history', async () => {
    await nav('Công bố');
    await page.getByRole('heading', { name: 'Công bố cho các xã' }).waitFor();
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles(path.resolve('resources/catalog/procedures.json'));
    const publishCatalog = page.getByRole('button', { name: /^Công bố \d+ thủ tục$/ });
    await publishCatalog.click();
    await page.getByTestId('feed-history').getByText('1.001193').first().waitFor();

    const year = new Date().getFullYear();
    await page.getByLabel('Ngày — Ngày nghỉ theo thông báo', { exact: true }).fill(`02/01/${year}`);
    await page
      .getByLabel('Tên ngày — Ngày nghỉ theo thông báo', { exact: true })
      .fill('Nghỉ bù Tết Dương lịch');
    await page.getByRole('button', { name: 'Thêm' }).first().click();
    await page.getByRole('table', { name: 'Ngày nghỉ theo thông báo' }).waitFor();
    await page.getByRole('button', { name: `Công bố lịch năm ${year}` }).click();
    await page.getByText(/Đã công bố phiên bản 1 lúc/).waitFor();
    await page
      .getByTestId('feed-history')
      .getByRole('cell', { name: String(year), exact: true })
      .waitFor();
    await screenshot(page, 'province-publish');

    const pulled = await device.pull(0, 1000);
    const calendar = (pulled.body.entries as { kind: string; key: string; body: unknown }[]).find(
      (e) => e.kind === 'calendar',
    );
    expect(calendar).toMatchObject({
      key: String(year),
      body: { year, daysOff: [{ date: `${year}-01-02`, kind: 'holiday' }] },
    });
  });

  it('applies an uploaded USB sync file and reports the counts', async () => {
    const first = device.op(
      'dossier',
      dossierRow(uuidv7(), {
        receivedAt: received,
        status: 'returned',
        dueAt: now,
        resolvedAt: now - HOUR,
        outcome: 'on_time',
      }),
    );
    const second = device.op('dossier', dossierRow(uuidv7(), { receivedAt: received }));
    const bytes = buildSyncFile(device, { deviceId: device.deviceId, agencyCode: AGENCY }, [
      first,
      second,
      device.op('dossier', { id: 'hỏng', updatedAt: 1, code: 'X' }),
    ]);
    const file = path.join(tmp, `${AGENCY}.isoxa-sync`);
    fs.writeFileSync(file, bytes);

    await nav('Tệp đồng bộ (USB)');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: 'Tải lên và ghi nhận' }).click();
    const result = page.getByTestId('sync-file-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain(OFFICE);
    expect(text).toMatch(/Đã ghi nhận\s*2/);
    expect(text).toMatch(/Bị từ chối\s*1/);
    await screenshot(page, 'province-sync-file');
    // The reply for the office: the three ops of this file and every publication so far.
    const reply = await downloadReply(result.getByRole('button', { name: 'Tải tệp phản hồi' }));
    expect(reply.header).toMatchObject({ deviceId: device.deviceId, ackCount: 3 });
    expect(reply.header.entryCount).toBeGreaterThan(0);

    // The same file again: nothing new.
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: 'Tải lên và ghi nhận' }).click();
    await expect
      .poll(async () => result.innerText().catch(() => ''))
      .toMatch(/Đã ghi nhận\s*0\s*Đã có từ trước\s*2/);

    await nav('Tổng quan các xã');
    await expect.poll(() => officeRow().getByTestId('this-month').innerText()).toBe('6');
    expect(await officeRow().getByTestId('on-time').innerText()).toBe('66,7%');
    expect((globalThis as { __problems?: string[] }).__problems).toEqual([]);
  });

  it("shows each office's queue as its PCs report it, and a reply file per PC", async () => {
    const reported = await send(url, 'GET', '/v1/pull?cursor=0&limit=1', {
      headers: { ...device.authHeaders(), 'x-isoxa-outbox': 'pending=3;rejected=1' },
    });
    expect(reported.status).toBe(200);
    await nav('Tổng quan các xã');
    await page.reload();
    await expect.poll(() => officeRow().getByTestId('pending').innerText()).toMatch(/^3\s/);
    expect(await officeRow().getByTestId('rejected').innerText()).toBe('1');
    await screenshot(page, 'province-offices-queue');
    await officeRow().getByRole('link', { name: OFFICE }).click();
    await page.getByRole('heading', { name: OFFICE }).waitFor();
    expect(await page.getByTestId('office-pending').innerText()).toMatch(/Chờ gửi[^]*3[^]*báo lúc/);
    expect(await page.getByTestId('office-rejected').innerText()).toContain('1');
    const devices = page.getByRole('table', { name: 'Máy đã đăng ký' });
    expect(await devices.getByTestId('device-pending').innerText()).toContain('3');
    const reply = await downloadReply(devices.getByRole('button', { name: 'Tải tệp phản hồi' }));
    expect(reply.header.deviceId).toBe(device.deviceId);
    await screenshot(page, 'province-office-queue');
  });

  it('publishes an app release at 25 %, raises it to 50 %, and the PC is offered it by its id', async () => {
    await nav('Công bố');
    await page.getByRole('heading', { name: 'Cập nhật phần mềm ISO Xã' }).waitFor();
    await page.getByPlaceholder('Chọn tệp', { exact: true }).click();
    await page.getByRole('option', { name: /ISO-Xa-Setup-1\.4\.0\.exe/ }).click();
    await page.getByLabel('Phiên bản').fill('1.4.0');
    await page.getByLabel('Tỷ lệ máy nhận trước (%)').fill('25');
    await page.getByLabel('Nội dung thay đổi').fill('Nhập tệp phản hồi của tỉnh qua USB.');
    await page.getByRole('button', { name: 'Công bố bản cập nhật' }).click();
    const row = page.getByTestId('release-1.4.0');
    await row.getByText('25% số máy').waitFor();
    await dismissNotifications(page);
    await row.getByRole('button', { name: 'Tăng tỷ lệ' }).click();
    await page.getByRole('menuitem', { name: '50% số máy' }).click();
    await row.getByText('50% số máy').waitFor();
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'province-publish-update');
    const yml = await fetch(`${url}/v1/updates/latest.yml`, { headers: device.authHeaders() });
    const text = await yml.text();
    expect(text).toContain('version: 1.4.0');
    expect(text).toContain(`stagingPercentage: ${inStage(device.deviceId, 50) ? 50 : 0}`);
    expect((globalThis as { __problems?: string[] }).__problems).toEqual([]);
  });

  it('publishes a notice to every office, lists it, and withdraws it after a confirmation', async () => {
    await nav('Công bố');
    const panel = page.getByTestId('notice-panel');
    await panel.getByRole('heading', { name: 'Thông báo đến các xã' }).waitFor();
    const publish = panel.getByRole('button', { name: 'Công bố thông báo' });
    expect(await publish.isDisabled()).toBe(true);
    const nextYear = new Date().getFullYear() + 1;
    const title = 'Tạm dừng tiếp nhận hồ sơ đất đai ngày 15/12';
    await panel.getByLabel('Tiêu đề', { exact: true }).fill(title);
    await panel
      .getByLabel('Nội dung', { exact: true })
      .fill('Bộ phận một cửa tạm dừng tiếp nhận hồ sơ đất đai để nâng cấp phần mềm của tỉnh.');
    await panel.getByLabel('Thông báo quan trọng').check();
    await panel.getByLabel('Hiển thị đến hết ngày').fill(`31/12/${nextYear}`);
    await publish.click();

    const list = panel.getByTestId('notice-list');
    const row = list.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/Đang hiển thị/i);
    const text = await row.innerText();
    expect(text).toContain(`31/12/${nextYear}`);
    expect(text).toMatch(/Quan trọng/i);
    expect(text).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(await panel.getByLabel('Tiêu đề', { exact: true }).inputValue()).toBe('');
    await page
      .getByTestId('feed-history')
      .getByText('Thông báo', { exact: true })
      .first()
      .waitFor();

    const pulled = await device.pull(0, 1000);
    const notices = (pulled.body.entries as { kind: string; key: string; body: unknown }[]).filter(
      (e) => e.kind === 'notice',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toEqual({
      title,
      body: 'Bộ phận một cửa tạm dừng tiếp nhận hồ sơ đất đai để nâng cấp phần mềm của tỉnh.',
      important: true,
      showUntil: `${nextYear}-12-31`,
      withdrawn: false,
    });

    // Withdrawing asks first; "Hủy" changes nothing.
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi thông báo?' });
    await dialog.getByText(title, { exact: false }).waitFor();
    // Screenshot once the modal has faded in (the test's tsconfig has no DOM types).
    const opacity = (e: unknown) =>
      (
        globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }
      ).getComputedStyle(e).opacity;
    await expect.poll(() => dialog.evaluate(opacity)).toBe('1');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'province-notice-withdraw.png') });
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await row.innerText()).toMatch(/Đang hiển thị/i);
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await dialog.getByRole('button', { name: 'Thu hồi thông báo' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.innerText()).toMatch(/Đã thu hồi/i);
    expect(await row.getByRole('button', { name: 'Thu hồi' }).count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('feed-history').getByText('Thông báo', { exact: true }).count())
      .toBe(2);
    // The toasts (3 s) would cover the panel's top right.
    await expect
      .poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 10_000 })
      .toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'province-notices.png') });

    const after = await device.pull(0, 1000);
    const versions = (after.body.entries as { kind: string; version: number; body: unknown }[])
      .filter((e) => e.kind === 'notice')
      .map((e) => [e.version, (e.body as { withdrawn: boolean }).withdrawn]);
    expect(versions).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((globalThis as { __problems?: string[] }).__problems).toEqual([]);
  });

  it('publishes notes printed under the receipt and lists the form with them', async () => {
    await nav('Công bố');
    const panel = page.getByTestId('form-notes-panel');
    await panel.getByRole('heading', { name: 'Ghi chú in trên biểu mẫu' }).waitFor();
    expect(await panel.getByLabel('Bộ biểu mẫu').inputValue()).toBe('Thông tư 03/2025/TT-VPCP');
    await panel.getByText('Chưa có biểu mẫu nào có ghi chú.').waitFor();
    const publish = panel.getByRole('button', { name: 'Công bố ghi chú' });
    await panel.getByLabel('Biểu mẫu', { exact: true }).click();
    await page.getByRole('option', { name: 'Mẫu số 02 – Phiếu yêu cầu bổ sung' }).click();
    await panel.getByLabel('Biểu mẫu', { exact: true }).click();
    await page
      .getByRole('option', { name: 'Mẫu số 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả' })
      .click();
    const notes = panel.getByLabel(/^Ghi chú \(mỗi dòng một ghi chú/);
    expect(await notes.inputValue()).toBe('');
    expect(await publish.isDisabled()).toBe(true);
    const lines = [
      'Tra cứu tình trạng hồ sơ tại Cổng Dịch vụ công tỉnh: dichvucong.hoabinh.gov.vn',
      'Đường dây nóng phản ánh, kiến nghị: 0218 3 852 222',
    ];
    await notes.fill(`${lines[0]}\n\n${lines[1]}\n`);
    await publish.click();

    const row = panel.getByTestId('form-notes-tt03-2025-receipt');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Mẫu số 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(text).toContain('Thông tư 03/2025/TT-VPCP');
    expect(await row.getByRole('cell').nth(1).innerText()).toBe('2');
    expect(text).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(await panel.getByTestId('form-notes-list').getByRole('row').count()).toBe(2);
    // The text is the published notes now, blank lines gone; publishing them again is pointless.
    await expect.poll(() => notes.inputValue()).toBe(lines.join('\n'));
    expect(await publish.isDisabled()).toBe(true);
    await page.getByTestId('feed-history').getByText('Biểu mẫu', { exact: true }).first().waitFor();

    const pulled = await device.pull(0, 1000);
    const entries = (pulled.body.entries as { kind: string; key: string; body: unknown }[]).filter(
      (e) => e.kind === 'form_template',
    );
    expect(entries).toEqual([
      expect.objectContaining({
        key: 'tt03-2025/receipt',
        body: { formSet: 'tt03-2025', kind: 'receipt', notes: lines },
      }),
    ]);
    // The toasts (3 s) would cover the panel's top right.
    await expect
      .poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 10_000 })
      .toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'province-form-notes.png') });
    expect((globalThis as { __problems?: string[] }).__problems).toEqual([]);
  });

  it('uploads several sync files at once: scans verified, missing ones counted, bad ones named', async () => {
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(700_000)]);
    const hash = createHash('sha256').update(scan).digest('hex');
    const attachment = (sha256: string, size: number) =>
      device.op('attachment', {
        id: uuidv7(),
        dossierId: uuidv7(),
        sha256,
        size,
        mimeType: 'application/pdf',
        fileName: 'Tờ khai.pdf',
        addedBy: uuidv7(),
        addedAt: now,
        updatedAt: now,
      });
    const claims = { deviceId: device.deviceId, agencyCode: AGENCY };
    const files = [
      [
        'dong-bo-phan-1-tren-2.isoxa-sync',
        buildSyncFile(
          device,
          claims,
          [attachment(hash, scan.length)],
          [{ sha256: hash, bytes: scan }],
        ),
      ],
      [
        'dong-bo-phan-2-tren-2.isoxa-sync',
        buildSyncFile(device, claims, [attachment('e'.repeat(64), 1000)]),
      ],
      ['hong.isoxa-sync', Buffer.from('không phải tệp đồng bộ')],
    ] as const;
    const paths = files.map(([name, bytes]) => {
      fs.writeFileSync(path.join(tmp, name), bytes);
      return path.join(tmp, name);
    });
    await nav('Tệp đồng bộ (USB)');
    await page.locator('input[type=file]').setInputFiles(paths);
    await page.getByRole('button', { name: 'Tải lên và ghi nhận' }).click();
    const result = page.getByTestId('sync-file-result');
    await expect.poll(async () => result.innerText().catch(() => '')).toContain('Đã xử lý 2 tệp');
    const text = await result.innerText();
    expect(text).toContain('dong-bo-phan-2-tren-2.isoxa-sync');
    expect(text).toMatch(/Đã ghi nhận\s*1/);
    expect(text).toMatch(/Chờ tệp đính kèm\s*1/);
    expect(text).toContain('Đã nhận 1 tệp đính kèm');
    await page
      .getByRole('alert')
      .filter({ hasText: 'hong.isoxa-sync: Tệp đồng bộ không hợp lệ' })
      .waitFor();
    await page.locator('.mantine-Button-loader').waitFor({ state: 'detached' });
    await screenshot(page, 'province-sync-file-scans');
  });
});

/** Clicks a "Tải tệp phản hồi" button and reads the downloaded reply file's header. */
async function downloadReply(button: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^phan-hoi-.*\.isoxa-reply$/);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  const parts = decodeReplyFile(fs.readFileSync(file));
  if (!parts) throw new Error('not a reply file');
  return parts;
}

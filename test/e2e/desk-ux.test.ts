// What officials hit at 1366×768: a login starts on the user's own landing screen, forms say
// in Vietnamese next to the field what is missing or wrong (no browser bubbles), bad numbers
// and impossible dates are never changed silently nor saved, Escape in a date picker closes
// only the picker, the catalog offers its Excel template and export, and the calendar does
// not send the ISO secretary to a screen that role cannot open.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, login, startE2eApp, type E2eApp } from './support/harness';
import {
  api,
  DEMO_PASSWORD,
  DossierPage,
  go,
  openAs,
  openDossier,
  ReceivePage,
  shot,
} from './support/pages';

// Wednesday 25/11/2026 09:00 in Vietnam.
const clock = Date.UTC(2026, 10, 25, 2, 0);

let browser: Browser;
let app: E2eApp;
const pages: Page[] = [];

async function as(username: string): Promise<Page> {
  const page = await openAs(browser, app, username, clock);
  pages.push(page);
  return page;
}

async function fieldError(page: Page, label: string | RegExp): Promise<string> {
  // A required field's label ends with Mantine's " *".
  const input = page.getByLabel(label).first();
  const id = await input.getAttribute('aria-describedby');
  if (!id) return '';
  const texts = await Promise.all(
    id.split(' ').map((one) => page.locator(`[id="${one}"]`).textContent()),
  );
  return texts.join(' ');
}

beforeAll(async () => {
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, now: () => clock });
});
afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser.close();
  await app.close();
});

// A loaded 2-core machine runs each of these in tens of seconds.
describe('desk at 1366×768', { timeout: 180_000 }, () => {
  it('starts every login on that user’s landing screen, with nothing of the last session', async () => {
    const page = await as('admin');
    await go(page, 'Người dùng');
    await page.getByRole('button', { name: 'Thêm người dùng' }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

    // The login form checks its fields itself, in Vietnamese, next to each field.
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => fieldError(page, 'Tên đăng nhập')).toContain('Hãy nhập tên đăng nhập.');
    expect(await fieldError(page, 'Mật khẩu')).toContain('Hãy nhập mật khẩu.');
    expect(await page.locator('form[novalidate]').count()).toBe(1);
    await shot(page, 'ux-login-empty');

    await login(page, 'motcua', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/inbox');
    await page.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
    expect(await page.getByText('Bạn không có quyền xem trang này').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Thêm người dùng' }).count()).toBe(0);
    expect(await page.getByTestId('current-user').textContent()).toBe('Phạm Thị Hoa');
  });

  it('refuses −5 minutes and 0 backups next to the fields and saves nothing', async () => {
    const page = await as('admin');
    await go(page, 'Thông tin cơ quan');
    const minutes = page.getByLabel('Tự đăng xuất sau (phút không hoạt động)');
    await minutes.fill('-5');
    await page.getByLabel('Số bản sao lưu tự động giữ lại').fill('0');
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect(await minutes.inputValue()).toBe('-5');
    expect(await fieldError(page, 'Tự đăng xuất sau (phút không hoạt động)')).toContain(
      'Không được nhỏ hơn 1.',
    );
    expect(await fieldError(page, 'Số bản sao lưu tự động giữ lại')).toContain(
      'Không được nhỏ hơn 1.',
    );
    expect(await page.getByText('Đã lưu thông tin cơ quan.').count()).toBe(0);
    const office = await api(page, 'office.get', {});
    expect(office.sessionTimeoutMinutes).toBe(15);
    expect(office.backupKeep).toBeGreaterThan(0);
    await shot(page, 'ux-settings-refused');
  });

  it('keeps −3 sets and a negative fee as typed, says why, and receives nothing', async () => {
    const page = await as('motcua');
    const receive = new ReceivePage(page);
    await receive.open();
    await receive.chooseProcedure('dang ky khai sinh', '1.001193 — Đăng ký khai sinh');
    await receive.fillApplicant({
      name: 'Lê Văn Ba',
      idNumber: '001099012399',
      address: 'Thôn Bắc',
      phone: '0912000111',
    });
    const sets = page.getByLabel('Số bộ hồ sơ');
    await sets.fill('-3');
    await sets.blur();
    const fee = page.getByLabel('Phí, lệ phí thu (đồng)');
    await fee.fill('-50000');
    await fee.blur();
    expect(await sets.inputValue()).toBe('-3');
    expect(await fee.inputValue()).toMatch(/^-50/);
    expect(await fieldError(page, 'Số bộ hồ sơ')).toContain('Không được nhỏ hơn 1.');
    expect(await fieldError(page, 'Phí, lệ phí thu (đồng)')).toContain('Không được là số âm.');
    await page.getByRole('button', { name: /^Tiếp nhận/ }).click();
    await shot(page, 'ux-receive-refused');
    expect(page.url()).toContain('#/receive');
    expect((await api(page, 'dossiers.list', { query: 'Lê Văn Ba' })).total).toBe(0);
  });

  it('keeps 31/02/2026 in the list filter with a message instead of clearing it', async () => {
    const page = await as('motcua');
    await go(page, 'Danh sách hồ sơ');
    const from = page.getByLabel('Tiếp nhận từ ngày');
    await from.fill('31/02/2026');
    await from.blur();
    expect(await from.inputValue()).toBe('31/02/2026');
    expect(await fieldError(page, 'Tiếp nhận từ ngày')).toContain(
      'Ngày 31/02/2026 không có trong lịch.',
    );
    await shot(page, 'ux-list-bad-date');
  });

  it('closes only the date picker on Escape, keeping the dialog and what was typed', async () => {
    const desk = await as('motcua');
    const receive = new ReceivePage(desk);
    await receive.open();
    await receive.chooseProcedure('dang ky khai sinh', '1.001193 — Đăng ký khai sinh');
    await receive.fillApplicant({
      name: 'Đỗ Thị Tư',
      idNumber: '001199012377',
      address: 'Thôn Nam',
      phone: '0912000222',
    });
    const id = await receive.submit();

    const leader = await as('chutich');
    await openDossier(leader, id);
    const due = await new DossierPage(leader).due();
    await new DossierPage(leader).actionButton('Xin lỗi, gia hạn').click();
    const dialog = leader.getByRole('dialog', { name: 'Xin lỗi, gia hạn' });
    await dialog.getByLabel('Lý do').fill('Chờ xác minh');
    const date = dialog.getByLabel('Ngày hẹn trả mới');
    await date.fill('3');
    await dialog.getByRole('button', { name: 'Chọn ngày trên lịch' }).click();
    await leader.locator('.mantine-DatePicker-month, .mantine-Popover-dropdown').first().waitFor();
    await shot(leader, 'ux-extension-picker');
    await date.press('Escape');
    await expect.poll(() => leader.locator('.mantine-Popover-dropdown').count()).toBe(0);
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel('Lý do').inputValue()).toBe('Chờ xác minh');

    // An impossible date is said next to the field, and nothing is extended.
    await date.fill('31/02/2027');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    expect(await fieldError(leader, 'Ngày hẹn trả mới')).toContain(
      'Ngày 31/02/2027 không có trong lịch.',
    );
    expect(await dialog.isVisible()).toBe(true);
    await shot(leader, 'ux-extension-bad-date');
    await leader.keyboard.press('Escape');
    expect(await new DossierPage(leader).due()).toBe(due);
  });

  it('offers the catalog’s Excel template and export', async () => {
    const page = await as('thuky');
    await go(page, 'Danh mục thủ tục');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp mẫu (.xlsx)' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('mau-nhap-danh-muc-thu-tuc.xlsx');
    expect(fs.statSync(await template.path()).size).toBeGreaterThan(3000);
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất Excel' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/^danh-muc-thu-tuc_2026-11-25\.xlsx$/);
    await shot(page, 'ux-catalog');
  });

  it('does not send the ISO secretary to a screen the role cannot open', async () => {
    const page = await as('thuky');
    await go(page, 'Lịch làm việc');
    const hint = page.getByTestId('hours-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('do quản trị hệ thống cập nhật');
    expect(await hint.getByRole('link').count()).toBe(0);
    await shot(page, 'ux-calendar-secretary');
  });

  it('fits 1366×768: applicant in view, users modal on screen, notices clear of the header', async () => {
    const page = await as('admin');
    await page.setViewportSize({ width: 1366, height: 768 });
    await go(page, 'Người dùng');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const modal = page.getByRole('dialog', { name: 'Thêm người dùng' });
    const box = await modal.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 768).toBe(true);
    await shot(page, 'ux-users-modal');
    await page.keyboard.press('Escape');

    const desk = await as('motcua');
    await desk.setViewportSize({ width: 1366, height: 768 });
    const receive = new ReceivePage(desk);
    await receive.open();
    await receive.chooseProcedure('dang ky khai sinh', '1.001193 — Đăng ký khai sinh');
    const applicant = await desk.getByLabel('Họ và tên người nộp').boundingBox();
    expect(applicant && applicant.y + applicant.height <= 768).toBe(true);
    await desk.screenshot({ path: 'test-results/screenshots/ux-receive-768.png' });
  });
});

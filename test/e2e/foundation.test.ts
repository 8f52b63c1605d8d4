// First run → admin → a user with a role → that user sees and can do only what the role
// allows; a wrong password and a lockout, in real Chromium against browser mode.
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import {
  launchChromium,
  login,
  openApp,
  screenshot,
  startE2eApp,
  type E2eApp,
} from './support/harness';

let browser: Browser;
let app: E2eApp;
beforeAll(async () => {
  browser = await launchChromium();
  app = await startE2eApp();
});
afterAll(async () => {
  await browser.close();
  await app.close();
});

describe('foundation in the browser', () => {
  it('sets up the office, manages users and enforces roles', async () => {
    const admin = await openApp(browser, app);
    await expect
      .poll(() => admin.getByRole('heading', { name: 'Thiết lập lần đầu' }).isVisible())
      .toBe(true);
    await screenshot(admin, '01-setup');
    await admin.getByLabel('Tên cơ quan').fill('UBND xã Hòa Bình');
    await admin.getByLabel('Mã định danh cơ quan').fill('000.00.31.H56');
    await admin.getByLabel('Tỉnh/thành phố').fill('Tỉnh Phú Thọ');
    await admin.getByLabel('Xã/phường').fill('Xã Hòa Bình');
    await admin.getByLabel('Họ và tên').fill('Nguyễn Văn Quản');
    await admin.getByLabel('Tên đăng nhập').fill('quantri');
    await admin.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('matkhau-123');
    await admin.getByLabel('Nhập lại mật khẩu').fill('matkhau-123');
    await admin.getByRole('button', { name: 'Tạo cơ quan' }).click();
    // The recovery code, shown once, in the form it is printed: six groups of four.
    await admin.getByRole('heading', { name: 'Mã khôi phục dữ liệu' }).waitFor();
    expect(await admin.getByLabel('Mã khôi phục').textContent()).toMatch(
      /^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/,
    );
    await screenshot(admin, '01b-recovery-code');
    await admin.getByRole('button', { name: 'Tôi đã cất giữ mã, tiếp tục' }).click();
    await admin.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await screenshot(admin, '02-login');

    // Wrong password: Vietnamese error, nothing else changes.
    const before = dumpDatabase(app.backend)
      .replace(/"failed_attempts":\d+/g, '')
      .replace(/\["audit_log".*?\]\]/, '')
      .replace(/\{"scope":"audit_log","last":\d+\}/, '');
    await login(admin, 'quantri', 'sai-mat-khau');
    await expect
      .poll(() => admin.getByTestId('login-error').textContent())
      .toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await screenshot(admin, '03-login-wrong-password');
    const after = dumpDatabase(app.backend)
      .replace(/"failed_attempts":\d+/g, '')
      .replace(/\["audit_log".*?\]\]/, '')
      .replace(/\{"scope":"audit_log","last":\d+\}/, '');
    expect(after).toBe(before);

    await login(admin, 'quantri', 'matkhau-123');
    await expect
      .poll(() => admin.getByTestId('current-user').textContent())
      .toBe('Nguyễn Văn Quản');
    await screenshot(admin, '04-home-admin');
    await admin.getByRole('link', { name: 'Người dùng' }).click();
    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = admin.getByRole('dialog');
    await form.getByLabel('Họ và tên').fill('Lê Thị Mai');
    await form.getByLabel('Tên đăng nhập').fill('motcua1');
    await form.getByLabel('Chức danh').fill('Công chức Một cửa');
    await form.getByLabel('Công chức Một cửa').check();
    await form.getByLabel('Mật khẩu ban đầu (ít nhất 8 ký tự)').fill('tamthoi-123');
    await screenshot(admin, '05-user-create');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await admin.locator('tr[data-username="motcua1"]').waitFor();
    await screenshot(admin, '06-users');

    // The new user: forced password change, then only the desk officer's functions.
    const mai = await openApp(browser, app);
    await login(mai, 'motcua1', 'tamthoi-123');
    await mai.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await mai.getByLabel('Mật khẩu hiện tại').fill('tamthoi-123');
    await mai.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('maimoi-456');
    await mai.getByLabel('Nhập lại mật khẩu mới').fill('maimoi-456');
    await mai.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect.poll(() => mai.getByTestId('current-user').textContent()).toBe('Lê Thị Mai');
    await mai.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
    await mai.getByRole('link', { name: 'Tổng quan' }).click();
    await expect
      .poll(() => mai.getByTestId('my-permissions').textContent())
      .toContain('Tiếp nhận hồ sơ');
    expect(await mai.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    expect(await mai.getByRole('link', { name: 'Sao lưu dữ liệu' }).count()).toBe(0);
    await screenshot(mai, '07-home-desk-officer');
    await mai.goto(`${app.server.origin}/#/users`);
    await expect
      .poll(() => mai.getByText('Bạn không có quyền xem trang này.').isVisible())
      .toBe(true);
    // And the service refuses even a hand-made call.
    const direct = await mai.evaluate(async () => {
      const r = await fetch('/api/users.create', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-isoxa-run': sessionStorage.getItem('isoxa.run') ?? '',
          'x-isoxa-session': sessionStorage.getItem('isoxa.session') ?? '',
        },
        body: JSON.stringify({
          username: 'hacker',
          fullName: 'X',
          roles: ['admin'],
          password: 'dong-lua-thom-9',
        }),
      });
      return (await r.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(direct).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('locks an account after five wrong passwords, with a Vietnamese message', async () => {
    const page = await openApp(browser, app);
    for (let i = 0; i < 5; i++) await login(page, 'motcua1', `sai-${i}`);
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('tạm khóa vì nhập sai nhiều lần');
    await login(page, 'motcua1', 'maimoi-456');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('tạm khóa vì nhập sai nhiều lần');
    await screenshot(page, '08-locked');
  });

  it('refuses calls without the run token or from another origin', async () => {
    const json = { 'content-type': 'application/json' };
    const noToken = await fetch(`${app.server.origin}/api/app.status`, {
      method: 'POST',
      body: '{}',
      headers: json,
    });
    expect(noToken.status).toBe(403);
    const run = { 'x-isoxa-run': app.server.token };
    const evil = await fetch(`${app.server.origin}/api/app.status`, {
      method: 'POST',
      body: '{}',
      headers: { ...json, ...run, origin: 'http://evil.example' },
    });
    expect(evil.status).toBe(403);
    const rebinding = await new Promise<number>((resolve, reject) => {
      const port = Number(new URL(app.server.origin).port);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/app.status',
          method: 'POST',
          headers: { host: 'evil.example', ...run, ...json },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebinding).toBe(421);
    const good = await fetch(`${app.server.origin}/api/app.status`, {
      method: 'POST',
      body: '{}',
      headers: { ...json, ...run },
    });
    expect(((await good.json()) as { ok: boolean }).ok).toBe(true);
  });
});

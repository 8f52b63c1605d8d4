// The one-stop desk end to end in Chromium against browser mode, on an injected clock:
// receive (appointment across the 24/11 holiday and across Tết), forward through every ISO
// step by the role that owns it, return, print the forms, search without diacritics, and a
// forward by the wrong role refused. Screenshots of every desk screen.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, buildCalendar } from '../../core/calendar';
import { launchChromium, startE2eApp, type E2eApp } from './support/harness';
import {
  api,
  callApi,
  DossierPage,
  go,
  openAs,
  openDossier,
  ReceivePage,
  shot,
} from './support/pages';

const RESULTS = path.resolve('test-results');
const ROLE_USER: Readonly<Record<string, string>> = {
  desk_officer: 'motcua',
  specialist: 'tuphap',
  leader: 'chutich',
  records_clerk: 'vanthu',
};
const MINUTE = 60_000;
// Monday 23/11/2026 15:30 Vietnam time: after the 15:00 cut-off, and 24/11 is a holiday.
const MON_1530 = Date.UTC(2026, 10, 23, 8, 30);
const WED_25_0800 = Date.UTC(2026, 10, 25, 1, 0);
// Wednesday 03/02/2027 10:00, two days before the Tết 2027 days off.
const BEFORE_TET = Date.UTC(2027, 1, 3, 3, 0);

let browser: Browser;
let app: E2eApp;
let clock = MON_1530;
const pages: Page[] = [];

async function as(username: string): Promise<Page> {
  const page = await openAs(browser, app, username, clock);
  pages.push(page);
  return page;
}

async function savePdf(page: Page, html: string, name: string): Promise<void> {
  const printPage = await page.context().newPage();
  // At the app origin so the form's /resources/fonts/ load as they do in the app.
  await printPage.goto(`${app.server.origin}/resources/fonts/LICENSE-LiberationSerif.txt`);
  await printPage.setContent(html, { waitUntil: 'load' });
  // A string: this project's Node typings have no DOM.
  await printPage.evaluate('document.fonts.ready.then(() => true)');
  const file = path.join(RESULTS, `${name}.pdf`);
  await printPage.pdf({ path: file, format: 'A4', printBackground: true });
  await printPage.close();
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
}

/** pdftotext is a dev-machine extra, not a CI dependency: check the PDF text when present. */
function pdfText(name: string): string | null {
  try {
    return execFileSync('pdftotext', ['-layout', path.join(RESULTS, `${name}.pdf`), '-'], {
      encoding: 'utf8',
    });
  } catch {
    return null;
  }
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, now: () => clock });
});
afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser.close();
  await app.close();
});

// Each test logs several users in; a loaded 2-core machine takes over a minute for some.
describe('one-stop desk in the browser', { timeout: 180_000 }, () => {
  let dossierId = '';
  let code = '';
  let tetId = '';

  it('receives a same-day dossier after the cut-off: appointment skips the 24/11 holiday', async () => {
    const desk = await as('motcua');
    const receive = new ReceivePage(desk);
    await receive.open();
    await receive.chooseProcedure('dang ky khai sinh', '1.001193 — Đăng ký khai sinh');
    await expect.poll(() => receive.appointment()).toBe('Hẹn trả: 17:00 25/11/2026');
    // The ID number is checked as it is typed.
    await desk.getByLabel('Số giấy tờ tùy thân').fill('12345');
    await expect
      .poll(() => desk.getByText('Số căn cước/CCCD phải gồm đúng 12 chữ số').isVisible())
      .toBe(true);
    await receive.fillApplicant({
      name: 'Nguyễn Văn Đức',
      idNumber: '001099012345',
      address: 'Thôn Đông, xã Hòa Bình',
      phone: '0912345678',
    });
    await expect
      .poll(() => desk.getByRole('combobox', { name: 'Chuyển cho' }).inputValue())
      .toContain('Hoàng Văn Đức');
    await shot(desk, 'desk-receive');
    dossierId = await receive.submit();
    const detail = new DossierPage(desk);
    code = (await detail.code()) ?? '';
    expect(code).toMatch(/-261123-\d{4}$/);
    expect(await detail.due()).toBe('17:00 25/11/2026');
    // "Tiếp nhận và in giấy hẹn": the receipt (Mẫu 01) opens ready to print, and the browser
    // says how to save it as a PDF.
    const frame = desk.frameLocator('iframe');
    await expect
      .poll(() => frame.locator('body').textContent(), { timeout: 20_000 })
      .toContain(code);
    expect(await desk.getByTestId('pdf-hint').textContent()).toContain(
      'chọn máy in “Lưu dưới dạng PDF” (Save as PDF)',
    );
    await shot(desk, 'desk-print-preview');
    await desk.getByRole('button', { name: 'Đóng' }).click();
    // A double click made one dossier, not two.
    const list = await api(desk, 'dossiers.list', { query: 'Nguyễn Văn Đức' });
    expect(list.total).toBe(1);
    await shot(desk, 'desk-detail-new');

    // Both forms saved as PDF.
    for (const [kind, name] of [
      ['receipt', 'desk-receipt'],
      ['control_slip', 'desk-control-slip'],
    ] as const) {
      const form = await api(desk, 'forms.render', { dossierId, kind });
      for (const text of [code, 'Nguyễn Văn Đức', '15:30 23/11/2026']) {
        expect(form.html, `${kind} shows ${text}`).toContain(text);
      }
      if (kind === 'receipt') expect(form.html).toContain('17:00 25/11/2026');
      await savePdf(desk, form.html, name);
      const text = pdfText(name);
      if (text !== null) {
        expect(text).toContain(code);
        expect(text).toContain('Nguyễn Văn Đức');
      }
    }
  });

  it('refuses a forward by a role that does not own the step, and nothing changes', async () => {
    const leader = await as('chutich');
    await openDossier(leader, dossierId);
    expect(await leader.getByRole('button', { name: 'Chuyển bước tiếp theo' }).count()).toBe(0);
    const before = await api(leader, 'dossiers.get', { id: dossierId });
    const people = await api(leader, 'desk.assignees', { role: 'leader' });
    const result = await callApi(leader, 'dossiers.forward', {
      id: dossierId,
      expectedStep: before.dossier.currentStep,
      toUserId: people[0]?.id ?? '',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Bạn không thể chuyển bước hồ sơ này ở bước hiện tại.' },
    });
    expect(await api(leader, 'dossiers.get', { id: dossierId })).toEqual(before);
  });

  it('goes through every step of the ISO procedure by the role that owns it, then returns', async () => {
    const first = await as('motcua');
    const detail = await api(first, 'dossiers.get', { id: dossierId });
    const procedure = (await api(first, 'catalog.list', {})).find((p) => p.code === '1.001193');
    const version = (await api(first, 'catalog.get', { id: procedure?.id ?? '' })).versions.at(-1);
    const steps = version?.body.steps ?? [];
    expect(steps.map((s) => s.role)).toEqual(detail.plan.map((s) => s.role));
    expect(detail.dossier.currentStep).toBe(2);

    // Steps 2 … n-1 hand the dossier on; the last step (the desk) returns it.
    for (let no = 2; no < steps.length; no += 1) {
      const step = steps[no - 1];
      clock = no < steps.length - 1 ? clock + 20 * MINUTE : WED_25_0800;
      const user = ROLE_USER[step?.role ?? ''] ?? '';
      const page = await as(user);
      await openDossier(page, dossierId);
      const dossier = new DossierPage(page);
      // Two leaders in the demo office (Chủ tịch, Phó Chủ tịch): the Chairman signs.
      const to = steps[no]?.role === 'leader' ? 'Trần Thị Lãnh' : undefined;
      await dossier.act('Chuyển bước tiếp theo', `Bước ${no} xong`, to);
      await expect
        .poll(async () => (await api(page, 'dossiers.get', { id: dossierId })).dossier.currentStep)
        .toBe(no + 1);
      if (no === 2) await shot(page, 'desk-detail-processing');
    }

    clock = WED_25_0800 + 60 * MINUTE;
    const desk = await as('motcua');
    await openDossier(desk, dossierId);
    const dossier = new DossierPage(desk);
    await dossier.act('Trả kết quả', 'Người đi đăng ký đã nhận Giấy khai sinh');
    await expect
      .poll(() => desk.locator('[data-status="returned"]').first().textContent())
      .toBe('Đã trả kết quả');
    await expect.poll(() => desk.locator('[data-outcome]').first().textContent()).toBe('Đúng hạn');
    expect(await desk.getByTestId('returned-at').textContent()).toBe('Đã trả lúc 09:00 25/11/2026');
    const done = await api(desk, 'dossiers.get', { id: dossierId });
    expect(done.dossier).toMatchObject({ status: 'returned', outcome: 'on_time' });
    expect(done.steps.every((s) => s.finishedAt !== null && s.outcome !== null)).toBe(true);
    expect(done.events.map((e) => e.kind)).toContain('returned');
    await shot(desk, 'desk-detail');

    // The control slip now lists every hand-off.
    const slip = await api(desk, 'forms.render', { dossierId, kind: 'control_slip' });
    expect(slip.html).toContain('Hoàng Văn Đức');
    expect(slip.html).toContain('Trần Thị Lãnh');
    await savePdf(desk, slip.html, 'desk-control-slip-returned');
  });

  it('shows the dashboard, the book, the catalog, the calendar and the settings', async () => {
    const leader = await as('chutich');
    await go(leader, 'Tổng quan');
    await expect.poll(() => leader.getByTestId('stat-overdue').textContent()).toBe('0');
    await expect.poll(() => leader.getByText(/100\s?%/).count()).toBeGreaterThan(0);
    await leader.mouse.move(0, 0); // the login click leaves the pointer over the chart
    await shot(leader, 'desk-dashboard');

    const desk = await as('motcua');
    await go(desk, 'Sổ theo dõi hồ sơ');
    await desk.getByRole('button', { name: 'Xem và in sổ' }).click();
    await expect
      .poll(() => desk.frameLocator('iframe').locator('body').textContent())
      .toContain(code);
    await shot(desk, 'desk-book');
    await desk.getByRole('button', { name: 'Đóng' }).click();
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('button', { name: 'Xuất Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await download.saveAs(path.join(RESULTS, 'desk-book.xlsx'));

    const iso = await as('thuky');
    await go(iso, 'Danh mục thủ tục');
    await iso.locator('tr[data-code="1.001193"]').waitFor();
    await expect.poll(() => iso.getByLabel('Nhập từ Excel').count()).toBe(1);
    // A workbook that is not the catalog template: rejected with row-level errors, nothing imported.
    await iso.locator('input[type="file"]').setInputFiles(path.join(RESULTS, 'desk-book.xlsx'));
    await iso.getByRole('button', { name: 'Nhập danh mục' }).click();
    await iso.getByText('Tệp có lỗi, chưa nhập thủ tục nào').waitFor();
    await expect
      .poll(() => iso.getByRole('button', { name: 'Nhập danh mục' }).isEnabled())
      .toBe(true);
    await shot(iso, 'desk-catalog');
    await iso.locator('tr[data-code="1.001193"]').click();
    await iso.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
    expect(await iso.locator('tr[data-step]').count()).toBe(5);
    await shot(iso, 'desk-catalog-detail');

    await go(iso, 'Lịch làm việc');
    await iso.locator('tr[data-date="2026-11-24"]').waitFor();
    expect(await iso.locator('tr[data-date="2026-11-24"]').textContent()).toContain('Thứ Ba');
    await iso.getByRole('button', { name: 'Lưu lịch năm 2026' }).click();
    await iso.getByText('Đã lưu lịch năm 2026.').waitFor();
    await shot(iso, 'desk-calendar');

    const admin = await as('admin');
    await go(admin, 'Cấu hình một cửa');
    await admin.getByTestId('code-sample').waitFor();
    await admin.getByRole('button', { name: 'Lưu cấu hình' }).click();
    await admin.getByText('Đã lưu cấu hình một cửa.').waitFor();
    await shot(admin, 'desk-settings');
  });

  it('counts working days across the Tết 2027 days off', async () => {
    clock = BEFORE_TET;
    const desk = await as('motcua');
    const [c2026, c2027] = await Promise.all([
      api(desk, 'calendar.get', { year: 2026 }),
      api(desk, 'calendar.get', { year: 2027 }),
    ]);
    const cal = buildCalendar(c2027.officeHours, [c2026.overrides, c2027.overrides]);
    const expected = addWorkingDays(BEFORE_TET, 3, cal);
    const text = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour12: false,
    });
    const parts = Object.fromEntries(text.formatToParts(expected).map((p) => [p.type, p.value]));
    const shown = `${parts['hour']}:${parts['minute']} ${parts['day']}/${parts['month']}/${parts['year']}`;
    // Tết 2027 (Sat 6/2) gives days off around it: the third working day is after them all.
    const tet = c2027.daysOff.filter((d) => d.date >= '2027-02-04' && d.date <= '2027-02-20');
    expect(tet.map((d) => d.date)).toContain('2027-02-08');
    const lastTetDay =
      tet
        .map((d) => d.date)
        .sort()
        .at(-1) ?? '';
    const [dd, mm, yyyy] = shown.slice(6).split('/');
    expect(`${yyyy}-${mm}-${dd}` > lastTetDay).toBe(true);

    const receive = new ReceivePage(desk);
    await receive.open();
    await receive.chooseProcedure('tinh trang hon nhan', /^1\.004873 — /);
    await expect.poll(() => receive.appointment()).toBe(`Hẹn trả: ${shown}`);
    await receive.fillApplicant({
      name: 'Trần Thị Bình',
      idNumber: '001199004321',
      address: 'Thôn Tây, xã Hòa Bình',
      phone: '0987654321',
    });
    tetId = await receive.submit();
    expect(await new DossierPage(desk).due()).toBe(shown);
  });

  it('requests a supplement, takes it in, and extends the appointment with an apology', async () => {
    clock = BEFORE_TET + 60 * MINUTE;
    const specialist = await as('tuphap');
    await openDossier(specialist, tetId);
    await new DossierPage(specialist).actionButton('Yêu cầu bổ sung').click();
    const ask = specialist.getByRole('dialog', { name: 'Yêu cầu bổ sung' });
    await ask.getByLabel(/Giấy tờ cần bổ sung/).fill('Trích lục ly hôn\nGiấy xác nhận cư trú');
    await ask.getByLabel('Lý do').fill('Người yêu cầu đã từng kết hôn');
    await ask.getByRole('button', { name: 'Xác nhận' }).click();
    await specialist.locator('[data-status="supplement"]').first().waitFor();
    const notice = await api(specialist, 'forms.render', { dossierId: tetId, kind: 'supplement' });
    expect(notice.html).toContain('Trích lục ly hôn');

    clock += 60 * MINUTE;
    const desk = await as('motcua');
    await openDossier(desk, tetId);
    await expect
      .poll(() => desk.getByRole('button', { name: 'Phiếu yêu cầu bổ sung (Mẫu 02)' }).count())
      .toBe(1);
    await new DossierPage(desk).act('Nhận hồ sơ bổ sung', 'Đã nộp đủ');
    await desk.locator('[data-status="processing"]').first().waitFor();

    clock += 10 * MINUTE;
    const leader = await as('chutich');
    await openDossier(leader, tetId);
    await new DossierPage(leader).actionButton('Xin lỗi, gia hạn').click();
    const sorry = leader.getByRole('dialog', { name: 'Xin lỗi, gia hạn' });
    await sorry.getByLabel('Ngày hẹn trả mới').fill('18/02/2027');
    await sorry.getByLabel('Lý do').fill('Chờ xác minh tại nơi cư trú trước đây');
    await sorry.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => new DossierPage(leader).due()).toBe('17:00 18/02/2027');
    await leader.getByTestId('original-due').waitFor();
    await leader.getByRole('button', { name: 'Văn bản xin lỗi, gia hạn (Mẫu 04)' }).waitFor();
    await shot(leader, 'desk-detail-extended');
  });

  it('finds the dossier without diacritics in the list', async () => {
    const desk = await as('motcua');
    await go(desk, 'Danh sách hồ sơ');
    await expect
      .poll(() => desk.getByTestId('dossier-total').textContent())
      .toBe('Tổng số: 2 hồ sơ');
    await shot(desk, 'desk-list-all');
    await desk.getByLabel('Tìm kiếm').fill('nguyen van duc');
    await expect.poll(() => desk.url()).toContain('q=nguyen+van+duc');
    await desk.locator(`tr[data-code="${code}"]`).waitFor();
    await expect
      .poll(() => desk.getByTestId('dossier-total').textContent())
      .toBe('Tổng số: 1 hồ sơ');
    await shot(desk, 'desk-list');
    await desk.locator(`tr[data-code="${code}"]`).click();
    await expect.poll(() => new DossierPage(desk).code()).toBe(code);
  });
});

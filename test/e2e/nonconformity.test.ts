// Nonconformity and corrective action end to end in Chromium (browser mode, injected clock):
// a dossier is returned late → the ISO secretary opens a nonconformity from its detail, pre-
// filled and linked back → analyses it (5 whys) and plans an action for the specialist → the
// specialist has it in the inbox and reports it done → the chairman verifies it effective and
// closes it; the report prints. Screenshots at 1366x768.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../core/contract';
import { launchChromium, startE2eApp, type E2eApp } from './support/harness';
import { api, go, openAs, openDossier, shot, move } from './support/pages';

const ROLE_USER: Readonly<Record<string, readonly [string, string]>> = {
  desk_officer: ['motcua', 'Phạm Thị Hoa'],
  specialist: ['tuphap', 'Hoàng Văn Đức'],
  leader: ['chutich', 'Trần Thị Lãnh'],
  records_clerk: ['vanthu', 'Đặng Thị Thư'],
};
const pick = (list: readonly { id: string; fullName: string }[], role: string) =>
  list.find((p) => p.fullName === ROLE_USER[role]?.[1])?.id ?? '';
// Mon 23/11/2026 09:00 and Wed 25/11/2026 09:00 Vietnam time (24/11 is a holiday).
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);
const WED_0900 = Date.UTC(2026, 10, 25, 2, 0);

let browser: Browser;
let app: E2eApp;
let clock = MON_0900;
const pages: Page[] = [];

async function as(username: string): Promise<Page> {
  const page = await openAs(browser, app, username, clock);
  await page.setViewportSize({ width: 1366, height: 768 });
  pages.push(page);
  return page;
}

/** A same-day birth registration received Monday and returned Wednesday: late. */
async function lateDossier(): Promise<string> {
  const desk = await as('motcua');
  const procedures = await api(desk, 'catalog.list', {});
  const pid = procedures.find((p) => p.code === '1.001193')?.id ?? '';
  const people = await api(desk, 'desk.assignees', { role: 'specialist' });
  let d: OpOutput<'dossiers.get'> = await api(desk, 'dossiers.receive', {
    requestKey: crypto.randomUUID(),
    procedureId: pid,
    applicant: {
      fullName: 'Trần Văn Bình',
      idKind: 'cccd',
      idNumber: '001099054321',
      address: 'Thôn Tây, xã Tân Lập',
      phone: '0912000111',
      email: '',
    },
    documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
    sets: 1,
    feeVnd: 0,
    channel: 'direct',
    assigneeId: pick(people, 'specialist'),
    note: '',
  });
  clock = WED_0900;
  const byUser = new Map<string, Page>();
  const page = async (u: string) => byUser.get(u) ?? byUser.set(u, await as(u)).get(u)!;
  while (d.nextStep) {
    const holder = await page(ROLE_USER[d.steps.at(-1)?.role ?? '']?.[0] ?? '');
    const nextRole = d.nextStep.role as 'desk_officer' | 'specialist' | 'leader' | 'records_clerk';
    const to = await api(holder, 'desk.assignees', { role: nextRole });
    d = await api(holder, 'dossiers.forward', {
      id: d.dossier.id,
      expectedStep: d.dossier.currentStep,
      toUserId: pick(to, nextRole),
      note: '',
    });
  }
  const returned = await api(await page('motcua'), 'dossiers.return', {
    id: d.dossier.id,
    expectedStep: d.dossier.currentStep,
    note: '',
  });
  expect(returned.dossier.outcome).toBe('late');
  return d.dossier.id;
}

const state = (page: Page) => page.getByTestId('nc-state').textContent();

beforeAll(async () => {
  fs.mkdirSync(path.resolve('test-results'), { recursive: true });
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, now: () => clock });
});
afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser.close();
  await app.close();
});

describe('nonconformity from a late dossier to closing', () => {
  it('is opened, analysed, acted on, verified and closed by the right people', async () => {
    const dossierId = await lateDossier();

    const iso = await as('thuky');
    await openDossier(iso, dossierId);
    await iso.getByRole('button', { name: 'Tạo sự không phù hợp' }).click();
    const create = iso.getByRole('dialog', { name: 'Tạo sự không phù hợp' });
    await create.waitFor();
    await shot(iso, 'nc-create-from-dossier');
    await expect
      .poll(() => create.getByRole('textbox').first().inputValue())
      .toMatch(/^Hồ sơ .+ giải quyết quá hạn$/);
    expect(await create.getByTestId('nc-source').textContent()).toContain('Hồ sơ trễ hạn');
    await create.getByLabel('Khắc phục tức thời (nếu đã làm)').fill('Đã xin lỗi người dân');
    await shot(iso, 'nc-create-from-dossier');
    await create.getByRole('button', { name: 'Tạo sự không phù hợp' }).click();
    await iso.getByTestId('nc-code').waitFor();
    expect(await iso.getByTestId('nc-code').textContent()).toBe('SKPH-2026-001');
    expect(await state(iso)).toBe('Mới phát hiện');

    await iso.getByRole('button', { name: 'Phân tích nguyên nhân' }).click();
    const analysis = iso.getByRole('dialog', { name: 'Phân tích nguyên nhân' });
    await analysis.getByLabel('Tại sao 1?').fill('Hồ sơ chờ ký 2 ngày');
    await analysis.getByLabel('Tại sao 2?').fill('Chủ tịch đi họp tỉnh');
    await analysis.getByLabel('Tại sao 3?').fill('Chưa có ủy quyền ký thay');
    await analysis.getByLabel('Nguyên nhân gốc rễ').fill('Chưa có quy định ký thay khi vắng');
    await analysis.getByRole('combobox', { name: 'Nhóm nguyên nhân' }).click();
    await iso.getByRole('option', { name: 'Quy trình, phương pháp làm việc' }).click();
    await analysis.getByRole('button', { name: 'Lưu phân tích' }).click();
    await analysis.waitFor({ state: 'detached' });
    await expect.poll(() => state(iso)).toBe('Đã phân tích nguyên nhân');

    await iso.getByRole('button', { name: 'Thêm hành động' }).click();
    const add = iso.getByRole('dialog', { name: 'Thêm hành động khắc phục' });
    await add.getByRole('textbox', { name: /^Hành động/ }).fill('Ban hành quy định ký thay');
    await add.getByLabel('Nội dung thực hiện').fill('Trình quyết định ủy quyền Phó Chủ tịch ký');
    await add.getByRole('combobox', { name: 'Người thực hiện' }).fill('Hoàng');
    await iso.getByRole('option', { name: /Hoàng Văn Đức/ }).click();
    await add.getByLabel('Thời hạn').fill('04/12/2026');
    await add.getByLabel('Thời hạn').press('Tab');
    await add.getByRole('button', { name: 'Giao hành động' }).click();
    await add.waitFor({ state: 'detached' });
    await iso.getByTestId('nc-action').waitFor();
    await move(iso, 'Hoàn tất kế hoạch khắc phục', {
      'Ngày kiểm tra hiệu lực (không sớm hơn)': '25/11/2026',
    });
    await expect.poll(() => state(iso)).toBe('Đang thực hiện hành động khắc phục');
    await shot(iso, 'nc-detail-planned');

    const specialist = await as('tuphap');
    const inbox = await api(specialist, 'qms.inbox', {});
    const mine = inbox.items.find((i) => i.task === 'Thực hiện hành động');
    expect(mine).toMatchObject({ title: 'Ban hành quy định ký thay', overdue: false });
    await go(specialist, 'Sự không phù hợp');
    await specialist.getByRole('link', { name: 'SKPH-2026-001' }).click();
    await specialist.getByRole('button', { name: 'Báo cáo đã thực hiện' }).click();
    const done = specialist.getByRole('dialog', { name: 'Báo cáo đã thực hiện' });
    await done.getByLabel('Kết quả thực hiện').fill('Đã có Quyết định ủy quyền số 12/QĐ-UBND');
    await done.getByRole('button', { name: 'Báo cáo đã thực hiện' }).click();
    await done.waitFor({ state: 'detached' });
    await expect.poll(() => state(specialist)).toBe('Đã thực hiện, chờ kiểm tra hiệu lực');

    const chairman = await as('chutich');
    await chairman.evaluate(`location.hash = '#/qms/nonconformities'`);
    await chairman.getByRole('link', { name: 'SKPH-2026-001' }).click();
    await move(chairman, 'Xác nhận có hiệu lực', {
      'Kết quả kiểm tra hiệu lực': 'Không còn hồ sơ chờ ký quá hạn',
    });
    await expect.poll(() => state(chairman)).toBe('Đã xác nhận hiệu lực');
    await move(chairman, 'Đóng sự không phù hợp');
    await expect.poll(() => state(chairman)).toBe('Đã đóng');
    await shot(chairman, 'nc-detail-closed');

    await chairman.getByRole('button', { name: 'In phiếu' }).click();
    const frame = chairman.frameLocator('iframe[title^="Phiếu xử lý sự không phù hợp"]');
    await frame.getByText('PHIẾU XỬ LÝ SỰ KHÔNG PHÙ HỢP VÀ HÀNH ĐỘNG KHẮC PHỤC').waitFor();
    await frame.getByText('Chưa có quy định ký thay khi vắng').waitFor();
    await screenshotPreview(chairman);

    await openDossier(chairman, dossierId);
    const link = chairman.getByTestId('dossier-nc');
    await expect.poll(() => link.textContent()).toContain('SKPH-2026-001');
    expect(await link.textContent()).toContain('Đã đóng');
    await shot(chairman, 'nc-dossier-linked');
    await go(chairman, 'Sự không phù hợp');
    await chairman.getByText('Tất cả', { exact: true }).click();
    await chairman.getByTestId('nc-row').waitFor();
    await shot(chairman, 'nc-register');
  }, 300_000);
});

async function screenshotPreview(page: Page) {
  await page.screenshot({
    path: path.resolve('test-results/screenshots/nc-print-preview.png'),
  });
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
}

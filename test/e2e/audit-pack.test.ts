// The audit pack between two offices in Chromium (browser mode, two demo offices): the audited
// office's auditor exports the pack (the passphrase shown once), the visiting auditor imports it
// on the other office's PC with the passphrase, answers the checklist, writes a finding and
// exports the results; back home the results are imported into the audit. Screenshots at
// 1366x768 of each side.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dismissNotifications } from './support/harness';
import { demoOffice } from './support/office';
import { api, go, shot } from './support/pages';

// Mon 23/11/2026 09:00 Vietnam time.
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);

const home = demoOffice(() => MON_0900);
const away = demoOffice(() => MON_0900);

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const at = await file.path();
  return { name: file.suggestedFilename(), buffer: fs.readFileSync(at) };
}

async function upload(page: Page, button: string, file: { name: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await chooser.setFiles({
    name: file.name,
    mimeType: 'application/octet-stream',
    buffer: file.buffer,
  });
}

describe('audit pack for a visiting auditor', () => {
  it('is exported, filled in another office and its results imported back', async () => {
    // The audited office: an approved audit of birth registration.
    const iso = await home.as('thuky');
    const options = await api(iso, 'audits.options', {});
    const doc = options.documents.find((d) => d.title.includes('khai sinh'));
    const people = new Map(options.people.map((p) => [p.fullName, p.id]));
    const created = await api(iso, 'audits.create', {
      year: 2026,
      month: 11,
      area: 'Lĩnh vực hộ tịch',
      scope: 'Đăng ký khai sinh tại Bộ phận Một cửa',
      date: '2026-11-26',
      leadAuditorId: people.get('Vũ Quốc Kiểm') ?? '',
      auditeeIds: [people.get('Hoàng Văn Đức') ?? ''],
      documentIds: [doc?.id ?? ''],
      clauses: ['7.5', '8.5'],
    });
    const chairman = await home.as('chutich');
    const got = await api(chairman, 'audits.get', { id: created.id });
    await api(chairman, 'qms.transition', {
      id: created.id,
      transition: 'approve',
      rev: got.record.rev,
    });

    const auditor = await home.as('danhgia');
    await auditor.evaluate(`location.hash = '#/qms/audits/${created.id}'`);
    const pack = await download(auditor, () =>
      auditor.getByRole('button', { name: 'Xuất gói đánh giá' }).click(),
    );
    expect(pack.name).toBe('goi-danh-gia_DGNB-2026-01.isoxa-audit');
    const passphrase = (await auditor.getByTestId('pack-passphrase').textContent()) ?? '';
    expect(passphrase).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    await shot(auditor, 'audit-pack-exported');
    await auditor.getByRole('button', { name: 'Đã chép mật khẩu' }).click();

    // The other office (another commune of the province).
    const admin = await away.as('admin');
    const office = await api(admin, 'office.get', {});
    await api(admin, 'office.update', {
      name: 'UBND xã Bên Cạnh',
      agencyCode: '000.00.99.H57',
      province: office.province,
      commune: office.commune,
      address: office.address,
      sessionTimeoutMinutes: 240,
      backupKeep: office.backupKeep,
    });
    const visitor = await away.as('danhgia');
    await go(visitor, 'Đánh giá nội bộ');
    await visitor.getByRole('button', { name: 'Nhập gói đánh giá' }).click();
    const dialog = visitor.getByRole('dialog', { name: 'Nhập gói đánh giá' });
    await upload(visitor, 'Chọn tệp…', pack);
    await dialog.getByLabel('Mật khẩu gói đánh giá').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await dialog.getByRole('button', { name: 'Nhập gói' }).click();
    await dialog.getByText('Mật khẩu gói đánh giá không đúng').waitFor();
    await shot(visitor, 'audit-pack-wrong-passphrase');
    await dialog.getByLabel('Mật khẩu gói đánh giá').fill(passphrase);
    await dialog.getByRole('button', { name: 'Nhập gói' }).click();
    await visitor.getByText('Kế hoạch đánh giá (chỉ xem)').waitFor();
    await dismissNotifications(visitor);

    const items = visitor.getByTestId('visit-item');
    const count = await items.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) {
      const select = items.nth(i).getByRole('combobox');
      await select.click();
      await visitor
        .getByRole('option', { name: i === 0 ? 'Không phù hợp' : 'Phù hợp', exact: true })
        .click();
      await expect.poll(() => select.inputValue()).toBe(i === 0 ? 'Không phù hợp' : 'Phù hợp');
    }
    await visitor.getByRole('combobox', { name: 'Loại phát hiện' }).click();
    await visitor.getByRole('option', { name: 'Không phù hợp nhẹ' }).click();
    await visitor.getByRole('combobox', { name: 'Điều khoản' }).fill('7.5');
    await visitor.getByRole('option', { name: /^7\.5 / }).click();
    await visitor
      .getByLabel('Nội dung phát hiện')
      .fill('Sổ theo dõi hồ sơ ghi thiếu ngày trả kết quả');
    await visitor.getByLabel('Bằng chứng').fill('Sổ theo dõi tháng 10/2026');
    await visitor.getByRole('button', { name: 'Ghi phát hiện' }).click();
    await visitor.getByTestId('visit-finding').waitFor();
    const results = await download(visitor, () =>
      visitor.getByRole('button', { name: 'Xuất kết quả' }).click(),
    );
    expect(results.name).toBe('ket-qua-danh-gia_DGNB-2026-01_lan-1.isoxa-audit-result');
    await visitor.getByText('Đã xuất kết quả số 1').waitFor();
    await shot(visitor, 'audit-pack-visiting');
    // The visiting auditor prints what they recorded (PDF through the preview) and gets the .docx.
    await dismissNotifications(visitor);
    await visitor.getByRole('button', { name: 'In phiếu đánh giá', exact: true }).click();
    const printed = visitor.frameLocator('iframe[title^="Phiếu ghi nhận đánh giá nội bộ"]');
    await printed.getByText('PHIẾU GHI NHẬN ĐÁNH GIÁ NỘI BỘ').waitFor();
    await printed.getByText('Sổ theo dõi hồ sơ ghi thiếu ngày trả kết quả').waitFor();
    await visitor.screenshot({
      path: path.resolve('test-results/screenshots/audit-pack-visit-print.png'),
    });
    await visitor.getByRole('button', { name: 'Đóng', exact: true }).click();
    const word = await download(visitor, () =>
      visitor.getByRole('button', { name: 'In phiếu đánh giá (Word)' }).click(),
    );
    expect(word.name).toBe('phieu-danh-gia_DGNB-2026-01.docx');

    // Back home: the results go into the audit.
    await auditor.reload();
    await upload(auditor, 'Nhập kết quả', results);
    await auditor
      .getByText(/Đã nhập kết quả số 1 của đánh giá viên Vũ Quốc Kiểm \(UBND xã Bên Cạnh\)/)
      .waitFor();
    await expect.poll(() => auditor.getByTestId('finding-row').count()).toBe(1);
    expect(await auditor.getByTestId('audit-state').textContent()).toBe('Đang đánh giá');
    await expect
      .poll(() => auditor.getByText(`Danh mục kiểm tra: ${count}/${count} câu hỏi`).count())
      .toBe(1);
    await shot(auditor, 'audit-pack-results-imported');
    // The same file again changes nothing and says why.
    await dismissNotifications(auditor);
    await upload(auditor, 'Nhập kết quả', results);
    await auditor.getByText('Tệp kết quả số 1 đã được nhập').waitFor();
    expect(await auditor.getByTestId('finding-row').count()).toBe(1);
  }, 240_000);
});

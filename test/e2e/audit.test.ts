// Internal audit end to end in Chromium (browser mode, injected clock): the ISO secretary plans
// an audit of the birth-registration procedure — naming the specialist who works in it as lead
// auditor is refused — the chairman approves the plan, the auditor finds the checklist in the
// inbox and fills it by keyboard, raises a finding that opens a nonconformity, draws a sample
// of real dossiers, and reports; the report prints. Screenshots at 1366x768.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, go, receiveBirths, shot } from './support/pages';
import { demoOffice } from './support/office';

// Mon 23/11/2026 09:00 Vietnam time.
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);

const { as } = demoOffice(() => MON_0900);

async function pickOption(page: Page, field: string, search: string, option: RegExp) {
  const dialog = page.getByRole('dialog');
  const input = dialog.getByRole('combobox', { name: field });
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
  await input.press('Tab');
}

describe('internal audit from plan to report', () => {
  it('is planned, approved, filled by keyboard, raises a nonconformity and is reported', async () => {
    const dossiers = await receiveBirths(await as('motcua'), ['Lý Thị Mai', 'Đỗ Văn Nam']);

    const iso = await as('thuky');
    await go(iso, 'Đánh giá nội bộ');
    await iso.getByRole('button', { name: 'Lập kế hoạch đánh giá' }).click();
    const dialog = iso.getByRole('dialog', { name: 'Lập kế hoạch đánh giá năm 2026' });
    await dialog.getByLabel('Lĩnh vực được đánh giá').fill('Lĩnh vực hộ tịch');
    await dialog.getByLabel('Ngày đánh giá').fill('26/11/2026');
    await dialog.getByLabel('Ngày đánh giá').press('Tab');
    await dialog.getByLabel('Phạm vi đánh giá').fill('Đăng ký khai sinh tại Bộ phận Một cửa');
    await pickOption(iso, 'Quy trình được đánh giá', 'khai sinh', /đăng ký khai sinh/i);
    await pickOption(iso, 'Người được đánh giá', 'Hoàng', /Hoàng Văn Đức/);
    await pickOption(
      iso,
      'Điều khoản đánh giá (để trống: mọi điều khoản áp dụng)',
      '7.5',
      /^7\.5 /,
    );
    await pickOption(
      iso,
      'Điều khoản đánh giá (để trống: mọi điều khoản áp dụng)',
      '8.5',
      /^8\.5 /,
    );
    // The desk officer who receives birth registrations may not audit them.
    await dialog.getByRole('combobox', { name: 'Trưởng đoàn đánh giá' }).fill('Phạm');
    await iso.getByRole('option', { name: /Phạm Thị Hoa/ }).click();
    await dialog.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await dialog.getByText('đánh giá viên không được đánh giá lĩnh vực mình làm việc').waitFor();
    await shot(iso, 'audit-plan-refused');
    await dialog.getByRole('combobox', { name: 'Trưởng đoàn đánh giá' }).fill('Vũ');
    await iso.getByRole('option', { name: /Vũ Quốc Kiểm/ }).click();
    await dialog.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await iso.getByTestId('audit-code').waitFor();
    expect(await iso.getByTestId('audit-code').textContent()).toBe('DGNB-2026-01');
    expect(await iso.getByTestId('audit-state').textContent()).toBe('Đang lập kế hoạch');
    const auditId = iso.url().split('/').at(-1) ?? '';

    const chairman = await as('chutich');
    const leaderInbox = await api(chairman, 'qms.inbox', {});
    expect(leaderInbox.items.map((i) => i.task)).toContain('Phê duyệt kế hoạch đánh giá nội bộ');
    await chairman.evaluate(`location.hash = '#/qms/audits/${auditId}'`);
    await chairman.getByRole('button', { name: 'Phê duyệt kế hoạch' }).click();
    const approve = chairman.getByRole('dialog', { name: 'Phê duyệt kế hoạch' });
    await approve.getByRole('button', { name: 'Phê duyệt kế hoạch' }).click();
    await approve.waitFor({ state: 'detached' });
    await expect
      .poll(() => chairman.getByTestId('audit-state').textContent())
      .toBe('Kế hoạch đã duyệt');

    const auditor = await as('danhgia');
    const inbox = await api(auditor, 'qms.inbox', {});
    const line = inbox.items.find((i) => i.source === 'audit_checklist');
    expect(line).toMatchObject({
      task: 'Thực hiện đánh giá nội bộ (0/6 câu hỏi)',
      code: 'DGNB-2026-01',
    });
    await auditor.evaluate(`location.hash = '#${line?.link ?? ''}'`);
    await auditor.getByTestId('checklist-item').first().waitFor();
    const progress = auditor.getByTestId('checklist-progress');
    for (const key of ['1', '1', '1']) await auditor.keyboard.press(key);
    await expect.poll(() => progress.textContent()).toBe('3/6');
    // The fourth question (8.5, the first of its clause): not conform, with a note, then a finding from it.
    await auditor.keyboard.press('2');
    await auditor.keyboard.press('ArrowUp');
    await auditor.keyboard.press('Enter');
    await auditor.keyboard.type('Sổ theo dõi hồ sơ thiếu ngày trả kết quả');
    await auditor.keyboard.press('Enter');
    await auditor.keyboard.press('f');
    const finding = auditor.getByRole('dialog', { name: 'Ghi phát hiện đánh giá' });
    await finding.waitFor();
    expect(await finding.getByLabel('Nội dung phát hiện').inputValue()).toBe(
      'Sổ theo dõi hồ sơ thiếu ngày trả kết quả',
    );
    await finding
      .getByLabel('Bằng chứng (hồ sơ, tài liệu, người được hỏi)')
      .fill(`Hồ sơ ${dossiers[0]}`);
    await shot(auditor, 'audit-finding-dialog');
    await finding.getByRole('button', { name: 'Ghi phát hiện và mở sự không phù hợp' }).click();
    await finding.waitFor({ state: 'detached' });
    await expect.poll(() => progress.textContent()).toBe('4/6');
    await shot(auditor, 'audit-checklist');

    await auditor.getByRole('button', { name: 'Về cuộc đánh giá' }).click();
    await auditor.getByRole('button', { name: 'Lấy mẫu ngẫu nhiên' }).click();
    await auditor.getByTestId('sample-row').first().waitFor();
    expect(await auditor.getByTestId('sample-row').count()).toBe(2);
    await auditor.getByLabel(`Tiếp nhận ${dossiers[1]}`).click();
    const nc = auditor.getByTestId('finding-nc');
    await expect.poll(() => nc.textContent()).toBe('SKPH-2026-001');
    expect(await auditor.getByTestId('audit-state').textContent()).toBe('Đang đánh giá');
    await shot(auditor, 'audit-detail');

    await auditor.evaluate(`location.hash = '#/qms/audits/${auditId}/checklist'`);
    await auditor.getByTestId('checklist-item').nth(4).click();
    await auditor.keyboard.press('1');
    await auditor.keyboard.press('4');
    await expect.poll(() => progress.textContent()).toBe('6/6');
    await auditor.getByRole('button', { name: 'Về cuộc đánh giá' }).click();
    await auditor.getByRole('button', { name: 'Lập báo cáo đánh giá' }).click();
    const report = auditor.getByRole('dialog', { name: 'Lập báo cáo đánh giá' });
    await report
      .getByLabel('Kết luận của đoàn đánh giá')
      .fill('Quy trình đăng ký khai sinh cơ bản phù hợp; 1 điểm không phù hợp nhẹ về sổ theo dõi.');
    await report.getByRole('button', { name: 'Lập báo cáo đánh giá' }).click();
    await report.waitFor({ state: 'detached' });
    await expect.poll(() => auditor.getByTestId('audit-state').textContent()).toBe('Đã có báo cáo');

    await auditor.getByRole('button', { name: 'In báo cáo', exact: true }).click();
    const frame = auditor.frameLocator('iframe[title^="Báo cáo đánh giá nội bộ"]');
    await frame.getByText('BÁO CÁO ĐÁNH GIÁ NỘI BỘ').waitFor();
    await frame.getByText('SKPH-2026-001').waitFor();
    await auditor.screenshot({
      path: path.resolve('test-results/screenshots/audit-report-preview.png'),
    });
    await auditor.getByRole('button', { name: 'Đóng', exact: true }).click();

    await nc.click();
    await auditor.getByTestId('nc-code').waitFor();
    expect(await auditor.getByTestId('nc-code').textContent()).toBe('SKPH-2026-001');

    await go(iso, 'Đánh giá nội bộ');
    await iso.getByTestId('audit-row').waitFor();
    await shot(iso, 'audit-programme');
  }, 300_000);
});

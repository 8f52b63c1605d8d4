// Management review end to end in Chromium (browser mode, injected clock): the ISO secretary
// plans the meeting (without a chair it is refused in Vietnamese), sees the inputs filled from
// the office's own dossiers of the year, annotates one, writes the decisions, decides an action,
// records the meeting held (the inputs are frozen) and prints the minutes. Screenshots of the
// list, the detail and the printed minutes at 1366x768.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, go, receiveBirths, shot } from './support/pages';
import { demoOffice } from './support/office';

// Mon 23/11/2026 09:00 Vietnam time.
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);

const { as } = demoOffice(() => MON_0900);

async function pick(page: Page, field: string, search: string, option: RegExp) {
  const dialog = page.getByRole('dialog');
  const input = dialog.getByRole('combobox', { name: field });
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
  await input.press('Tab');
}

const inputCard = (page: Page, key: string) => page.locator(`[data-key="${key}"]`);

describe('management review from plan to minutes', () => {
  it('is planned, filled from the dossiers, annotated, decided, held and printed', async () => {
    const desk = await as('motcua');
    await receiveBirths(desk, ['Lý Thị Mai', 'Đỗ Văn Nam']);
    await receiveBirths(desk, ['Ngô Thị Lan'], 'online');

    const iso = await as('thuky');
    await go(iso, 'Xem xét của lãnh đạo');
    await iso.getByRole('button', { name: 'Lập kế hoạch họp xem xét' }).click();
    const plan = iso.getByRole('dialog', { name: 'Lập kế hoạch họp xem xét' });
    await plan.getByLabel('Ngày họp').fill('23/11/2026');
    await plan.getByLabel('Ngày họp').press('Tab');
    await plan.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await plan.getByText('Phải chọn người chủ trì cuộc họp (lãnh đạo UBND xã).').waitFor();
    await pick(iso, 'Chủ trì (lãnh đạo)', 'Trần', /Trần Thị Lãnh/);
    await pick(iso, 'Thư ký cuộc họp', 'Lê Minh', /Lê Minh Chất/);
    await pick(iso, 'Thành phần tham dự', 'Phạm', /Phạm Thị Hoa/);
    await pick(iso, 'Thành phần tham dự', 'Bùi', /Bùi Văn Phong/);
    await plan.getByLabel('Khách mời').fill('Đại diện Đảng ủy xã');
    await plan.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await iso.getByTestId('review-code').waitFor();
    expect(await iso.getByTestId('review-code').textContent()).toBe('XXLD-2026-001');
    expect(await iso.getByTestId('review-state').textContent()).toBe('Đang chuẩn bị');
    const reviewId = iso.url().split('/').at(-1) ?? '';
    const inbox = await api(iso, 'qms.inbox', {});
    expect(inbox.items.find((i) => i.id === reviewId)?.task).toBe(
      'Chuẩn bị họp xem xét của lãnh đạo',
    );

    // Every 9.3.2 input, filled from this office's dossiers where it has any.
    expect(await iso.getByTestId('review-input').count()).toBe(12);
    const monitoring = inputCard(iso, 'monitoring');
    await monitoring
      .getByText('Tiếp nhận 3 hồ sơ (trực tuyến 1, 33,3 %)', { exact: false })
      .waitFor();
    await inputCard(iso, 'audit_results').getByText('Chưa có dữ liệu').waitFor();

    const note = monitoring.getByLabel('Ý kiến, kết luận');
    await note.fill('Cần tuyên truyền để người dân nộp hồ sơ trực tuyến nhiều hơn.');
    await note.press('Tab');
    await expect
      .poll(async () => {
        const got = await api(iso, 'reviews.get', { id: reviewId });
        return (got.record.data['notes'] as Record<string, string>)['monitoring'];
      })
      .toBe('Cần tuyên truyền để người dân nộp hồ sơ trực tuyến nhiều hơn.');
    const decisions = iso.getByLabel(
      'Kết luận về cơ hội cải tiến, nhu cầu thay đổi hệ thống, nhu cầu nguồn lực',
    );
    await decisions.fill(
      'Hệ thống quản lý chất lượng phù hợp và có hiệu lực; đẩy mạnh dịch vụ công trực tuyến.',
    );
    await decisions.press('Tab');
    await expect
      .poll(async () => (await api(iso, 'reviews.get', { id: reviewId })).record.data['decisions'])
      .toMatch(/^Hệ thống quản lý chất lượng phù hợp/);

    await iso.getByRole('button', { name: 'Thêm hành động' }).click();
    const add = iso.getByRole('dialog', { name: 'Thêm hành động được đề ra' });
    await add
      .getByRole('textbox', { name: /^Hành động/ })
      .fill('Hướng dẫn nộp hồ sơ trực tuyến tại Bộ phận Một cửa');
    await add.getByLabel('Nội dung thực hiện').fill('Bố trí máy tính và người hướng dẫn');
    await pick(iso, 'Người thực hiện', 'Phạm', /Phạm Thị Hoa/);
    await add.getByLabel('Thời hạn').fill('31/12/2026');
    await add.getByLabel('Thời hạn').press('Tab');
    await add.getByRole('button', { name: 'Giao hành động' }).click();
    await add.waitFor({ state: 'detached' });
    await iso.getByTestId('review-action').waitFor();
    await shot(iso, 'review-detail');

    await iso.getByRole('button', { name: 'Ghi nhận đã họp' }).click();
    const hold = iso.getByRole('dialog', { name: 'Ghi nhận đã họp' });
    await hold.getByRole('button', { name: 'Ghi nhận đã họp' }).click();
    await hold.waitFor({ state: 'detached' });
    await expect.poll(() => iso.getByTestId('review-state').textContent()).toBe('Đã họp');
    await iso.getByText('Các đầu vào đã được chốt khi ghi nhận đã họp', { exact: false }).waitFor();

    // More dossiers after the meeting: the held review's inputs do not move.
    await receiveBirths(desk, ['Vũ Văn Hải']);
    await iso.reload();
    await inputCard(iso, 'monitoring')
      .getByText('Tiếp nhận 3 hồ sơ (trực tuyến 1, 33,3 %)', { exact: false })
      .waitFor();

    await iso.getByRole('button', { name: 'In biên bản', exact: true }).click();
    const frame = iso.frameLocator('iframe[title^="Biên bản họp xem xét của lãnh đạo"]');
    await frame.getByText('BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO').waitFor();
    await frame.getByText('Hướng dẫn nộp hồ sơ trực tuyến tại Bộ phận Một cửa').waitFor();
    await frame
      .getByText('Cần tuyên truyền để người dân nộp hồ sơ trực tuyến nhiều hơn.')
      .waitFor();
    await iso.screenshot({
      path: path.resolve('test-results/screenshots/review-minutes-preview.png'),
    });
    await iso.getByRole('button', { name: 'Đóng', exact: true }).click();

    await go(iso, 'Xem xét của lãnh đạo');
    await iso.getByTestId('review-row').waitFor();
    expect(await iso.getByTestId('review-row').textContent()).toContain('Đã họp');
    await shot(iso, 'review-list');
  }, 300_000);
});

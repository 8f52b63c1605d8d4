// The yearly report end to end in Chromium (browser mode, the demo office, injected clock on
// 02/12/2026, when this year's report falls due): the ISO secretary opens it from her inbox,
// generates it from the year's data, types the difficulties and proposals and submits it; the
// chairman approves it from his inbox; the secretary sends it; the report previews with its
// sections and texts. Screenshots at 1366x768.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoOffice } from './support/office';
import { go, move, shot } from './support/pages';

// Wed 02/12/2026 09:00 Vietnam time.
const clock = Date.UTC(2026, 11, 2, 2, 0);
const { as } = demoOffice(() => clock);

const inboxLink = async (page: Awaited<ReturnType<typeof as>>, task: string) => {
  await go(page, 'Việc cần làm');
  await page
    .getByRole('table', { name: 'Việc cần làm' })
    .getByRole('row')
    .filter({ hasText: task })
    .getByRole('link')
    .first()
    .click();
};

describe('yearly report', { timeout: 180_000 }, () => {
  it('is generated, filled, approved by the chairman, sent and printed', async () => {
    const iso = await as('thuky');
    await inboxLink(iso, 'Lập báo cáo năm 2026 về HTQLCL gửi Sở KH&CN');
    await iso.getByText('Chưa có báo cáo năm 2026.').waitFor();
    await iso.getByRole('button', { name: 'Lập báo cáo năm 2026' }).click();
    expect(await iso.getByTestId('yearly-state').textContent()).toBe('Dự thảo');
    await iso.getByText('Giải quyết đúng hạn và trước hạn:').waitFor();
    await iso
      .getByText(/Số liệu lấy ngày 02\/12\/2026 \(kỳ báo cáo 01\/01\/2026 – 31\/12\/2026\)/)
      .waitFor();
    const texts: [string, string][] = [
      ['Đánh giá chung về việc duy trì HTQLCL', 'Hệ thống được duy trì, cải tiến đều đặn.'],
      ['Khó khăn, vướng mắc', 'Máy scan thường xuyên hỏng; thiếu công chức chuyên trách ISO.'],
      ['Đề xuất, kiến nghị', 'Đề nghị Sở tổ chức tập huấn chuyên gia đánh giá nội bộ.'],
      ['Phương hướng, nhiệm vụ năm tiếp theo', 'Rà soát toàn bộ quy trình trong quý I.'],
    ];
    for (const [label, value] of texts) await iso.getByLabel(label).fill(value);
    await iso.getByRole('button', { name: 'Lưu nội dung' }).click();
    await iso.getByText('Đã lưu nội dung báo cáo.').waitFor();
    await shot(iso, 'yearly-report-draft');
    await move(iso, 'Trình lãnh đạo duyệt');
    await iso.getByText('Chờ lãnh đạo duyệt', { exact: true }).waitFor();

    const chair = await as('chutich');
    await inboxLink(chair, 'Duyệt báo cáo năm về HTQLCL gửi Sở KH&CN');
    await chair.getByText('Máy scan thường xuyên hỏng', { exact: false }).waitFor();
    await move(chair, 'Duyệt báo cáo');
    await chair
      .getByText('Số liệu đã chốt: báo cáo không còn thay đổi theo dữ liệu mới.')
      .waitFor();
    expect(await chair.getByTestId('yearly-state').textContent()).toBe('Đã duyệt, chờ gửi');

    await inboxLink(iso, 'Gửi báo cáo năm đã duyệt lên Sở KH&CN');
    await move(iso, 'Gửi lên Sở KH&CN');
    await iso.getByText(/Báo cáo đã gửi: lên Sở KH&CN ở lần đồng bộ tiếp theo/).waitFor();
    expect(await iso.getByTestId('yearly-state').textContent()).toBe('Đã gửi Sở KH&CN');
    await shot(iso, 'yearly-report-sent');

    await iso.getByRole('button', { name: 'In báo cáo', exact: true }).click();
    const frame = iso.frameLocator('iframe[title^="Báo cáo"]');
    await frame.getByText('Kính gửi: Sở Khoa học và Công nghệ tỉnh').waitFor();
    await frame.getByText('IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ').waitFor();
    await frame.getByText(/Đề nghị Sở tổ chức tập huấn/).waitFor();
    await iso.screenshot({
      path: path.resolve('test-results/screenshots/yearly-report-preview.png'),
    });
  });
});

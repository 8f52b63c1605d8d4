// Risks and opportunities end to end in Chromium (browser mode, injected clock): the ISO
// secretary opens the register (the seeded typical risks on the 5×5 heat map, a cell filters
// the list), identifies a new risk on the scale, gives the specialist a treatment action and
// decides the treatment; the specialist reports it done; the secretary re-assesses it (the
// residual score) and the heat map moves it; the register downloads as Excel. 1366x768 shots.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dismissNotifications } from './support/harness';
import { demoOffice } from './support/office';
import { go, shot } from './support/pages';

// Mon 23/11/2026 09:00 Vietnam time.
const clock = Date.UTC(2026, 10, 23, 2, 0);
const office = demoOffice(() => clock);

const rows = (page: Page) => page.getByTestId('risk-row');

async function pickScale(scope: ReturnType<Page['getByRole']>, label: string, value: number) {
  await scope
    .getByRole('radiogroup', { name: label })
    .getByText(String(value), { exact: true })
    .click();
}

describe('risk register', () => {
  it(
    'shows the heat map, takes a risk through its treatment and exports to Excel',
    { timeout: 180_000 },
    async () => {
      const iso = await office.as('thuky');
      await go(iso, 'Rủi ro và cơ hội');
      await iso.getByRole('table', { name: 'Sổ đăng ký rủi ro và cơ hội' }).waitFor();
      await expect.poll(() => rows(iso).count()).toBeGreaterThan(20);
      // The seeded chứng thực risk (3 × 5) is in the 3 × 5 cell; the cell filters the list.
      const cell = iso.getByTestId('heat-3-5');
      expect(await cell.getAttribute('aria-label')).toMatch(
        /^Khả năng 3, ảnh hưởng 5: [1-9]\d* rủi ro, mức cao$/,
      );
      const inCell = Number(await cell.textContent());
      await shot(iso, 'risks-register');
      await cell.click();
      await expect.poll(() => rows(iso).count()).toBe(inCell);
      for (const text of await rows(iso).allTextContents()) expect(text).toContain('3 × 5');
      await iso.getByRole('button', { name: 'Bỏ lọc ô' }).click();

      // A new risk on the scale: 4 × 4 = 16, high.
      await iso.getByRole('button', { name: 'Nhận diện rủi ro, cơ hội' }).click();
      const create = iso.getByRole('dialog', { name: 'Nhận diện rủi ro, cơ hội' });
      await create.waitFor();
      await create.getByRole('combobox', { name: 'Quá trình' }).fill('chung thuc hop dong');
      await iso.getByRole('option', { name: /^Chứng thực hợp đồng/ }).click();
      await create
        .getByRole('textbox', { name: 'Rủi ro', exact: true })
        .fill('Hợp đồng chứng thực khi đất đang bị kê biên');
      await create
        .getByLabel('Mô tả')
        .fill('Không tra cứu thông tin ngăn chặn trước khi chứng thực');
      await create.getByLabel('Nguyên nhân').fill('Chưa kết nối cơ sở dữ liệu ngăn chặn giao dịch');
      await create.getByLabel('Hậu quả').fill('Giao dịch vô hiệu, người dân khiếu nại');
      await pickScale(create, 'Khả năng xảy ra', 4);
      await pickScale(create, 'Mức độ ảnh hưởng', 4);
      expect(await create.textContent()).toContain('Điểm = 4 × 4 =16 · Cao');
      await shot(iso, 'risks-create');
      await create.getByRole('button', { name: 'Ghi vào sổ' }).click();
      await iso.getByTestId('risk-state').waitFor();
      expect(await iso.getByTestId('risk-state').textContent()).toBe(
        'Đã nhận diện, chờ quyết định xử lý',
      );
      expect(await iso.getByTestId('risk-score').textContent()).toBe('4 × 416 · Cao');
      const riskUrl = iso.url();
      await dismissNotifications(iso);

      // A treatment action for the specialist, then the treatment decided.
      await iso.getByRole('button', { name: 'Thêm hành động' }).click();
      const add = iso.getByRole('dialog', { name: 'Thêm hành động xử lý' });
      await add
        .getByRole('textbox', { name: /^Hành động/ })
        .fill('Tra cứu thông tin ngăn chặn trước khi chứng thực');
      await add
        .getByLabel('Nội dung thực hiện')
        .fill('Lập sổ tra cứu, đối chiếu danh sách ngăn chặn của huyện');
      await add.getByRole('combobox', { name: 'Người thực hiện' }).fill('Hoàng');
      await iso.getByRole('option', { name: /^Hoàng Văn Đức/ }).click();
      await add.getByLabel('Thời hạn').fill('30/11/2026');
      await add.getByLabel('Thời hạn').press('Tab');
      await add.getByRole('button', { name: 'Giao hành động' }).click();
      await add.waitFor({ state: 'detached' });
      await expect.poll(() => iso.getByTestId('risk-action').count()).toBe(1);
      await dismissNotifications(iso);
      await iso.getByRole('button', { name: 'Quyết định biện pháp xử lý' }).click();
      const treat = iso.getByRole('dialog', { name: 'Quyết định biện pháp xử lý' });
      await treat.getByLabel('Kế hoạch xử lý').fill('Tra cứu trước mọi hợp đồng về đất');
      await treat.getByRole('button', { name: 'Quyết định biện pháp xử lý' }).click();
      await treat.waitFor({ state: 'detached' });
      await expect.poll(() => iso.getByTestId('risk-state').textContent()).toBe('Đang xử lý');

      // The specialist has it in the inbox and reports it done.
      const spec = await office.as('tuphap');
      await go(spec, 'Việc cần làm');
      await spec.getByText('Tra cứu thông tin ngăn chặn trước khi chứng thực').first().waitFor();
      await spec.goto(riskUrl);
      await spec.getByRole('button', { name: 'Báo cáo đã thực hiện' }).click();
      const done = spec.getByRole('dialog', { name: 'Báo cáo đã thực hiện' });
      await done.getByLabel('Kết quả thực hiện').fill('Đã lập sổ tra cứu, áp dụng từ 23/11/2026');
      await done.getByRole('button', { name: 'Báo cáo đã thực hiện' }).click();
      await done.waitFor({ state: 'detached' });

      // Re-assessed after treatment: 1 × 4 = 4, low.
      await iso.reload();
      await iso.getByRole('button', { name: 'Đánh giá lại sau xử lý' }).click();
      const evaluate = iso.getByRole('dialog', { name: 'Đánh giá lại sau xử lý' });
      await pickScale(evaluate, 'Khả năng xảy ra sau xử lý', 1);
      await evaluate.getByLabel('Ngày xem xét lại tiếp theo').fill('23/05/2027');
      await evaluate.getByLabel('Ngày xem xét lại tiếp theo').press('Tab');
      await evaluate
        .getByLabel('Nhận xét về hiệu lực của các hành động')
        .fill('Đã tra cứu đủ, chưa phát sinh');
      await shot(iso, 'risks-evaluate');
      await evaluate.getByRole('button', { name: 'Đánh giá lại sau xử lý' }).click();
      await evaluate.waitFor({ state: 'detached' });
      await expect.poll(() => iso.getByTestId('risk-state').textContent()).toBe('Đang theo dõi');
      expect(await iso.getByTestId('risk-residual').textContent()).toBe('1 × 44 · Thấp');
      await dismissNotifications(iso);
      await shot(iso, 'risks-detail');

      // The register's current heat map has it in 1 × 4; before treatment in 4 × 4.
      await go(iso, 'Rủi ro và cơ hội');
      await iso.getByTestId('heat-1-4').waitFor();
      expect(Number(await iso.getByTestId('heat-1-4').textContent())).toBeGreaterThanOrEqual(1);
      const [download] = await Promise.all([
        iso.waitForEvent('download'),
        iso.getByRole('button', { name: 'Xuất Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('so-dang-ky-rui-ro-co-hoi_2026-11-23.xlsx');
      const file = await download.path();
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const found: unknown[][] = [];
      sheet?.eachRow((row) => found.push(row.values as unknown[]));
      const line = found.find((v) => v.includes('Hợp đồng chứng thực khi đất đang bị kê biên'));
      expect(line).toBeDefined();
      expect(line).toContain(16);
      expect(line).toContain('Cao');
      expect(line).toContain('Thấp');
      expect(line).toContain('Lê Minh Chất');
    },
  );
});

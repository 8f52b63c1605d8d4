// The province publishes a rating scale and a survey question set from its dashboard: a JSON
// file is checked before anything is sent (a scale where every level is "satisfied" is refused
// in Vietnamese and nothing is published), previewed, published at version 1 and listed in the
// feed history under its Vietnamese kind.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/backend';
import { dismissNotifications, screenshot } from './support/harness';
import { provinceDashboard } from './support/province';

const province = provinceDashboard();

const scale = (satisfiedBad: boolean) => ({
  scales: [
    {
      id: 'ba_muc',
      name: 'Thang 3 mức của tỉnh',
      levels: [
        { key: 'very_good', label: 'Rất hài lòng', satisfied: true },
        { key: 'good', label: 'Hài lòng', satisfied: true },
        { key: 'bad', label: 'Không hài lòng', satisfied: satisfiedBad },
      ],
    },
  ],
});

describe('rating scales and survey sets on the province dashboard', () => {
  it('checks, previews and publishes them', { timeout: 120_000 }, async () => {
    const { page } = province;
    const dir = tempDir('isoxa-scales-');
    const write = (name: string, body: unknown) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(body));
      return file;
    };
    await province.login();
    await page.getByRole('navigation', { name: 'Chức năng' }).getByText('Công bố').click();
    await page.getByRole('heading', { name: 'Công bố cho các xã' }).waitFor();
    // Mantine's FileInput is a button over a hidden input; this panel's is the last one.
    const input = page.locator('input[type=file]').last();

    await input.setInputFiles(write('sai.json', scale(true)));
    await page
      .getByText('Thang đánh giá phải có mức hài lòng và mức không hài lòng', { exact: false })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Công bố', exact: true }).isDisabled()).toBe(
      true,
    );

    await input.setInputFiles(path.resolve('resources/qms/survey-sets.json'));
    await page
      .getByTestId('satisfaction-preview')
      .getByText(/Phiếu khảo sát sự hài lòng .* \(11 câu hỏi\)/)
      .waitFor();
    await page.getByRole('button', { name: 'Công bố 1 bộ câu hỏi' }).click();
    const history = page.getByTestId('feed-history');
    await history.getByRole('cell', { name: 'mot_cua_xa', exact: true }).waitFor();

    await input.setInputFiles(write('dung.json', scale(false)));
    await page.getByRole('button', { name: 'Công bố 1 thang đánh giá' }).click();
    await history.getByRole('cell', { name: 'ba_muc', exact: true }).waitFor();
    expect(await history.getByText('Bộ câu hỏi khảo sát').count()).toBe(1);
    expect(await history.getByText('Thang đánh giá').count()).toBe(1);
    await dismissNotifications(page);
    await screenshot(page, 'province-publish-satisfaction');

    // The internal audit checklist: the panel just before (its file input the one before).
    const checklist = page.locator('input[type=file]').nth(-2);
    await checklist.setInputFiles(write('sai-dieu.json', { standard: 'x', clauses: [] }));
    await page.getByText('Danh mục kiểm tra không hợp lệ', { exact: false }).waitFor();
    await checklist.setInputFiles(path.resolve('resources/qms/iso9001-checklist.json'));
    await page
      .getByTestId('checklist-preview')
      .getByText(/^TCVN ISO 9001:2015: 28 điều khoản, \d+ câu hỏi; thường không áp dụng: 8\.3$/)
      .waitFor();
    await page.getByRole('button', { name: 'Công bố danh mục kiểm tra' }).click();
    await history.getByText('Danh mục kiểm tra').waitFor();
    await history.getByRole('cell', { name: 'tcvn-iso-9001-2015', exact: true }).waitFor();
    await dismissNotifications(page);
    await page
      .getByRole('heading', { name: 'Danh mục kiểm tra đánh giá nội bộ' })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'province-publish-checklist');
  });
});

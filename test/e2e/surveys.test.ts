// Satisfaction surveys end to end in Chromium (browser mode, injected clock): the ISO secretary
// makes a survey on the default question set and opens it; the desk officer opens it and types
// paper forms in with the keyboard only (digits choose, 0 leaves blank, Enter saves and starts
// the next form, PageUp brings a form back to correct it; an option a question lacks and an
// empty form are refused and nothing is written); the results show per question with bars and
// download as Excel; the desk dashboard shows the satisfaction figures. 1366x768 shots.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dismissNotifications } from './support/harness';
import { demoOffice } from './support/office';
import { api, callApi, go, move, shot } from './support/pages';

// Mon 23/11/2026 09:00 Vietnam time.
const clock = Date.UTC(2026, 10, 23, 2, 0);
const office = demoOffice(() => clock);

// The default set's questions: gender (2 options), age (4), visits (4), access, procedure,
// guidance, attitude (5 each), extra papers (2), timeliness, result, overall (5 each).
const FORMS = ['22144541454', '13223212121', '1405555152'];

describe('survey typed in from paper', () => {
  it(
    'takes forms from the keyboard alone and shows the results',
    { timeout: 180_000 },
    async () => {
      const iso = await office.as('thuky');
      await go(iso, 'Khảo sát sự hài lòng');
      await iso.getByRole('button', { name: 'Tạo cuộc khảo sát' }).click();
      const create = iso.getByRole('dialog', { name: 'Tạo cuộc khảo sát' });
      await create.getByLabel('Tên cuộc khảo sát').fill('Khảo sát sự hài lòng tháng 11/2026');
      await create.getByRole('button', { name: 'Tạo', exact: true }).click();
      await iso.getByTestId('survey-state').filter({ hasText: 'Dự thảo' }).waitFor();
      await move(iso, 'Mở nhập phiếu');
      await iso.getByTestId('survey-state').filter({ hasText: 'Đang nhập phiếu' }).waitFor();

      const desk = await office.as('motcua');
      await go(desk, 'Khảo sát sự hài lòng');
      await desk.getByRole('link', { name: 'KS-2026-001' }).click();
      // From here on: the keyboard only.
      const frame = desk.getByTestId('survey-entry');
      await frame.waitFor();
      await expect
        .poll(() => desk.evaluate('document.activeElement?.dataset?.testid'))
        .toBe('survey-entry');
      const count = desk.getByTestId('survey-count');
      expect(await count.textContent()).toBe('Đã nhập 0 phiếu');
      await desk.getByTestId('survey-shortcuts').getByText('Enter').waitFor();

      for (const [i, keys] of FORMS.entries()) {
        for (const k of keys) await desk.keyboard.press(k);
        if (i === 0) await shot(desk, 'survey-entry');
        await desk.keyboard.press('Enter');
        await expect.poll(() => count.textContent()).toBe(`Đã nhập ${i + 1} phiếu`);
      }
      // Question 1 has two options: 7 is refused on screen; an empty form by the services.
      await desk.keyboard.press('7');
      expect(await desk.getByTestId('survey-entry-error').textContent()).toBe(
        'Câu 1 chỉ có 2 lựa chọn.',
      );
      await desk.keyboard.press('Enter');
      await expect
        .poll(() => desk.getByTestId('survey-entry-error').textContent())
        .toBe('Phiếu chưa có câu trả lời nào.');
      expect(await count.textContent()).toBe('Đã nhập 3 phiếu');

      // Form 2 was typed as a man: PageUp twice brings it back, 2 makes it a woman, Enter saves.
      await desk.keyboard.press('PageUp');
      await expect
        .poll(() => desk.getByTestId('survey-form-title').textContent())
        .toBe('Đang sửa phiếu số 3');
      await desk.keyboard.press('PageUp');
      await expect
        .poll(() => desk.getByTestId('survey-form-title').textContent())
        .toBe('Đang sửa phiếu số 2');
      await desk.keyboard.press('2');
      await desk.keyboard.press('Enter');
      await desk.getByRole('status').filter({ hasText: 'Đã sửa phiếu số 2.' }).waitFor();
      expect(await desk.getByTestId('survey-form-title').textContent()).toBe('Phiếu mới, số 4');
      expect(await count.textContent()).toBe('Đã nhập 3 phiếu');
      await shot(desk, 'survey-entry-corrected');

      const list = await api(desk, 'surveys.list', {});
      const survey = await api(desk, 'surveys.get', { id: list[0]?.id ?? '' });
      expect(
        survey.forms.map((f) => [f.formNo, f.answers['gender'], f.answers['overall']]),
      ).toEqual([
        [1, 'female', 'satisfied'],
        [2, 'female', 'very_unsatisfied'],
        [3, 'male', undefined],
      ]);
      // Form 3 left question 3 blank (0) and stopped at question 10.
      expect(survey.forms[2]?.answers).not.toHaveProperty('visits');
      expect(survey.forms[2]?.answers['result']).toBe('unsatisfied');

      // The results, per question, with bars; then Excel.
      await iso.reload();
      await iso.getByRole('tab', { name: 'Kết quả' }).click();
      await expect
        .poll(() => iso.getByTestId('survey-result-forms').textContent())
        .toBe('Kết quả trên 3 phiếu hợp lệ');
      const gender = iso.locator('[data-testid="survey-result"][data-question="gender"]');
      await gender.getByText('Nữ (66,7 %)').waitFor();
      const overall = iso.locator('[data-testid="survey-result"][data-question="overall"]');
      expect(await overall.textContent()).toContain('Hài lòng 50 %');
      expect(await overall.textContent()).toContain('2 phiếu trả lời, 1 phiếu để trống');
      await dismissNotifications(iso);
      await shot(iso, 'survey-results');
      const [download] = await Promise.all([
        iso.waitForEvent('download'),
        iso.getByRole('button', { name: 'Xuất Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('ket-qua-khao-sat-ks-2026-001_2026-11-23.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
      const found: unknown[][] = [];
      book.worksheets[0]?.eachRow((row) => found.push(row.values as unknown[]));
      const female = found.find((v) => v.includes('Giới tính của Ông/Bà') && v.includes('Nữ'));
      expect(female?.slice(4, 6)).toEqual([2, 66.7]);

      // The desk officer sees every form but may not void one.
      await desk.reload();
      await desk.getByRole('tab', { name: /^Các phiếu/ }).click();
      await desk.getByTestId('survey-form-row').nth(2).waitFor();
      expect(await desk.getByRole('button', { name: /Hủy phiếu/ }).count()).toBe(0);
      // The ISO secretary voids form 3 by its number, from the keyboard: an unknown number is
      // refused on screen; the reason is required; then the form is struck and leaves the results.
      await iso.getByRole('tab', { name: /^Các phiếu/ }).click();
      const byNumber = iso.getByLabel('Số phiếu cần hủy');
      await byNumber.focus();
      await iso.keyboard.type('9');
      await iso.keyboard.press('Enter');
      await iso.getByText('Không có phiếu số 9 trong cuộc khảo sát này.').waitFor();
      await byNumber.fill('');
      await iso.keyboard.type('3');
      await iso.keyboard.press('Enter');
      const dialog = iso.getByRole('dialog', { name: 'Hủy phiếu số 3' });
      await dialog.waitFor();
      await expect.poll(() => iso.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
      await iso.keyboard.type('Nhập trùng phiếu giấy số 2');
      await shot(iso, 'survey-void-dialog');
      await iso.keyboard.press('Tab');
      await iso.keyboard.press('Tab');
      await iso.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      const third = iso.locator('[data-testid="survey-form-row"][data-form="3"]');
      await expect.poll(() => third.getAttribute('data-state')).toBe('void');
      expect(await third.getByTestId('survey-form-void').textContent()).toBe(
        'Lê Minh Chất, 23/11/2026: Nhập trùng phiếu giấy số 2',
      );
      const struck = await third.locator('td').first().getAttribute('style');
      expect(struck).toContain('line-through');
      expect(await iso.getByTestId('survey-forms-count').textContent()).toBe(
        '3 phiếu đã nhập, 2 phiếu hợp lệ',
      );
      expect(await iso.getByRole('button', { name: 'Hủy phiếu số 3' }).count()).toBe(0);
      await dismissNotifications(iso);
      await shot(iso, 'survey-forms-voided');
      await iso.getByRole('tab', { name: 'Kết quả' }).click();
      await expect
        .poll(() => iso.getByTestId('survey-result-forms').textContent())
        .toBe('Kết quả trên 2 phiếu hợp lệ');
      // The services refuse the desk officer too, whatever the screen shows.
      const forms = (await api(desk, 'surveys.get', { id: list[0]?.id ?? '' })).forms;
      const refused = await callApi(desk, 'qms.transition', {
        id: forms[0]?.id ?? '',
        transition: 'void',
        rev: forms[0]?.rev ?? 0,
        comment: 'Thử hủy',
      });
      expect(refused.ok || refused.error.code).toBe('FORBIDDEN');

      // The dashboard: satisfaction beside the on-time figures.
      await go(desk, 'Tổng quan');
      await desk.getByTestId('qd766-month').waitFor();
      expect(await desk.getByTestId('satisfaction-month').textContent()).toMatch(/%|—/);
      await shot(desk, 'survey-dashboard');
    },
  );
});

// The conformity announcement end to end in Chromium (browser mode, the demo office, injected
// clock): the ISO secretary is told no announcement exists, drafts one from the catalog, adds
// a clause not applicable with its reason; the chairman signs it from the inbox with its
// number; the decision previews with its number and signing date. Screenshots at 1366x768.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoOffice } from './support/office';
import { go, shot } from './support/pages';

// Mon 23/11/2026 09:00 Vietnam time.
const clock = Date.UTC(2026, 10, 23, 2, 0);
const { as } = demoOffice(() => clock);

describe('conformity announcement', { timeout: 180_000 }, () => {
  it('is drafted, scoped, signed by the chairman and printed', async () => {
    const iso = await as('thuky');
    await go(iso, 'Công bố HTQLCL');
    await iso.getByText('Chưa có quyết định công bố').waitFor();
    await iso.getByRole('button', { name: 'Lập dự thảo quyết định công bố' }).click();
    const clauses = iso.getByRole('group', { name: 'Điều khoản không áp dụng' });
    await clauses.waitFor();
    expect(await clauses.getByRole('checkbox', { name: /^8\.3 / }).isChecked()).toBe(true);
    await clauses.getByRole('checkbox', { name: /^8\.4 / }).check();
    await clauses
      .getByRole('textbox', { name: 'Lý do không áp dụng 8.4' })
      .fill('UBND xã không thuê ngoài quá trình nào của hệ thống.');
    await clauses.getByRole('button', { name: 'Lưu phạm vi' }).click();
    await iso.getByText(/8\.4 Kiểm soát .*: UBND xã không thuê ngoài/).waitFor();
    await shot(iso, 'announcement-draft');

    const chair = await as('chutich');
    await go(chair, 'Việc cần làm');
    await chair
      .getByRole('table', { name: 'Việc cần làm' })
      .getByRole('row')
      .filter({ hasText: 'Ký quyết định công bố HTQLCL' })
      .getByRole('link')
      .first()
      .click();
    await chair.getByRole('button', { name: 'Ký ban hành quyết định công bố' }).click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Số quyết định' }).fill('125/QĐ-UBND');
    await dialog.getByLabel('Ngày ký').fill('23/11/2026');
    await dialog.getByRole('button', { name: 'Ký ban hành quyết định công bố' }).click();
    await dialog.waitFor({ state: 'detached' });
    await chair.getByText('Quyết định số 125/QĐ-UBND ngày 23/11/2026').waitFor();
    expect(await chair.getByTestId('announcement-state').innerText()).toMatch(/có hiệu lực/i);
    await shot(chair, 'announcement-in-force');

    await chair.getByRole('button', { name: 'In quyết định', exact: true }).click();
    const frame = chair.frameLocator('iframe[title^="Quyết định"]');
    await frame.getByText('Số: 125/QĐ-UBND').waitFor();
    await frame.getByText(/ngày 23 tháng 11 năm 2026/).waitFor();
    await frame.getByText('CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LẬP').waitFor();
    await chair.screenshot({
      path: path.resolve('test-results/screenshots/announcement-decision-preview.png'),
    });
  });
});

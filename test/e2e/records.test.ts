// Records control end to end in Chromium (browser mode, the lived-in demo office, injected
// clock): the ISO secretary starts the year's record lists, edits one and submits it; the
// chairman approves it from the inbox; two years on, the records clerk finds the copies whose
// retention has run out and proposes their disposal; the chairman decides it with its number,
// and the citizens' personal data of those dossiers is gone. Screenshots at 1366x768.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoOffice } from './support/office';
import { api, go, shot } from './support/pages';

// Mon 23/11/2026 09:00 Vietnam time; then Mon 08/01/2029 09:00.
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);
const LATER = Date.UTC(2029, 0, 8, 2, 0);
let clock = MON_0900;
const { as } = demoOffice(() => clock, { history: true });

async function openFromInbox(page: Page, task: string) {
  await go(page, 'Việc cần làm');
  const row = page
    .getByRole('table', { name: 'Việc cần làm' })
    .getByRole('row')
    .filter({ hasText: task });
  await row.getByRole('link').first().click();
}

describe(
  'records control from the record list to a disposal decision',
  { timeout: 180_000 },
  () => {
    it('lists, approves, finds what is due, and erases it by a leader decision', async () => {
      const iso = await as('thuky');
      await go(iso, 'Kiểm soát hồ sơ');
      const start = iso.getByRole('button', { name: 'Lập danh mục hồ sơ năm 2026' });
      await start.click();
      const lists = iso.getByRole('table', { name: 'Danh mục hồ sơ năm 2026' });
      await lists.getByTestId('record-list-row').first().waitFor();
      expect(await start.count()).toBe(0);
      await shot(iso, 'records-lists');

      const copies = lists.getByTestId('record-list-row').filter({ hasText: 'Chứng thực bản sao' });
      await copies.getByRole('link').click();
      await iso.getByRole('button', { name: 'Sửa danh mục' }).click();
      const editor = iso.getByRole('form', { name: 'Sửa danh mục hồ sơ' });
      await editor
        .getByRole('textbox', { name: 'Người lưu giữ dòng 1' })
        .fill('Công chức Tư pháp - Hộ tịch');
      await editor.getByRole('textbox', { name: 'Nơi lưu dòng 1' }).fill('Tủ số 3, phòng Một cửa');
      await shot(iso, 'records-list-editor');
      await editor.getByRole('button', { name: 'Lưu danh mục' }).click();
      await editor.waitFor({ state: 'detached' });
      const items = iso.getByRole('table', { name: 'Các loại hồ sơ' });
      await items.getByText('Tủ số 3, phòng Một cửa').waitFor();
      await iso.getByRole('button', { name: 'Trình phê duyệt' }).first().click();
      await iso.getByRole('dialog').getByRole('button', { name: 'Trình phê duyệt' }).click();
      await expect
        .poll(() => iso.getByTestId('record-list-state').innerText())
        .toMatch(/chờ phê duyệt/i);

      const chair = await as('chutich');
      await openFromInbox(chair, 'Phê duyệt danh mục hồ sơ');
      await chair.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      await chair.getByRole('dialog').getByRole('button', { name: 'Phê duyệt' }).click();
      await expect
        .poll(() => chair.getByTestId('record-list-state').innerText())
        .toMatch(/đã ban hành/i);
      await shot(chair, 'records-list-approved');

      // Two years on: the copies certified in 2026 (kept 2 years) are due for disposal.
      clock = LATER;
      const clerk = await as('vanthu');
      await go(clerk, 'Kiểm soát hồ sơ');
      await clerk.getByRole('tab', { name: 'Hồ sơ đến hạn hủy' }).click();
      const due = await api(clerk, 'records.due', {});
      const group = due.groups.find((g) => g.closedYear === 2026 && g.retentionYears === 2);
      expect(group).toBeDefined();
      const line = clerk
        .getByRole('table', { name: 'Hồ sơ đến hạn hủy' })
        .getByTestId('due-group')
        .filter({ hasText: group?.procedureName ?? '' })
        .filter({ hasText: '2026' });
      await line.getByRole('checkbox').check();
      await shot(clerk, 'records-due');
      await clerk.getByRole('button', { name: /^Đề nghị hủy/ }).click();
      const propose = clerk.getByRole('form', { name: 'Đề nghị hủy hồ sơ' });
      await propose
        .getByRole('textbox', { name: 'Căn cứ hủy' })
        .fill('Danh mục hồ sơ năm 2026 đã phê duyệt');
      await propose
        .getByRole('textbox', { name: 'Phương pháp hủy' })
        .fill('Xóa dữ liệu cá nhân trên phần mềm; hủy bản giấy bằng máy hủy');
      await propose.getByRole('button', { name: 'Trình đề nghị hủy' }).click();
      await expect
        .poll(() => clerk.getByTestId('disposal-state').innerText())
        .toMatch(/đề nghị hủy/i);

      const leader = await as('chutich');
      await openFromInbox(leader, 'Quyết định hủy hồ sơ hết hạn lưu');
      await leader.getByRole('button', { name: 'Quyết định hủy' }).click();
      const decide = leader.getByRole('form', { name: 'Quyết định hủy hồ sơ' });
      await decide.getByRole('textbox', { name: 'Số quyết định' }).fill('15/QĐ-UBND');
      await shot(leader, 'records-decide');
      await decide.getByRole('button', { name: 'Quyết định hủy' }).click();
      await decide.waitFor({ state: 'detached' });
      await expect
        .poll(() => leader.getByTestId('disposal-state').innerText())
        .toMatch(/đã quyết định hủy/i);
      await leader.getByText(`đã xóa thông tin cá nhân của ${group?.count} hồ sơ`).waitFor();
      await shot(leader, 'records-disposal-decided');

      // The listed dossiers keep their code and figures but no longer name the citizen.
      const erased = await api(leader, 'dossiers.list', { query: group?.firstCode ?? '' });
      expect(erased.rows.map((r) => [r.code, r.applicantName, r.applicantIdNumber])).toEqual([
        [group?.firstCode, '', ''],
      ]);
      const left = (await api(leader, 'records.due', {})).groups;
      expect(left.map((g) => `${g.procedureId}/${g.closedYear}`)).not.toContain(
        `${group?.procedureId}/2026`,
      );
    });
  },
);

// Document control end to end in Chromium (browser mode, injected clock): the ISO secretary
// lands on "Việc cần làm", drafts a revision of a procedure with a changed step table; the
// vice-chairman reviews it from his inbox, the chairman approves it from hers; it takes effect
// and the desk receives under the new step table; a desk officer acknowledges it from the
// inbox and the navigation's count drops; it prints with its sign-off block and the .docx
// reads back. Screenshots at 1366x768.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, go, shot, move } from './support/pages';
import { demoOffice } from './support/office';

// Mon 23/11/2026 09:00 Vietnam time.
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);

const { as } = demoOffice(() => MON_0900);

/** The navigation badge's number (0 without a badge); never waits for a badge to appear. */
const navCount = async (page: Page, path: string) => {
  const [text] = await page.getByTestId(`nav-count-${path}`).allTextContents();
  return text === undefined ? 0 : Number(text);
};

const revisionState = (page: Page) => page.getByTestId('revision-state').textContent();

/** Opens the inbox line of `code` whose task starts with `task`. */
async function openFromInbox(page: Page, task: string, code: string) {
  await go(page, 'Việc cần làm');
  const row = page
    .getByRole('table', { name: 'Việc cần làm' })
    .getByRole('row')
    .filter({ hasText: code })
    .filter({ hasText: task });
  await row.getByRole('link').first().click();
  await page.getByTestId('document-code').waitFor();
  expect(await page.getByTestId('document-code').textContent()).toBe(code);
}

describe('a procedure revision from draft to acknowledged', { timeout: 300_000 }, () => {
  it('is drafted, reviewed, approved, takes effect, drives the desk and is acknowledged', async () => {
    // The secretary starts on her inbox.
    const iso = await as('thuky');
    await iso.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
    expect(new URL(iso.url()).hash).toBe('#/inbox');
    await iso.getByTestId('inbox-total').waitFor();
    await shot(iso, 'qms-inbox-secretary');

    // The register: found without diacritics, with its kind filter.
    await go(iso, 'Tài liệu ISO');
    const register = iso.getByRole('table', { name: 'Danh mục tài liệu' });
    await register.locator('tr[data-code="QT-HT-02"]').waitFor();
    await shot(iso, 'qms-register');
    await iso.getByRole('textbox', { name: 'Tìm tài liệu' }).fill('xac nhan tinh trang hon nhan');
    await expect.poll(() => register.locator('tbody tr').count()).toBeLessThan(5);
    await register.locator('tr[data-code="QT-HT-02"]').click();
    await iso.getByTestId('document-code').waitFor();

    // A new draft: change summary, the step table (the stamping step merged into the last).
    await iso.getByRole('button', { name: 'Soạn bản sửa đổi' }).click();
    const editor = iso.getByTestId('draft-editor');
    await editor.waitFor();
    expect(await revisionState(iso)).toBe('Dự thảo');
    await editor
      .getByLabel('Nội dung sửa đổi (ghi vào bảng theo dõi sửa đổi)')
      .fill('Gộp bước đóng dấu vào bước trả kết quả');
    const before = await editor.getByRole('textbox', { name: /^Nội dung bước/ }).count();
    await editor.getByRole('button', { name: `Xóa bước ${before - 1}` }).click();
    await editor.getByLabel(`Nội dung bước ${before - 1}`).fill('Đóng dấu và trả kết quả');
    await shot(iso, 'qms-draft-editor');
    await editor.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await expect.poll(() => iso.getByText('Đã lưu bản dự thảo.').count()).toBeGreaterThan(0);
    await move(iso, 'Gửi xem xét');
    await expect.poll(() => revisionState(iso)).toBe('Đang xem xét');
    expect(await iso.getByTestId('signoff-Soạn thảo').textContent()).toBe('Lê Minh Chất');

    // The vice-chairman reviews it from his inbox; the chairman may not approve before that.
    const vice = await as('phochutich');
    await expect.poll(() => navCount(vice, '/qms/documents')).toBeGreaterThan(0);
    await openFromInbox(vice, 'Xem xét tài liệu', 'QT-HT-02');
    await shot(vice, 'qms-revision-in-review');
    await move(vice, 'Xác nhận đã xem xét');
    await expect
      .poll(() => vice.getByTestId('signoff-Xem xét').textContent())
      .toBe('Bùi Văn Phong');

    // The chairman approves with today's date: in force at once.
    const chair = await as('chutich');
    await openFromInbox(chair, 'Phê duyệt tài liệu', 'QT-HT-02');
    await move(chair, 'Phê duyệt ban hành', { 'Ngày có hiệu lực': '23/11/2026' });
    await expect.poll(() => revisionState(chair)).toBe('Đang hiệu lực');
    expect(await chair.getByTestId('signoff-Phê duyệt').textContent()).toBe('Trần Thị Lãnh');
    await shot(chair, 'qms-revision-effective');

    // It prints as the controlled document, and the .docx opens with the same sign-off.
    await chair.getByRole('button', { name: 'Xem bản in' }).click();
    const printed = chair.frameLocator('iframe').locator('body');
    await expect.poll(() => printed.textContent()).toContain('Bùi Văn Phong');
    expect(await printed.textContent()).toContain('Lê Minh Chất');
    expect(await printed.textContent()).toContain('Gộp bước đóng dấu vào bước trả kết quả');
    await shot(chair, 'qms-revision-print');
    const [download] = await Promise.all([
      chair.waitForEvent('download'),
      chair.getByRole('dialog').getByRole('button', { name: 'Tải về Word (.docx)' }).click(),
    ]);
    const docxPath = path.resolve('test-results', 'QT-HT-02.docx');
    await download.saveAs(docxPath);
    const mammoth = (await import('mammoth')).default;
    const text = (await mammoth.extractRawText({ path: docxPath })).value;
    expect(text).toContain('SOẠN THẢO');
    expect(text).toContain('Trần Thị Lãnh');
    expect(text).toContain('Đóng dấu và trả kết quả');
    await chair.getByRole('dialog').getByRole('button', { name: 'Đóng', exact: true }).click();

    // The desk receives under the new step table.
    const desk = await as('motcua');
    const procedures = await api(desk, 'catalog.list', {});
    const pid = procedures.find((p) => p.code === '1.004873')?.id ?? '';
    const specialists = await api(desk, 'desk.assignees', { role: 'specialist' });
    const received = await api(desk, 'dossiers.receive', {
      requestKey: crypto.randomUUID(),
      procedureId: pid,
      applicant: {
        fullName: 'Nguyễn Thị Hạnh',
        idKind: 'cccd',
        idNumber: '001199054321',
        address: 'Thôn Đông, xã Tân Lập',
        phone: '0912000222',
        email: '',
      },
      documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
      sets: 1,
      feeVnd: 0,
      channel: 'direct',
      assigneeId: specialists[0]?.id ?? '',
      note: '',
    });
    expect(received.plan).toHaveLength(before - 1);
    expect(received.plan.at(-1)?.name).toBe('Đóng dấu và trả kết quả');

    // The desk officer acknowledges it from the inbox; the counts drop by one.
    await desk.reload();
    await desk.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
    await expect.poll(() => navCount(desk, '/qms/documents')).toBeGreaterThan(0);
    const inboxBefore = await navCount(desk, '/inbox');
    const docsBefore = await navCount(desk, '/qms/documents');
    await shot(desk, 'qms-inbox-desk-officer');
    await openFromInbox(desk, 'Đọc và xác nhận tài liệu', 'QT-HT-02');
    expect(await desk.getByTestId('ack-outstanding').textContent()).toContain('Phạm Thị Hoa');
    await desk.getByRole('button', { name: 'Tôi đã đọc và hiểu' }).click();
    await expect.poll(() => desk.getByTestId('ack-done').textContent()).toContain('Phạm Thị Hoa');
    expect(await desk.getByTestId('ack-outstanding').textContent()).not.toContain('Phạm Thị Hoa');
    await expect.poll(() => navCount(desk, '/inbox')).toBe(inboxBefore - 1);
    expect(await navCount(desk, '/qms/documents')).toBe(docsBefore - 1);
    await shot(desk, 'qms-acknowledged');
  });
});

// Document control end to end in Chromium (browser mode, injected clock): the ISO secretary
// lands on "Việc cần làm", drafts a revision of a procedure with a changed step table; the
// vice-chairman reviews it from his inbox, the chairman approves it from hers; it takes effect
// and the desk receives under the new step table; a desk officer acknowledges it from the
// inbox and the navigation's count drops; it prints with its sign-off block and the .docx
// reads back. Then: a model document of the province adopted as a draft, unsaved edits
// guarded, a real DOCX attached and previewed while a non-DOCX and an empty file are refused;
// a procedure cites a law that expires, then is replaced, and shows "cần rà soát".
// Screenshots at 1366x768.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, go, shot, move } from './support/pages';
import { externalDocument } from '../support/qms';
import { demoOffice } from './support/office';

// Mon 23/11/2026 09:00 Vietnam time.
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);

const { as, backend } = demoOffice(() => MON_0900);
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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

/** The province's model documents as the sync pull keeps them (its feed entries). */
function pulledModels() {
  const shipped = JSON.parse(fs.readFileSync('resources/qms/model-documents.json', 'utf8')) as {
    documents: { code: string }[];
  };
  const insert = backend()
    .database()
    .prepare(
      'INSERT INTO sync_feed (server_seq, kind, key, version, body, published_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  shipped.documents.forEach((d, i) =>
    insert.run(90_000 + i, 'model_document', d.code, 1, JSON.stringify(d), MON_0900 - 86_400_000),
  );
}

const documentIdOf = (page: Page) => new URL(page.url()).hash.replace('#/qms/documents/', '');

describe('a model document adopted, drafted with a Word file', { timeout: 300_000 }, () => {
  it('adopts the model, guards unsaved edits, previews the DOCX and refuses bad files', async () => {
    pulledModels();
    const iso = await as('thuky');
    await go(iso, 'Tài liệu ISO');
    await iso.getByRole('button', { name: 'Tài liệu mẫu của tỉnh' }).click();
    const models = iso.getByRole('table', { name: 'Tài liệu mẫu của tỉnh' });
    await models.locator('tr[data-code="QT-KSTL"]').waitFor();
    expect(await models.locator('tbody tr').count()).toBe(5);
    await shot(iso, 'qms-models');
    await models.getByRole('button', { name: 'Nhận QT-KSTL làm dự thảo' }).click();
    await expect.poll(() => iso.getByTestId('document-code').textContent()).toBe('QT-KSTL');
    const editor = iso.getByTestId('draft-editor');
    await editor.waitFor();
    expect(await revisionState(iso)).toBe('Dự thảo');
    const docId = documentIdOf(iso);

    // Unsaved edits: leaving asks first, in Vietnamese; staying keeps what was typed.
    const summary = editor.getByLabel('Nội dung sửa đổi (ghi vào bảng theo dõi sửa đổi)');
    const typed = 'Ban hành lần đầu theo tài liệu mẫu của tỉnh, bổ sung phạm vi áp dụng tại xã';
    await summary.fill(typed);
    await go(iso, 'Việc cần làm');
    const leave = iso.getByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' });
    await leave.waitFor();
    expect(await leave.textContent()).toContain(
      'Bản dự thảo lần ban hành 01 của QT-KSTL có thay đổi chưa lưu.',
    );
    await shot(iso, 'qms-unsaved-warning');
    await leave.getByRole('button', { name: 'Ở lại để lưu' }).click();
    await leave.waitFor({ state: 'detached' });
    expect(documentIdOf(iso)).toBe(docId);
    expect(await summary.inputValue()).toBe(typed);
    // Sending the draft for review with edits unsaved asks too (it would send the saved text).
    await iso.getByRole('button', { name: 'Gửi xem xét' }).click();
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Ở lại để lưu' }).click();
    await leave.waitFor({ state: 'detached' });
    expect(await revisionState(iso)).toBe('Dự thảo');
    expect(await summary.inputValue()).toBe(typed);
    // Closing (or reloading) the window asks too: the browser's own dialog, kept open.
    const asked = iso.waitForEvent('dialog');
    await iso.close({ runBeforeUnload: true });
    const unload = await asked;
    expect(unload.type()).toBe('beforeunload');
    await unload.dismiss();
    expect(iso.isClosed()).toBe(false);
    await editor.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await expect.poll(() => iso.getByText('Đã lưu bản dự thảo.').count()).toBeGreaterThan(0);
    // Saved: leaving no longer asks.
    await go(iso, 'Việc cần làm');
    await iso.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
    expect(await leave.count()).toBe(0);
    await iso.goBack();
    await editor.waitFor();

    // A real Word file, previewed inside the app.
    const { Document, Packer, Paragraph } = await import('docx');
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph('QUY TRÌNH KIỂM SOÁT TÀI LIỆU'),
              new Paragraph(
                'Mục đích: thống nhất cách soạn thảo, phê duyệt và phân phối tài liệu.',
              ),
            ],
          },
        ],
      }),
    );
    const files = iso.locator('input[type="file"]');
    await files.setInputFiles({ name: 'QT-KSTL-du-thao.docx', mimeType: DOCX_MIME, buffer: docx });
    await expect
      .poll(() => iso.getByTestId('revision-file').textContent())
      .toContain('QT-KSTL-du-thao.docx');
    await iso.getByRole('button', { name: 'Xem trước' }).click();
    const preview = iso.frameLocator('iframe[title="Xem trước QT-KSTL-du-thao.docx"]');
    await expect
      .poll(() => preview.locator('body').textContent())
      .toContain('thống nhất cách soạn thảo, phê duyệt và phân phối tài liệu');
    await shot(iso, 'qms-docx-preview');
    await iso.keyboard.press('Escape');
    await iso.getByRole('dialog', { name: 'Xem trước: QT-KSTL-du-thao.docx' }).waitFor({
      state: 'detached',
    });

    // A text file named .docx and an empty file: refused in Vietnamese, nothing written.
    const draftNow = async () =>
      (await api(iso, 'documents.get', { id: docId })).revisions.find((r) => r.state === 'draft');
    const before = await draftNow();
    await files.setInputFiles({
      name: 'quy-trinh.docx',
      mimeType: DOCX_MIME,
      buffer: Buffer.from('Đây là tệp văn bản thường, chỉ đổi đuôi thành .docx'),
    });
    await iso.getByRole('alert').filter({ hasText: 'không phải tài liệu Word (.docx)' }).waitFor();
    await shot(iso, 'qms-file-refused');
    await files.setInputFiles({ name: 'trong.docx', mimeType: DOCX_MIME, buffer: Buffer.alloc(0) });
    await iso.getByRole('alert').filter({ hasText: 'Tệp rỗng (0 byte)' }).waitFor();
    const after = await draftNow();
    expect(after?.rev).toBe(before?.rev);
    expect(after?.fileSha256).toBe(before?.fileSha256);
    expect(await iso.getByTestId('revision-file').textContent()).toContain('QT-KSTL-du-thao.docx');
  });
});

describe('external documents', { timeout: 300_000 }, () => {
  it('a procedure cites a law; once it expires, then is replaced, it needs review', async () => {
    const iso = await as('thuky');
    await go(iso, 'Tài liệu ISO');
    // A new law on the register.
    await iso.getByRole('button', { name: 'Thêm tài liệu' }).click();
    const create = iso.getByRole('dialog', { name: 'Thêm tài liệu' });
    await create.getByRole('combobox', { name: 'Loại tài liệu' }).click();
    await iso.getByRole('option', { name: 'Tài liệu bên ngoài' }).click();
    await create.getByLabel('Mã tài liệu').fill('VB-30');
    await create.getByLabel('Tên tài liệu').fill('Thông tư hướng dẫn đăng ký khai sinh');
    await create.getByLabel('Số hiệu văn bản').fill('15/2026/TT-BTP');
    await create.getByLabel('Cơ quan ban hành').fill('Bộ Tư pháp');
    await create.getByLabel('Ngày có hiệu lực').fill('01/07/2026');
    await create.getByLabel('Ngày có hiệu lực').press('Tab');
    await create.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => iso.getByTestId('document-code').textContent()).toBe('VB-30');
    const lawId = documentIdOf(iso);

    // The birth-registration procedure cites it, picked by its number.
    await iso.evaluate(
      `location.hash = '#/qms/documents/${await procedureDocId(iso, 'QT-HT-01')}'`,
    );
    await expect.poll(() => iso.getByTestId('document-code').textContent()).toBe('QT-HT-01');
    await iso.getByRole('button', { name: 'Sửa thông tin' }).click();
    const edit = iso.getByRole('dialog', { name: 'Sửa thông tin tài liệu QT-HT-01' });
    const cites = edit.getByLabel('Văn bản căn cứ (tài liệu bên ngoài được viện dẫn)');
    await cites.fill('15/2026');
    await iso.getByRole('option', { name: /15\/2026\/TT-BTP/ }).click();
    await iso.keyboard.press('Escape');
    await shot(iso, 'qms-edit-cites');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => iso.getByTestId('cited').textContent()).toContain('15/2026/TT-BTP');
    expect(await iso.getByText('Cần rà soát', { exact: true }).count()).toBe(0);

    // The law expires today: the procedure needs review on its detail, register and inbox.
    await iso
      .getByTestId('cited')
      .getByRole('link', { name: /15\/2026\/TT-BTP/ })
      .click();
    await expect.poll(() => iso.getByTestId('document-code').textContent()).toBe('VB-30');
    expect(await iso.getByTestId('cited-by').textContent()).toContain('QT-HT-01');
    await iso.getByRole('button', { name: 'Sửa thông tin' }).click();
    const lawEdit = iso.getByRole('dialog', { name: 'Sửa thông tin tài liệu VB-30' });
    await lawEdit.getByLabel('Ngày hết hiệu lực (nếu có)').fill('23/11/2026');
    await lawEdit.getByLabel('Ngày hết hiệu lực (nếu có)').press('Tab');
    await lawEdit.getByRole('button', { name: 'Lưu' }).click();
    await lawEdit.waitFor({ state: 'detached' });
    await go(iso, 'Tài liệu ISO');
    const row = iso
      .getByRole('table', { name: 'Danh mục tài liệu' })
      .locator('tr[data-code="QT-HT-01"]');
    await expect.poll(() => row.textContent()).toContain('Cần rà soát');
    await shot(iso, 'qms-register-needs-review');
    await go(iso, 'Việc cần làm');
    const line = iso
      .getByRole('table', { name: 'Việc cần làm' })
      .getByRole('row')
      .filter({ hasText: 'QT-HT-01' })
      .filter({ hasText: 'Cần rà soát: Văn bản 15/2026/TT-BTP hết hiệu lực từ 23/11/2026' });
    await line.waitFor();
    await shot(iso, 'qms-inbox-needs-review');

    // A new law replaces it, picked on the old one: the flag says by what.
    await api(
      iso,
      'documents.create',
      externalDocument('VB-31', '16/2026/TT-BTP', null, {
        title: 'Thông tư hướng dẫn đăng ký khai sinh (thay thế)',
        issuer: 'Bộ Tư pháp',
        effectiveDate: '2026-11-23',
      }),
    );
    await iso.evaluate(`location.hash = '#/qms/documents/${lawId}'`);
    await expect.poll(() => iso.getByTestId('document-code').textContent()).toBe('VB-30');
    await iso.getByRole('button', { name: 'Sửa thông tin' }).click();
    await lawEdit.getByRole('combobox', { name: 'Thay thế bởi' }).click();
    await iso.getByRole('option', { name: /16\/2026\/TT-BTP/ }).click();
    await shot(iso, 'qms-edit-replaced-by');
    await lawEdit.getByRole('button', { name: 'Lưu' }).click();
    await lawEdit.waitFor({ state: 'detached' });
    expect(await iso.getByTestId('replaced-by').textContent()).toBe('16/2026/TT-BTP');
    await shot(iso, 'qms-external-replaced');
    await iso
      .getByTestId('cited-by')
      .getByRole('link', { name: /QT-HT-01/ })
      .click();
    await expect.poll(() => iso.getByTestId('document-code').textContent()).toBe('QT-HT-01');
    await iso
      .getByText('Cần rà soát: Văn bản 15/2026/TT-BTP đã được thay thế bởi 16/2026/TT-BTP')
      .waitFor();
    expect(await iso.getByTestId('cited').textContent()).toContain('Không còn hiệu lực');
    await shot(iso, 'qms-document-needs-review');
  });
});

async function procedureDocId(page: Page, code: string): Promise<string> {
  const rows = await api(page, 'documents.list', { query: code });
  return rows.find((r) => r.code === code)?.id ?? '';
}

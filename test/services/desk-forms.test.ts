// Facts the desk's printed letters state: the apology's original and new appointment, and the
// head's real title under the signature (Nghị định 30/2020: "KT. CHỦ TỊCH" for a vice-chairman).
import { afterEach, describe, expect, it } from 'vitest';
import { procedureId, receiveInput, startDemoDesk, vn, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

async function extended(by: string) {
  app = await startDemoDesk(vn('2026-11-25', '08:00'));
  const d = await app.ok('motcua')(
    'dossiers.receive',
    receiveInput(await procedureId(app, '1.004873'), app.users['tuphap']),
  );
  await app.ok(by)('dossiers.apologize', {
    id: d.dossier.id,
    expectedStep: 2,
    newDueDate: '2026-12-07',
    reason: 'Cần xác minh thêm',
  });
  return (await app.ok('chutich')('forms.render', { dossierId: d.dossier.id, kind: 'apology' }))
    .html;
}

describe('Mẫu 04: apology and extension', () => {
  it('states the appointment on the receipt and the new one', async () => {
    const html = await extended('tuphap');
    expect(html).toContain(
      'Thời hạn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả là 17:00 30/11/2026',
    );
    expect(html).toContain('gia hạn thời gian giải quyết hồ sơ đến <b>17:00 07/12/2026</b>');
  });

  it('is signed by the Chairman with the title "CHỦ TỊCH", never the role label', async () => {
    // Recorded by the specialist holding the step: the head of the office still signs.
    const html = await extended('tuphap');
    expect(html).toContain('<div class="role">CHỦ TỊCH</div>');
    expect(html).toContain('<div class="name">Trần Thị Lãnh</div>');
    expect(html).not.toContain('LÃNH ĐẠO');
    expect(html).not.toContain('KT. CHỦ TỊCH');
  });

  it('a Vice-Chairman signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"', async () => {
    const html = await extended('phochutich');
    expect(html).toContain(
      '<div class="role">KT. CHỦ TỊCH</div><div class="role">PHÓ CHỦ TỊCH</div>',
    );
    expect(html).toContain('<div class="name">Bùi Văn Phong</div>');
  });
});

describe('In / Lưu PDF', () => {
  it('the desktop saves the filled form as a PDF where the user chooses', async () => {
    const saved: { html: string; name: string }[] = [];
    app = await startDemoDesk(vn('2026-11-25', '08:00'), {
      platform: {
        kind: 'electron',
        appVersion: '0.0.0-test',
        savePdf: (html: string, name: string) => {
          saved.push({ html, name });
          return Promise.resolve(`/tmp/${name}`);
        },
      },
    });
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.004873'), app.users['tuphap']),
    );
    const r = await app.ok('motcua')('forms.savePdf', { dossierId: d.dossier.id, kind: 'receipt' });
    expect(r.path).toBe(`/tmp/Mẫu số 01 - ${d.dossier.code}.pdf`);
    expect(saved[0]?.html).toContain(d.dossier.code);
    expect(saved[0]?.html).toContain('GIẤY TIẾP NHẬN HỒ SƠ');
    const book = await app.ok('motcua')('book.savePdf', { from: '2026-11-01', to: '2026-11-30' });
    expect(book.path).toBe('/tmp/so-theo-doi-ho-so_2026-11-01_2026-11-30.pdf');
    expect(saved[1]?.html).toContain('A4 landscape');
  });

  it('in the browser it says the print dialog saves the PDF, in Vietnamese', async () => {
    app = await startDemoDesk(vn('2026-11-25', '08:00'));
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.004873'), app.users['tuphap']),
    );
    const r = await app.as('motcua')('forms.savePdf', { dossierId: d.dossier.id, kind: 'receipt' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!r.ok) expect(r.error.message).toContain('Lưu dưới dạng PDF');
  });
});

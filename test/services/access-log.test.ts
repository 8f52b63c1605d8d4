// Access to personal data (issue 11, item 5): viewing a dossier, printing its forms, opening its
// scans and viewing or exporting the tracking book each leave an audit row in the hash chain;
// the chairman reads per dossier who saw it and when, and no one else can.
import { afterEach, describe, expect, it } from 'vitest';
import { procedureId, receiveInput, startDemoDesk, type DeskApp } from '../support/desk';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');

let app: DeskApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

async function dossierWithScan(a: DeskApp) {
  const d = await a.ok('motcua')(
    'dossiers.receive',
    receiveInput(await procedureId(a, '1.001193'), a.users['tuphap']),
  );
  const scan = await a.ok('motcua')('dossiers.attach', {
    dossierId: d.dossier.id,
    fileName: 'Giấy chứng sinh.pdf',
    base64: PDF.toString('base64'),
  });
  return { d, scan };
}

describe('access to a dossier', () => {
  it('is logged per kind and listed for the chairman, newest first', async () => {
    app = await startDemoDesk();
    const a = app;
    const { d, scan } = await dossierWithScan(a);
    const id = d.dossier.id;
    a.clock.now += 60_000;
    await a.ok('tuphap')('dossiers.get', { id });
    a.clock.now += 60_000;
    await a.ok('tuphap')('forms.render', { dossierId: id, kind: 'receipt' });
    a.clock.now += 60_000;
    await a.ok('motcua')('dossiers.attachment', { id: scan.id });
    a.clock.now += 60_000;

    const log = await a.ok('chutich')('dossiers.accessLog', { dossierId: id });
    expect(log.total).toBe(3);
    expect(log.rows.map((r) => [r.kind, r.actorName, r.summary])).toEqual([
      ['file', 'Phạm Thị Hoa', 'Mở một tài liệu PDF đính kèm'],
      ['print', 'Hoàng Văn Đức', `In Mẫu số 01 của hồ sơ ${d.dossier.code}`],
      ['view', 'Hoàng Văn Đức', `Xem hồ sơ ${d.dossier.code}`],
    ]);
    expect(log.rows.map((r) => r.at)).toEqual([
      a.clock.now - 60_000,
      a.clock.now - 120_000,
      a.clock.now - 180_000,
    ]);
    // Writes to the dossier (receive, attach) are not accesses; the rows are in the chain.
    expect((await a.ok('admin')('audit.verify', {})).ok).toBe(true);
  });

  it('logs the tracking book, which shows many citizens at once', async () => {
    app = await startDemoDesk();
    await dossierWithScan(app);
    await app.ok('motcua')('book.get', { from: '2026-11-01', to: '2026-11-30' });
    await app.ok('motcua')('book.exportExcel', { from: '2026-11-01', to: '2026-11-30' });
    const log = await app.ok('admin')('audit.list', { page: 1, pageSize: 10 });
    const book = log.rows.filter((r) => r.operation === 'book.view').map((r) => r.summary);
    expect(book.sort()).toEqual([
      'Xem, in sổ theo dõi hồ sơ từ 01/11/2026 đến 30/11/2026 (1 hồ sơ)',
      'Xuất Excel sổ theo dõi hồ sơ từ 01/11/2026 đến 30/11/2026 (1 hồ sơ)',
    ]);
  });

  it('is read only by those who read the audit log', async () => {
    app = await startDemoDesk();
    const { d } = await dossierWithScan(app);
    for (const who of ['motcua', 'tuphap']) {
      const r = await app.as(who)('dossiers.accessLog', { dossierId: d.dossier.id });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const missing = await app.as('chutich')('dossiers.accessLog', {
      dossierId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

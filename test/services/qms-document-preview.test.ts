// The in-app preview of an attached Word file: the text, headings and tables come through as
// HTML; nothing in the file can run or reach out (no script, no javascript: or external link,
// the page's own CSP); drafts stay with those who manage documents; a PDF is not converted.
import { afterEach, describe, expect, it } from 'vitest';
import { safeLinks } from '../../services/qms/document-preview';
import { startDemoDesk, vn, type DeskApp } from '../support/desk';
import { documentByCode } from '../support/qms';

let app: DeskApp;
afterEach(() => app.close());

async function hostileDocx(): Promise<Buffer> {
  const x = await import('docx');
  const cell = (t: string) => new x.TableCell({ children: [new x.Paragraph(t)] });
  return x.Packer.toBuffer(
    new x.Document({
      sections: [
        {
          children: [
            new x.Paragraph({ text: 'Mục đích của quy trình', heading: x.HeadingLevel.HEADING_1 }),
            new x.Paragraph('<script>alert("xss")</script> Đảm bảo tài liệu được kiểm soát.'),
            new x.Paragraph({
              children: [
                new x.ExternalHyperlink({
                  link: 'javascript:alert(1)',
                  children: [new x.TextRun('bấm vào đây')],
                }),
                new x.ExternalHyperlink({
                  link: 'https://example.com/theo-doi',
                  children: [new x.TextRun(' và đây')],
                }),
              ],
            }),
            new x.Table({
              rows: [new x.TableRow({ children: [cell('Bước 1'), cell('Tiếp nhận hồ sơ')] })],
            }),
          ],
        },
      ],
    }),
  );
}

/** A new draft of QT-01 with `bytes` attached as `fileName`. */
async function draftWith(fileName: string, bytes: Buffer) {
  app = await startDemoDesk(vn('2026-11-23', '09:00'));
  const doc = await documentByCode(app, 'QT-01');
  const opened = await app.ok('thuky')('documents.newRevision', { documentId: doc.document.id });
  const draft = opened.revisions.find((r) => r.state === 'draft')!;
  await app.ok('thuky')('documents.attachFile', {
    revisionId: draft.id,
    rev: draft.rev,
    fileName,
    base64: bytes.toString('base64'),
  });
  return draft;
}

describe('DOCX preview', () => {
  it('shows the text, headings and table, with nothing that can run or reach out', async () => {
    const draft = await draftWith('QT-01 lần 2.docx', await hostileDocx());
    const preview = await app.ok('thuky')('documents.preview', { revisionId: draft.id });
    expect(preview.title).toBe('QT-01 lần 2.docx');
    expect(preview.html).toContain('<h1>Mục đích của quy trình</h1>');
    expect(preview.html).toContain('Tiếp nhận hồ sơ</p></td>');
    expect(preview.html).toContain('&lt;script&gt;alert("xss")&lt;/script&gt;');
    expect(preview.html).toContain("default-src 'none'");
    expect(preview.html).not.toMatch(/<script/i);
    expect(preview.html).not.toMatch(/javascript:/i);
    expect(preview.html).not.toContain('example.com');
    expect(preview.html).toContain('bấm vào đây');

    const desk = await app.as('motcua')('documents.preview', { revisionId: draft.id });
    expect(desk.ok === false && desk.error.code).toBe('FORBIDDEN');
  });

  it('does not convert a PDF, and says so in Vietnamese', async () => {
    const draft = await draftWith('QT-01.pdf', Buffer.from('%PDF-1.4\n% test\n'));
    const r = await app.as('thuky')('documents.preview', { revisionId: draft.id });
    expect(r.ok === false && r.error.message).toBe(
      'Tệp PDF không xem trước được; hãy tải tệp về để xem.',
    );
  });
});

describe('safeLinks', () => {
  it('keeps in-page anchors and drops every other target', () => {
    expect(safeLinks('<a href="#_Toc1">Mục 1</a>')).toBe('<a href="#_Toc1">Mục 1</a>');
    expect(safeLinks('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(safeLinks('<a id="b" href="https://a.vn/?q=&quot;x&quot;">y</a>')).toBe(
      '<a id="b">y</a>',
    );
  });
});

// A quality-system output document (core/qms/printable.ts) as a Word file (.docx), for the
// offices that edit before signing: A4, Times New Roman 13 pt, the office and national motto
// header, the same blocks and signers as the printed page.
import type { Paragraph, Table } from 'docx';
import { formatPlaceDate } from '../../core/forms/format';
import type { FormOffice } from '../../core/forms/types';
import type { Printable } from '../../core/qms/printable';

export async function printableDocx(
  office: Readonly<FormOffice>,
  doc: Readonly<Printable>,
): Promise<Buffer> {
  const x = await import('docx');
  const font = 'Times New Roman';
  const run = (t: string, bold = false, italics = false) =>
    new x.TextRun({ text: t, bold, italics, font, size: 26 });
  const para = (t: string, opts: { bold?: boolean; center?: boolean; italics?: boolean } = {}) =>
    new x.Paragraph({
      children: [run(t, opts.bold ?? false, opts.italics ?? false)],
      ...(opts.center ? { alignment: x.AlignmentType.CENTER } : {}),
    });
  const none = { style: x.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const plain = { top: none, bottom: none, left: none, right: none };
  const cell = (lines: readonly string[], bold = false, center = false, borderless = false) =>
    new x.TableCell({
      children: lines.map((l) => para(l, { bold, center })),
      ...(borderless ? { borders: plain } : {}),
    });
  const table = (head: readonly string[], rows: readonly (readonly string[])[]): Table =>
    new x.Table({
      width: { size: 100, type: x.WidthType.PERCENTAGE },
      rows: [
        new x.TableRow({ children: head.map((h) => cell([h], true, true)), tableHeader: true }),
        ...rows.map((r) => new x.TableRow({ children: r.map((c) => cell(c.split('\n'))) })),
      ],
    });
  const children: (Paragraph | Table)[] = [
    new x.Table({
      width: { size: 100, type: x.WidthType.PERCENTAGE },
      borders: { ...plain, insideHorizontal: none, insideVertical: none },
      rows: [
        new x.TableRow({
          children: [
            cell([office.name.toUpperCase()], true, true, true),
            cell(
              ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
              true,
              true,
              true,
            ),
          ],
        }),
      ],
    }),
    ...(doc.number ? [para(`Số: ${doc.number}`)] : []),
    new x.Paragraph({
      children: [run(formatPlaceDate(office.commune, doc.printedAt), false, true)],
      alignment: x.AlignmentType.RIGHT,
    }),
    para(''),
    para(doc.title.toUpperCase(), { bold: true, center: true }),
    para(doc.subtitle, { center: true }),
    para(''),
  ];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') children.push(para(b.text, { bold: true }));
    else if (b.kind === 'center')
      children.push(para(b.text, { bold: b.bold ?? false, center: true }));
    else if (b.kind === 'para')
      children.push(
        new x.Paragraph({
          children: b.label
            ? [run(`${b.label}${b.sep ?? ':'} `, true), run(b.text)]
            : [run(b.text, false, b.italic ?? false)],
        }),
      );
    else if (b.rows.length === 0) children.push(para(b.empty ?? 'Không có.', { italics: true }));
    else children.push(table(b.head, b.rows));
  }
  children.push(para(''));
  children.push(
    new x.Table({
      width: { size: 100, type: x.WidthType.PERCENTAGE },
      borders: { ...plain, insideHorizontal: none, insideVertical: none },
      rows: [
        new x.TableRow({
          children: [
            ...(doc.recipients
              ? [cell(['Nơi nhận:', ...doc.recipients.map((r) => `- ${r}`)], false, false, true)]
              : []),
            ...doc.signers.map((s) =>
              cell(
                [
                  ...(s.authority ? [s.authority.toUpperCase()] : []),
                  s.role.toUpperCase(),
                  doc.number ? '(Ký, ghi rõ họ tên, đóng dấu)' : '(Ký, ghi rõ họ tên)',
                  '',
                  '',
                  '',
                  s.name ?? '',
                ],
                false,
                true,
                true,
              ),
            ),
          ],
        }),
      ],
    }),
  );
  const file = new x.Document({
    creator: office.name,
    title: `${doc.title} ${doc.subtitle}`,
    sections: [
      {
        properties: {
          page: {
            size: doc.landscape
              ? { width: 16838, height: 11906, orientation: x.PageOrientation.LANDSCAPE }
              : { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children,
      },
    ],
  });
  return x.Packer.toBuffer(file);
}

/** A file name from a code: letters, digits, dots and dashes only. */
export const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9.-]+/g, '-');

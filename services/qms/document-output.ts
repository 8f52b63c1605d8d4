// Document control's outputs: a revision printed as the controlled document (HTML for the
// print preview and PDF, through the desk's form layout), the same as a Word file (.docx, for
// offices that edit before signing), and the register as an Excel workbook.
import type { Paragraph as DocxParagraph, Table as DocxTable } from 'docx';
import { STEP_ROLE_LABELS } from '../../core/catalog/schema';
import { formatIsoDate } from '../../core/forms/format';
import type { FormOffice } from '../../core/forms/types';
import type { QmsRecord } from '../../core/qms';
import { DOC_TYPE_LABELS } from '../../core/qms/document';
import {
  hoursText,
  renderControlledDocument,
  type ControlledDocument,
} from '../../core/qms/procedure-print';
import { SECTION_KEYS, SECTION_LABELS, type RevisionData } from '../../core/qms/revision';
import { AppError } from '../../core/errors';
import type { Ctx } from '../context';
import { loadExcelJS } from '../desk/exceljs';
import { fontBaseUrl, formOffice } from '../desk/forms';
import type { PartialHandlers } from '../handlers';
import { revisionsOf } from './document-effects';
import { isManager, listDocuments } from './documents-read';
import { actorOf, loadRecord, todayOf } from './records';

type Rev = QmsRecord<RevisionData>;

function controlled(ctx: Ctx, revisionId: string): { doc: ControlledDocument; rev: Rev } {
  const rev = loadRecord(ctx.db, revisionId, 'revision') as Rev;
  if (!isManager(actorOf(ctx)) && !['effective', 'superseded', 'obsolete'].includes(rev.state))
    throw new AppError('FORBIDDEN', 'Bản dự thảo chỉ người quản lý tài liệu được xem.');
  const all = ctx.db.transaction((tx) => revisionsOf(tx, rev.data.documentId));
  const changes = all
    .filter(
      (r) =>
        r.data.issueNo <= rev.data.issueNo &&
        (r.id === rev.id || ['effective', 'superseded', 'obsolete'].includes(r.state)),
    )
    .sort((a, b) => a.data.issueNo - b.data.issueNo)
    .map((r) => ({
      issueNo: r.data.issueNo,
      date: r.data.effectiveDate,
      summary: r.data.changeSummary,
    }));
  return {
    rev,
    doc: {
      code: rev.code,
      title: rev.title,
      issueNo: rev.data.issueNo,
      effectiveDate: rev.data.effectiveDate,
      sections: rev.data.sections,
      steps: rev.data.steps,
      drafted: rev.data.drafted,
      reviewed: rev.data.reviewed,
      approved: rev.data.approved,
      changes,
      inForce: ['approved', 'effective'].includes(rev.state),
    },
  };
}

async function docxOf(office: Readonly<FormOffice>, d: Readonly<ControlledDocument>) {
  const x = await import('docx');
  const font = 'Times New Roman';
  const text = (t: string, bold = false) => new x.TextRun({ text: t, bold, font, size: 26 });
  const para = (t: string, bold = false, center = false) =>
    new x.Paragraph({
      children: [text(t, bold)],
      ...(center ? { alignment: x.AlignmentType.CENTER } : {}),
    });
  const cell = (t: string, bold = false) =>
    new x.TableCell({ children: t.split('\n').map((line) => para(line, bold)) });
  const table = (rows: readonly (readonly string[])[], head = true): DocxTable =>
    new x.Table({
      width: { size: 100, type: x.WidthType.PERCENTAGE },
      rows: rows.map(
        (r, i) => new x.TableRow({ children: r.map((c) => cell(c, head && i === 0)) }),
      ),
    });
  const date = (v: string | null | undefined) => (v ? formatIsoDate(v) : '');
  const meta = `Mã hiệu: ${d.code}\nLần ban hành: ${String(d.issueNo).padStart(2, '0')}\nNgày hiệu lực: ${date(d.effectiveDate)}`;
  const children: (DocxParagraph | DocxTable)[] = [
    table([[office.name.toUpperCase(), d.title.toUpperCase(), meta]], false),
    para(''),
    para(d.title.toUpperCase(), true, true),
    para(''),
    table([
      ['', 'SOẠN THẢO', 'XEM XÉT', 'PHÊ DUYỆT'],
      ['Họ và tên', d.drafted?.name ?? '', d.reviewed?.name ?? '', d.approved?.name ?? ''],
      ['Chữ ký', '\n\n', '\n\n', '\n\n'],
      ['Ngày', date(d.drafted?.on), date(d.reviewed?.on), date(d.approved?.on)],
    ]),
    para(''),
    para('THEO DÕI SỬA ĐỔI TÀI LIỆU', true, true),
    table([
      ['Ngày sửa đổi', 'Lần ban hành', 'Nội dung sửa đổi'],
      ...d.changes.map((c) => [date(c.date), String(c.issueNo).padStart(2, '0'), c.summary]),
    ]),
    new x.Paragraph({ children: [new x.PageBreak()] }),
  ];
  SECTION_KEYS.forEach((key, i) => {
    children.push(para(`${i + 1}. ${SECTION_LABELS[key].toUpperCase()}`, true));
    for (const line of d.sections[key].split('\n')) children.push(para(line));
    if (key === 'content' && d.steps)
      children.push(
        table([
          ['Bước', 'Nội dung công việc', 'Trách nhiệm', 'Thời gian', 'Biểu mẫu/Kết quả'],
          ...d.steps.map((s) => [
            `B${s.no}`,
            s.name,
            STEP_ROLE_LABELS[s.role],
            hoursText(s.hours),
            s.output,
          ]),
        ]),
      );
  });
  const file = new x.Document({
    creator: office.name,
    title: `${d.code} ${d.title}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children,
      },
    ],
  });
  return x.Packer.toBuffer(file);
}

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-');

export const documentOutputHandlers: PartialHandlers = {
  'documents.render': (ctx, input) => {
    const { doc } = controlled(ctx, input.revisionId);
    return {
      title: `${doc.code} ${doc.title} (lần ban hành ${doc.issueNo})`,
      html: renderControlledDocument(formOffice(ctx), doc, { fontBaseUrl: fontBaseUrl(ctx) }),
    };
  },
  'documents.exportDocx': async (ctx, input) => {
    const { doc } = controlled(ctx, input.revisionId);
    const bytes = await docxOf(formOffice(ctx), doc);
    return {
      fileName: `${fileSafe(doc.code)}_lan-${doc.issueNo}.docx`,
      base64: Buffer.from(bytes).toString('base64'),
    };
  },
  'documents.exportExcel': async (ctx) => {
    const rows = listDocuments(ctx, { query: '', includeObsolete: true }, todayOf(ctx));
    const ExcelJS = await loadExcelJS();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh mục tài liệu');
    sheet.columns = [
      { header: 'STT', width: 6 },
      { header: 'Mã tài liệu', width: 14 },
      { header: 'Tên tài liệu', width: 60 },
      { header: 'Loại', width: 20 },
      { header: 'Lần ban hành', width: 12 },
      { header: 'Ngày hiệu lực', width: 14 },
      { header: 'Rà soát tiếp theo', width: 16 },
      { header: 'Trạng thái', width: 16 },
      { header: 'Ghi chú', width: 40 },
    ];
    sheet.getRow(1).font = { bold: true };
    rows.forEach((r, i) => {
      const note = [
        ...r.flags.map((f) => `Cần rà soát: ${f}`),
        r.external ? `${r.external.number} – ${r.external.issuer}` : '',
        r.pending ? `Lần ${r.pending.issueNo}: ${r.pending.stateLabel}` : '',
      ].filter(Boolean);
      sheet.addRow([
        i + 1,
        r.code,
        r.title,
        DOC_TYPE_LABELS[r.docType],
        r.inForce?.issueNo ?? '',
        r.inForce?.effectiveDate
          ? formatIsoDate(r.inForce.effectiveDate)
          : r.external
            ? formatIsoDate(r.external.effectiveDate)
            : '',
        r.nextReview ? formatIsoDate(r.nextReview) : '',
        r.stateLabel,
        note.join('; '),
      ]);
    });
    const buffer = await book.xlsx.writeBuffer();
    return {
      fileName: `danh-muc-tai-lieu_${todayOf(ctx)}.xlsx`,
      base64: Buffer.from(buffer).toString('base64'),
    };
  },
};

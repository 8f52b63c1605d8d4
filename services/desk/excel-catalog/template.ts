// Writes the catalog template workbook: empty, or filled with procedures so export → import round-trips.
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../exceljs';
import { STEP_ROLE_LABELS, type FeeRule, type Procedure } from '../../../core/catalog/schema';
import {
  CHANNEL_LABELS,
  DOCUMENT_COLUMNS,
  FEE_COLUMNS,
  FEE_KIND_LABELS,
  NO,
  PROCEDURE_COLUMNS,
  SHEETS,
  STEP_COLUMNS,
  UNIT_LABELS,
  YES,
  type Column,
  type KeysOf,
} from './cells';

type RowValues<C extends readonly Column[]> = Partial<Record<KeysOf<C>, ExcelJS.CellValue>>;

/** exceljs supports range validations but does not type them. */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

const GUIDE = [
  'HƯỚNG DẪN NHẬP DANH MỤC THỦ TỤC HÀNH CHÍNH',
  `Trang "${SHEETS.procedures}": mỗi dòng là một phiên bản của một thủ tục (Mã TTHC + Phiên bản). Phiên bản để trống được hiểu là 1.`,
  '- Hiệu lực từ: ngày dạng dd/mm/yyyy. Căn cứ pháp lý: mỗi văn bản một dòng (Alt+Enter) hoặc ngăn cách bằng dấu ";".',
  `- Thời hạn: số (0 = trong ngày); Đơn vị: "${UNIT_LABELS.working_days}" hoặc "${UNIT_LABELS.working_hours}". Giờ chốt nhận: HH:MM, để trống nếu không có.`,
  `- Kênh: ${Object.values(CHANNEL_LABELS).join(', ')}; nhiều kênh ngăn cách bằng dấu phẩy.`,
  `Trang "${SHEETS.documents}": số bản để trống là 0; Bắt buộc ghi "${YES}" hoặc "${NO}".`,
  `Trang "${SHEETS.steps}": các bước đánh số liên tục từ 1; bước đầu và bước cuối do ${STEP_ROLE_LABELS.desk_officer} thực hiện; tổng thời gian các bước không vượt thời hạn (1 ngày làm việc = 8 giờ).`,
  `Trang "${SHEETS.fees}": Loại "${FEE_KIND_LABELS.flat}", "${FEE_KIND_LABELS.per_unit}" (ghi Đơn vị tính) hoặc "${FEE_KIND_LABELS.per_page}" (mỗi bậc giá một dòng cùng Mã khoản thu, ghi Từ trang). Số tiền để trống = tỉnh chưa công bố mức thu.`,
  'Các dòng của trang khác gắn với thủ tục qua cột Mã TTHC và Phiên bản. Tệp có lỗi sẽ không được nhập dòng nào.',
];

function addSheet<C extends readonly Column[]>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: C,
  rows: readonly RowValues<C>[],
): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: {
      alignment: { vertical: 'top', wrapText: true },
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
    },
  }));
  const header = ws.getRow(1);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const values of rows) ws.addRow(values);
  const validations = (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
  const lastRow = Math.max(1000, rows.length + 500);
  columns.forEach((c, i) => {
    if (!c.list) return;
    const letter = ws.getColumn(i + 1).letter;
    validations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: c.list.strict ? 'stop' : 'warning',
      errorTitle: c.header,
      error: `Chọn một trong: ${c.list.values.join(', ')}`,
    });
  });
}

const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function buildCatalogTemplate(procedures: readonly Procedure[] = []): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'ISO Xã';
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.getColumn(1).width = 140;
  GUIDE.forEach((line, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 13 };
  });
  const procRows: RowValues<typeof PROCEDURE_COLUMNS>[] = [];
  const docRows: RowValues<typeof DOCUMENT_COLUMNS>[] = [];
  const stepRows: RowValues<typeof STEP_COLUMNS>[] = [];
  const feeRows: RowValues<typeof FEE_COLUMNS>[] = [];
  for (const p of procedures) {
    for (const v of p.versions) {
      const key = { code: p.code, version: v.version };
      procRows.push({
        ...key,
        isoCode: p.isoCode,
        name: p.name,
        field: p.field,
        effectiveFrom: excelDate(v.effectiveFrom),
        legalBasis: v.legalBasis.join('\n'),
        limit: v.timeLimit.value,
        unit: UNIT_LABELS[v.timeLimit.unit],
        limitNote: v.timeLimit.note ?? null,
        cutoff: v.cutoff,
        channel: v.channel.map((c) => CHANNEL_LABELS[c]).join(', '),
        resultCollection: v.resultCollection,
      });
      for (const d of v.documents) {
        docRows.push({
          ...key,
          name: d.name,
          original: d.original,
          certifiedCopy: d.certifiedCopy,
          copy: d.copy,
          required: d.required ? YES : NO,
          note: d.note ?? null,
        });
      }
      for (const s of v.steps) {
        stepRows.push({
          ...key,
          no: s.no,
          name: s.name,
          role: STEP_ROLE_LABELS[s.role],
          hours: s.hours,
          output: s.output,
        });
      }
      for (const f of v.fees) feeRows.push(...feeCells(key, f));
    }
  }
  addSheet(workbook, SHEETS.procedures, PROCEDURE_COLUMNS, procRows);
  addSheet(workbook, SHEETS.documents, DOCUMENT_COLUMNS, docRows);
  addSheet(workbook, SHEETS.steps, STEP_COLUMNS, stepRows);
  addSheet(workbook, SHEETS.fees, FEE_COLUMNS, feeRows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function feeCells(
  key: { code: string; version: number },
  f: Readonly<FeeRule>,
): RowValues<typeof FEE_COLUMNS>[] {
  const common = {
    ...key,
    id: f.id,
    name: f.name,
    kind: FEE_KIND_LABELS[f.kind],
    condition: f.condition ?? null,
    note: f.note ?? null,
  };
  switch (f.kind) {
    case 'flat':
      return [{ ...common, amount: f.amountVnd }];
    case 'per_unit':
      return [{ ...common, unit: f.unit, amount: f.amountVnd }];
    case 'per_page':
      return f.tiers.map((t, i) =>
        i === 0
          ? { ...common, fromPage: t.fromPage, amount: t.amountVnd, max: f.maxPerCopyVnd }
          : { ...key, id: f.id, kind: common.kind, fromPage: t.fromPage, amount: t.amountVnd },
      );
    default: {
      const never: never = f;
      return never;
    }
  }
}

// Mẫu 07 Sổ theo dõi hồ sơ as an Excel workbook, for offices that keep or forward the book
// electronically. Times are real date cells showing Vietnam wall-clock time.
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { classifyReturn } from '../../core/calendar/working-time';
import { OUTCOME_LABELS } from '../../core/desk/types';
import { vietnamWallClockDate } from '../../core/calendar/civil-time';
import { formatIsoDate } from '../../core/forms/format';
import type { TrackingBookData, TrackingBookRow } from '../../core/forms/types';

export const BOOK_DATE_FORMAT = 'hh:mm dd/mm/yyyy';
export const BOOK_SHEET_NAME = 'Sổ theo dõi hồ sơ';

interface BookColumn {
  readonly header: string;
  readonly width: number;
  readonly date?: boolean;
  readonly center?: boolean;
  readonly value: (r: Readonly<TrackingBookRow>, index: number) => ExcelJS.CellValue;
}

/**
 * Excel has no time zones and exceljs writes a Date's UTC fields as the cell's wall clock, so an
 * instant moves 7 hours ahead to show Vietnam time whatever the PC's zone.
 */
function vnCell(epochMs: number | null): Date | null {
  return epochMs === null ? null : vietnamWallClockDate(epochMs);
}

export const BOOK_COLUMNS: readonly BookColumn[] = [
  { header: 'STT', width: 5, center: true, value: (_, i) => i + 1 },
  { header: 'Mã hồ sơ', width: 20, value: (r) => r.code },
  { header: 'Tên TTHC', width: 30, value: (r) => r.procedureName },
  { header: 'Số lượng hồ sơ (bộ)', width: 8, center: true, value: (r) => r.sets },
  { header: 'Tên cá nhân/tổ chức', width: 22, value: (r) => r.applicantName },
  {
    header: 'Địa chỉ/SĐT',
    width: 26,
    value: (r) => [r.applicantAddress, r.applicantPhone].filter((s) => s.trim() !== '').join('\n'),
  },
  { header: 'Ngày/giờ nhận', width: 16, date: true, value: (r) => vnCell(r.receivedAt) },
  { header: 'Ngày/giờ hẹn trả', width: 16, date: true, value: (r) => vnCell(r.dueAt) },
  { header: 'Chuyển xử lý', width: 20, value: (r) => r.handlingUnit },
  { header: 'Ngày/giờ chuyển', width: 16, date: true, value: (r) => vnCell(r.sentAt) },
  {
    header: 'Ngày/giờ nhận kết quả',
    width: 16,
    date: true,
    value: (r) => vnCell(r.resultReceivedAt),
  },
  { header: 'Ngày/giờ trả kết quả', width: 16, date: true, value: (r) => vnCell(r.returnedAt) },
  {
    header: 'Trạng thái/Kết quả',
    width: 13,
    center: true,
    // Only a returned dossier has an outcome; open ones are left for the officer to fill in.
    value: (r) =>
      r.returnedAt === null ? null : OUTCOME_LABELS[classifyReturn(r.returnedAt, r.dueAt)],
  },
  { header: 'Ký nhận', width: 12, value: () => null },
  { header: 'Ghi chú', width: 20, value: (r) => (r.note.trim() === '' ? null : r.note) },
];

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function titleRow(ws: ExcelJS.Worksheet, row: number, text: string, font: Partial<ExcelJS.Font>) {
  ws.mergeCells(row, 1, row, BOOK_COLUMNS.length);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = { name: FONT, size: 12, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** The header row's number in the sheet (title lines come first). */
export const BOOK_HEADER_ROW = 6;

export async function buildBookWorkbook(data: Readonly<TrackingBookData>): Promise<Buffer> {
  const { office, book } = data;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'ISO Xã';
  const ws = workbook.addWorksheet(BOOK_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: BOOK_HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${BOOK_HEADER_ROW}:${BOOK_HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  });
  ws.columns = BOOK_COLUMNS.map((c) => ({ width: c.width }));

  titleRow(ws, 1, office.name.toUpperCase(), { bold: true });
  titleRow(ws, 2, office.unitName ?? '', { bold: true });
  titleRow(ws, 3, 'SỔ THEO DÕI HỒ SƠ', { bold: true, size: 14 });
  const period = `Từ ngày ${formatIsoDate(book.period.from)} đến ngày ${formatIsoDate(book.period.to)}`;
  titleRow(ws, 4, book.volume.trim() ? `Quyển số: ${book.volume} - ${period}` : period, {
    italic: true,
  });

  const header = ws.getRow(BOOK_HEADER_ROW);
  BOOK_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = 45;

  book.rows.forEach((r, index) => {
    const row = ws.getRow(BOOK_HEADER_ROW + 1 + index);
    BOOK_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = c.value(r, index);
      cell.font = { name: FONT, size: 11 };
      cell.border = THIN;
      cell.alignment = {
        vertical: 'top',
        wrapText: true,
        ...(c.center || c.date ? { horizontal: 'center' } : {}),
      };
      if (c.date) cell.numFmt = BOOK_DATE_FORMAT;
    });
  });
  if (book.rows.length === 0) {
    const row = BOOK_HEADER_ROW + 1;
    ws.mergeCells(row, 1, row, BOOK_COLUMNS.length);
    const cell = ws.getCell(row, 1);
    cell.value = 'Không có hồ sơ trong kỳ.';
    cell.font = { name: FONT, size: 11, italic: true };
    cell.alignment = { horizontal: 'center' };
    cell.border = THIN;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

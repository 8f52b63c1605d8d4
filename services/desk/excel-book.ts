// Mẫu 07 Sổ theo dõi hồ sơ as an Excel workbook, for offices that keep or forward the book
// electronically: the printed form's heading and columns (core/forms/tracking-book-columns.ts).
// Times are real date cells showing Vietnam wall-clock time.
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { vietnamWallClockDate } from '../../core/calendar/civil-time';
import { formatIsoDate } from '../../core/forms/format';
import {
  BOOK_COLUMNS,
  bookHeadingRows,
  type BookColumn,
} from '../../core/forms/tracking-book-columns';
import type { FormMeta, TrackingBookData, TrackingBookRow } from '../../core/forms/types';

export const BOOK_DATE_FORMAT = 'hh:mm dd/mm/yyyy';
export const BOOK_SHEET_NAME = 'Sổ theo dõi hồ sơ';

/** The column headings' two rows (the form's heading lines come first). */
export const BOOK_HEADER_ROW = 7;
const FIRST_DATA_ROW = BOOK_HEADER_ROW + 2;

/**
 * Excel has no time zones and exceljs writes a Date's UTC fields as the cell's wall clock, so an
 * instant moves 7 hours ahead to show Vietnam time whatever the PC's zone.
 */
function vnCell(epochMs: number | null): Date | null {
  return epochMs === null ? null : vietnamWallClockDate(epochMs);
}

function cellValue(c: BookColumn, r: Readonly<TrackingBookRow>, index: number): ExcelJS.CellValue {
  switch (c.kind) {
    case 'index':
      return index + 1;
    case 'number':
      return c.value(r);
    case 'text': {
      const text = c.value(r).trim();
      return text === '' ? null : text;
    }
    case 'lines': {
      const lines = c.value(r);
      return lines.length === 0 ? null : lines.join('\n');
    }
    case 'time':
      return vnCell(c.value(r));
    default: {
      const never: never = c;
      return never;
    }
  }
}

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Text merged over columns [from, to] (1-based) of one row. */
function text(
  ws: ExcelJS.Worksheet,
  row: number,
  [from, to]: readonly [number, number],
  value: string,
  font: Partial<ExcelJS.Font>,
) {
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = value;
  cell.font = { name: FONT, size: 12, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** Columns under the agency block: the first ~42% of the width, as on the printed page. */
function agencyColumns(): number {
  let width = 0;
  const n = BOOK_COLUMNS.findIndex((c) => (width += c.printWidth) >= 42);
  return n + 1;
}

/** The form's heading (Nghị định 30/2020): form number, agency and motto, title, volume/period. */
function heading(ws: ExcelJS.Worksheet, meta: Readonly<FormMeta>, data: TrackingBookData) {
  const { office, book } = data;
  const last = BOOK_COLUMNS.length;
  const split = agencyColumns();
  const left = [1, split] as const;
  const right = [split + 1, last] as const;
  text(ws, 1, right, meta.label, { bold: true });
  ws.getCell(1, split + 1).alignment = { horizontal: 'right' };
  const parent = office.name.toUpperCase();
  if (office.unitName) {
    text(ws, 2, left, parent, {});
    text(ws, 3, left, office.unitName.toUpperCase(), { bold: true });
  } else {
    text(ws, 2, left, parent, { bold: true });
  }
  text(ws, 2, right, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  text(ws, 3, right, 'Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13, underline: true });
  text(ws, 4, [1, last], meta.title.toUpperCase(), { bold: true, size: 14 });
  const period = `Từ ngày ${formatIsoDate(book.period.from)} đến ngày ${formatIsoDate(book.period.to)}`;
  const volume = book.volume.trim() === '' ? '……' : book.volume.trim();
  text(ws, 5, [1, last], `Quyển số: ${volume} - ${period}`, {});
}

function columnHeadings(ws: ExcelJS.Worksheet) {
  bookHeadingRows(BOOK_COLUMNS).forEach((cells, r) => {
    const row = BOOK_HEADER_ROW + r;
    ws.getRow(row).height = r === 0 ? 30 : 60;
    for (const h of cells) {
      const col = h.column + 1;
      if (h.rowspan > 1 || h.colspan > 1)
        ws.mergeCells(row, col, row + h.rowspan - 1, col + h.colspan - 1);
      const cell = ws.getCell(row, col);
      cell.value = h.text;
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  });
  // Borders on every heading cell, merged or not, so the grid prints closed.
  for (let row = BOOK_HEADER_ROW; row < FIRST_DATA_ROW; row++)
    for (let col = 1; col <= BOOK_COLUMNS.length; col++) ws.getCell(row, col).border = THIN;
}

export async function buildBookWorkbook(
  meta: Readonly<FormMeta>,
  data: Readonly<TrackingBookData>,
): Promise<Buffer> {
  const { book } = data;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'ISO Xã';
  const ws = workbook.addWorksheet(BOOK_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: FIRST_DATA_ROW - 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${BOOK_HEADER_ROW}:${FIRST_DATA_ROW - 1}`,
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  });
  ws.columns = BOOK_COLUMNS.map((c) => ({ width: c.excelWidth }));
  heading(ws, meta, data);
  columnHeadings(ws);

  book.rows.forEach((r, index) => {
    const row = ws.getRow(FIRST_DATA_ROW + index);
    BOOK_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = cellValue(c, r, index);
      cell.font = { name: FONT, size: 11 };
      cell.border = THIN;
      cell.alignment = {
        vertical: 'top',
        wrapText: true,
        ...(c.center ? { horizontal: 'center' } : {}),
      };
      if (c.kind === 'time') cell.numFmt = BOOK_DATE_FORMAT;
    });
  });
  if (book.rows.length === 0) {
    text(ws, FIRST_DATA_ROW, [1, BOOK_COLUMNS.length], 'Không có hồ sơ trong kỳ.', {
      size: 11,
      italic: true,
    });
    ws.getCell(FIRST_DATA_ROW, 1).border = THIN;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// One register as an Excel workbook (sổ theo dõi): office name, title, date, a header row and
// one row per record, printable landscape on A4. Registers of every kind share it.
import { civilDateOf } from '../../core/calendar/civil-time';
import { formatIsoDate } from '../../core/forms/format';
import type { Ctx } from '../context';
import { formOffice } from '../desk/forms';
import { loadExcelJS } from '../desk/exceljs';

export interface RegisterColumn {
  readonly header: string;
  readonly width: number;
}

export interface RegisterSheet {
  /** File name stem, ASCII ('so-theo-doi-phan-anh'). */
  readonly file: string;
  readonly sheet: string;
  readonly title: string;
  readonly columns: readonly RegisterColumn[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** Per row, the 1-based columns to show in red (overdue deadlines). */
  readonly red?: (rowIndex: number) => readonly number[];
}

export async function registerExcel(
  ctx: Ctx,
  spec: RegisterSheet,
): Promise<{ fileName: string; base64: string }> {
  const ExcelJS = await loadExcelJS();
  const book = new ExcelJS.Workbook();
  book.creator = 'ISO Xã';
  const sheet = book.addWorksheet(spec.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const today = civilDateOf(ctx.now());
  sheet.addRow([formOffice(ctx).name.toUpperCase()]);
  sheet.addRow([spec.title]).font = { bold: true, size: 14 };
  sheet.addRow([`Lập ngày ${formatIsoDate(today)}`]);
  sheet.addRow([]);
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  spec.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  spec.rows.forEach((values, i) => {
    const line = sheet.addRow([...values]);
    line.alignment = { wrapText: true, vertical: 'top' };
    for (const col of spec.red?.(i) ?? [])
      line.getCell(col).font = { color: { argb: 'FFC00000' }, bold: true };
  });
  header.eachCell((cell) => {
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: 5 }];
  const buffer = await book.xlsx.writeBuffer();
  return {
    fileName: `${spec.file}_${today}.xlsx`,
    base64: Buffer.from(buffer).toString('base64'),
  };
}

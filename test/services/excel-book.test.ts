// Mẫu 07 Sổ theo dõi hồ sơ as Excel: the printed form's heading lines and the very same columns
// (one definition, core/forms/tracking-book-columns.ts), Vietnam-time date cells.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formFor, formSetById } from '../../core/forms/registry';
import type { TrackingBookData } from '../../core/forms/types';
import {
  BOOK_DATE_FORMAT,
  BOOK_HEADER_ROW,
  buildBookWorkbook,
} from '../../services/desk/excel-book';

const data: TrackingBookData = {
  office: {
    name: 'UBND xã Tân Phú',
    unitName: 'Trung tâm Phục vụ hành chính công',
    agencyCode: '000.00.00.H56',
    province: 'Lâm Đồng',
    commune: 'Tân Phú',
    address: 'Thôn 2',
  },
  book: {
    volume: '01/2026',
    period: { from: '2026-03-01', to: '2026-03-31' },
    rows: [
      {
        code: 'H56.22-260302-0001',
        procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân',
        sets: 1,
        applicantName: 'Nguyễn Thị Ánh',
        applicantAddress: 'Thôn 5, xã Tân Phú',
        applicantPhone: '0912 345 678',
        handlingUnit: 'Công chức Tư pháp - Hộ tịch',
        receivedAt: Date.UTC(2026, 2, 1, 18, 30),
        dueAt: Date.UTC(2026, 2, 4, 9, 0),
        sentAt: Date.UTC(2026, 2, 2, 1, 45),
        resultReceivedAt: Date.UTC(2026, 2, 4, 8, 0),
        returnedAt: Date.UTC(2026, 2, 4, 8, 30),
        note: '',
      },
      {
        code: 'H56.22-260303-0002',
        procedureName: 'Đăng ký khai sinh',
        sets: 2,
        applicantName: 'Trần Văn Bình',
        applicantAddress: '',
        applicantPhone: '0987 000 111',
        handlingUnit: 'Công chức Tư pháp - Hộ tịch',
        receivedAt: Date.UTC(2026, 2, 3, 2, 0),
        dueAt: Date.UTC(2026, 2, 3, 10, 0),
        sentAt: null,
        resultReceivedAt: null,
        returnedAt: null,
        note: 'Chờ xác minh',
      },
    ],
  },
};

const form = formFor(formSetById('tt03-2025'), 'tracking_book');
if (!form) throw new Error('no Mẫu 07');

async function sheet(book: TrackingBookData = data): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildBookWorkbook(form!, book)) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

/** The printed form's heading cells in order, with their spans. */
function printedHeadings(): string[] {
  const html = form!.render(data, { fontBaseUrl: 'app://resources/fonts/' });
  const thead = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '';
  return [...thead.matchAll(/<th([^>]*)>([^<]*)<\/th>/g)].map(([, attrs, text]) => {
    const span = (name: string) =>
      Number(new RegExp(`${name}="(\\d+)"`).exec(attrs ?? '')?.[1] ?? 1);
    return `${text}|${span('rowspan')}x${span('colspan')}`;
  });
}

/** The sheet's heading cells (merged cells once, at their master), in the same form. */
function sheetHeadings(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  for (const r of [BOOK_HEADER_ROW, BOOK_HEADER_ROW + 1]) {
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      if (cell.value === null) continue;
      let rows = 1;
      let cols = 1;
      while (ws.getCell(r + rows, c).isMerged && ws.getCell(r + rows, c).master === cell) rows++;
      while (ws.getCell(r, c + cols).isMerged && ws.getCell(r, c + cols).master === cell) cols++;
      out.push(`${cell.text}|${rows}x${cols}`);
    }
  }
  return out;
}

describe('tracking book workbook (Mẫu 07)', () => {
  it('has the printed Mẫu 07 heading lines and the same columns as the print', async () => {
    const ws = await sheet();
    expect(ws.columnCount).toBe(13);
    expect(ws.getCell('F1').value).toBe('Mẫu số 07');
    expect(ws.getCell('A2').value).toBe('UBND XÃ TÂN PHÚ');
    expect(ws.getCell('A3').value).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    expect(ws.getCell('F2').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('F3').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('A4').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell('A5').value).toBe(
      'Quyển số: 01/2026 - Từ ngày 01/03/2026 đến ngày 31/03/2026',
    );
    expect(sheetHeadings(ws)).toEqual(printedHeadings());
    expect(sheetHeadings(ws)).toEqual([
      'STT|2x1',
      'Mã hồ sơ|2x1',
      'Tên thủ tục hành chính|2x1',
      'Số lượng hồ sơ (bộ)|2x1',
      'Tên người nộp hồ sơ|2x1',
      'Địa chỉ, số điện thoại|2x1',
      'Cơ quan, đơn vị chủ trì giải quyết|2x1',
      'Ngày, tháng, năm|1x5',
      'Ghi chú|2x1',
      'Nhận hồ sơ|1x1',
      'Hẹn trả kết quả|1x1',
      'Chuyển hồ sơ đến cơ quan giải quyết|1x1',
      'Nhận kết quả từ cơ quan giải quyết|1x1',
      'Trả kết quả cho cá nhân, tổ chức|1x1',
    ]);
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: 1,
      printTitlesRow: `${BOOK_HEADER_ROW}:${BOOK_HEADER_ROW + 1}`,
    });
  });

  it('fills one row per dossier in the print order, times as Vietnam wall-clock date cells', async () => {
    const ws = await sheet();
    const row = ws.getRow(BOOK_HEADER_ROW + 2);
    expect(row.values).toEqual([
      undefined,
      1,
      'H56.22-260302-0001',
      'Cấp Giấy xác nhận tình trạng hôn nhân',
      1,
      'Nguyễn Thị Ánh',
      'Thôn 5, xã Tân Phú\n0912 345 678',
      'Công chức Tư pháp - Hộ tịch',
      // 2026-03-01T18:30Z is 01:30 on 02/03/2026 in Vietnam: the cell shows that wall clock.
      new Date(Date.UTC(2026, 2, 2, 1, 30)),
      new Date(Date.UTC(2026, 2, 4, 16, 0)),
      new Date(Date.UTC(2026, 2, 2, 8, 45)),
      new Date(Date.UTC(2026, 2, 4, 15, 0)),
      new Date(Date.UTC(2026, 2, 4, 15, 30)),
    ]);
    expect(row.getCell(8).numFmt).toBe(BOOK_DATE_FORMAT);
    expect(row.getCell(8).border.top?.style).toBe('thin');
    const open = ws.getRow(BOOK_HEADER_ROW + 3);
    expect(open.getCell(4).value).toBe(2);
    expect(open.getCell(6).value).toBe('0987 000 111');
    expect(open.getCell(10).value).toBeNull();
    expect(open.getCell(13).value).toBe('Chờ xác minh');
  });

  it('says so when the period has no dossier', async () => {
    const ws = await sheet({ ...data, book: { ...data.book, rows: [] } });
    expect(ws.getCell(BOOK_HEADER_ROW + 2, 1).value).toBe('Không có hồ sơ trong kỳ.');
  });
});

// The tracking book's columns (Sổ theo dõi hồ sơ, Mẫu 07 of TT 03/2025, Mẫu 06 of TT 01/2018),
// defined once for the printed form and the Excel export so the two never disagree.
import type { TrackingBookRow } from './types';

interface ColumnBase {
  readonly header: string;
  /** Columns sharing a group are printed under one merged heading cell. */
  readonly group?: string;
  /** Share of the printed landscape table's width, in percent. */
  readonly printWidth: number;
  /** Excel column width, in characters. */
  readonly excelWidth: number;
  readonly center?: boolean;
}

/** What a cell holds; each output turns it into its own text or cell value. */
export type BookColumn = ColumnBase &
  (
    | {
        readonly kind: 'text';
        /** An empty value prints a dotted leader for the officer to fill in by hand. */
        readonly fillIn?: boolean;
        readonly value: (r: Readonly<TrackingBookRow>) => string;
      }
    | { readonly kind: 'number'; readonly value: (r: Readonly<TrackingBookRow>) => number }
    | { readonly kind: 'index' }
    | { readonly kind: 'lines'; readonly value: (r: Readonly<TrackingBookRow>) => string[] }
    /** An instant (epoch ms) shown as Vietnam time, or nothing yet. */
    | { readonly kind: 'time'; readonly value: (r: Readonly<TrackingBookRow>) => number | null }
  );

const DATES = 'Ngày, tháng, năm';

export const BOOK_COLUMNS: readonly BookColumn[] = [
  { header: 'STT', kind: 'index', printWidth: 3.5, excelWidth: 5, center: true },
  {
    header: 'Mã hồ sơ',
    kind: 'text',
    fillIn: true,
    printWidth: 9,
    excelWidth: 20,
    value: (r) => r.code,
  },
  {
    header: 'Tên thủ tục hành chính',
    kind: 'text',
    fillIn: true,
    printWidth: 17,
    excelWidth: 32,
    value: (r) => r.procedureName,
  },
  {
    header: 'Số lượng hồ sơ (bộ)',
    kind: 'number',
    printWidth: 4,
    excelWidth: 8,
    center: true,
    value: (r) => r.sets,
  },
  {
    header: 'Tên người nộp hồ sơ',
    kind: 'text',
    fillIn: true,
    printWidth: 9,
    excelWidth: 22,
    value: (r) => r.applicantName,
  },
  {
    header: 'Địa chỉ, số điện thoại',
    kind: 'lines',
    printWidth: 9,
    excelWidth: 26,
    value: (r) => [r.applicantAddress, r.applicantPhone].filter((s) => s.trim() !== ''),
  },
  {
    header: 'Cơ quan, đơn vị chủ trì giải quyết',
    kind: 'text',
    fillIn: true,
    printWidth: 7,
    excelWidth: 20,
    value: (r) => r.handlingUnit,
  },
  ...(
    [
      ['Nhận hồ sơ', (r) => r.receivedAt],
      ['Hẹn trả kết quả', (r) => r.dueAt],
      ['Chuyển hồ sơ đến cơ quan giải quyết', (r) => r.sentAt],
      ['Nhận kết quả từ cơ quan giải quyết', (r) => r.resultReceivedAt],
      ['Trả kết quả cho cá nhân, tổ chức', (r) => r.returnedAt],
    ] as const satisfies readonly (readonly [string, (r: TrackingBookRow) => number | null])[]
  ).map(([header, value]): BookColumn => ({
    header,
    group: DATES,
    kind: 'time',
    printWidth: 7,
    excelWidth: 16,
    center: true,
    value,
  })),
  {
    header: 'Ghi chú',
    kind: 'text',
    printWidth: 6.5,
    excelWidth: 20,
    value: (r) => r.note.trim(),
  },
];

/** One heading cell: 0-based first column, how many columns and heading rows (1 or 2) it spans. */
export interface BookHeadingCell {
  readonly text: string;
  readonly column: number;
  readonly colspan: number;
  readonly rowspan: 1 | 2;
}

/**
 * The two heading rows: an ungrouped column spans both; a group is one merged cell on the first
 * row above its columns' own headings on the second.
 */
export function bookHeadingRows(
  columns: readonly BookColumn[] = BOOK_COLUMNS,
): readonly [BookHeadingCell[], BookHeadingCell[]] {
  const top: BookHeadingCell[] = [];
  const bottom: BookHeadingCell[] = [];
  columns.forEach((c, column) => {
    if (c.group === undefined) {
      top.push({ text: c.header, column, colspan: 1, rowspan: 2 });
      return;
    }
    const last = top[top.length - 1];
    if (
      last &&
      last.rowspan === 1 &&
      last.text === c.group &&
      last.column + last.colspan === column
    )
      top[top.length - 1] = { ...last, colspan: last.colspan + 1 };
    else top.push({ text: c.group, column, colspan: 1, rowspan: 1 });
    bottom.push({ text: c.header, column, colspan: 1, rowspan: 1 });
  });
  return [top, bottom];
}

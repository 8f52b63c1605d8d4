// Sheet layout shared by the catalog template writer and parser: columns, header matching, cell normalisation.
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../exceljs';
import {
  STEP_ROLE_LABELS,
  STEP_ROLES,
  type Channel,
  type FeeRule,
  type StepRole,
  type TimeUnit,
} from '../../../core/catalog/schema';
import { AppError } from '../../../core/errors';
import { fold } from '../../../core/text/fold';

export interface CatalogSheetError {
  readonly sheet: string;
  /** Excel row number (1-based); 0 for a problem with the whole sheet. */
  readonly row: number;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Layout shared by the template writer and the parser.

export interface Column<K extends string = string> {
  readonly key: K;
  readonly header: string;
  readonly width: number;
  /** A workbook without this column still imports (the cells read as empty). */
  readonly optional?: boolean;
  readonly numFmt?: string;
  /** Drop-down values; `strict` refuses other values in Excel (the parser accepts aliases). */
  readonly list?: { readonly values: readonly string[]; readonly strict: boolean };
}

export const col = <K extends string>(
  key: K,
  header: string,
  width: number,
  extra: Omit<Column, 'key' | 'header' | 'width'> = {},
): Column<K> => ({ key, header, width, ...extra });

export const SHEETS = {
  procedures: 'Thủ tục',
  documents: 'Thành phần hồ sơ',
  steps: 'Quy trình',
  fees: 'Phí, lệ phí',
} as const;
export const SHEET_ORDER: readonly string[] = Object.values(SHEETS);

export const UNIT_LABELS: Readonly<Record<TimeUnit, string>> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
};
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  direct: 'Trực tiếp',
  postal: 'Bưu chính',
  online: 'Trực tuyến',
};
export const FEE_KIND_LABELS: Readonly<Record<FeeRule['kind'], string>> = {
  flat: 'Cố định',
  per_unit: 'Theo bản',
  per_page: 'Theo trang',
};
export const YES = 'Có';
export const NO = 'Không';
const TEXT = '@';
const MONEY = '#,##0';

const codeCol = col('code', 'Mã TTHC', 16, { numFmt: TEXT });
const versionCol = col('version', 'Phiên bản', 10);

export const PROCEDURE_COLUMNS = [
  codeCol,
  col('isoCode', 'Mã quy trình ISO', 16),
  col('name', 'Tên thủ tục', 40),
  col('field', 'Lĩnh vực', 16),
  versionCol,
  col('effectiveFrom', 'Hiệu lực từ', 13, { numFmt: 'dd/mm/yyyy' }),
  col('legalBasis', 'Căn cứ pháp lý', 60),
  col('limit', 'Thời hạn', 10),
  col('unit', 'Đơn vị', 15, { list: { values: Object.values(UNIT_LABELS), strict: true } }),
  col('limitNote', 'Ghi chú thời hạn', 36, { optional: true }),
  col('cutoff', 'Giờ chốt nhận', 12, { numFmt: TEXT }),
  col('channel', 'Kênh', 32),
  col('resultCollection', 'Nơi trả kết quả', 48),
] as const;

export const DOCUMENT_COLUMNS = [
  codeCol,
  versionCol,
  col('name', 'Tên giấy tờ', 60),
  col('original', 'Bản chính', 10),
  col('certifiedCopy', 'Bản sao chứng thực', 12),
  col('copy', 'Bản sao', 10),
  col('required', 'Bắt buộc', 10, { list: { values: [YES, NO], strict: true } }),
  col('note', 'Ghi chú', 48, { optional: true }),
] as const;

export const STEP_COLUMNS = [
  codeCol,
  versionCol,
  col('no', 'Bước', 7),
  col('name', 'Nội dung công việc', 60),
  col('role', 'Trách nhiệm', 28, {
    list: { values: Object.values(STEP_ROLE_LABELS), strict: false },
  }),
  col('hours', 'Thời gian (giờ)', 10),
  col('output', 'Kết quả/Biểu mẫu', 36),
] as const;

export const FEE_COLUMNS = [
  codeCol,
  versionCol,
  col('id', 'Mã khoản thu', 14, { optional: true }),
  col('name', 'Tên phí', 44),
  col('kind', 'Loại', 12, { list: { values: Object.values(FEE_KIND_LABELS), strict: true } }),
  col('unit', 'Đơn vị tính', 12, { optional: true }),
  col('fromPage', 'Từ trang', 9, { optional: true }),
  col('amount', 'Số tiền (đồng)', 14, { numFmt: MONEY }),
  col('max', 'Tối đa mỗi bản (đồng)', 14, { optional: true, numFmt: MONEY }),
  col('condition', 'Điều kiện áp dụng', 36, { optional: true }),
  col('note', 'Ghi chú', 48, { optional: true }),
] as const;

export type KeysOf<C extends readonly Column[]> = C[number]['key'];

// ---------------------------------------------------------------------------------------------
// Cells: rich text, hyperlinks, formulas and numbers all read as one plain value.

export type Scalar = string | number | boolean | Date | null;

export function scalar(value: ExcelJS.CellValue): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
    return text === '' ? null : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  if ('richText' in value) return scalar(value.richText.map((r) => r.text).join(''));
  if ('hyperlink' in value) return scalar(value.text);
  if ('formula' in value || 'sharedFormula' in value) return scalar(value.result ?? null);
  if ('error' in value) return value.error;
  return null;
}

export const asText = (v: Scalar): string =>
  v instanceof Date ? v.toISOString() : String(v ?? '');

/** '0,5' and '1.5' are decimals; '8.000' and '8.000 đ' are whole đồng (dots group thousands). */
export function parseNumber(v: Scalar, money: boolean): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  let s = v.replace(/\s|đồng|đ/gi, '');
  s = money ? s.replace(/[.,](?=\d{3}(\D|$))/g, '') : s.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function isoFromParts(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Date cells carry the civil date in their UTC fields; text may be dd/mm/yyyy or ISO. */
export function parseCivilDate(v: Scalar): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return parseCivilDate(new Date(Math.round((v - 25569) * 86400_000)));
  if (typeof v !== 'string') return undefined;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (vn) return isoFromParts(Number(vn[3]), Number(vn[2]), Number(vn[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return iso ? isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
}

/** '15:00', '15h', '15h30', a time cell or a day fraction → 'HH:MM'. */
export function parseClock(v: Scalar): string | undefined {
  let minutes: number | undefined;
  if (v instanceof Date) minutes = v.getUTCHours() * 60 + v.getUTCMinutes();
  else if (typeof v === 'number' && v >= 0 && v < 1) minutes = Math.round(v * 1440);
  else if (typeof v === 'string') {
    const m = /^(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?$/i.exec(v);
    if (m && Number(m[1]) < 24 && Number(m[2] ?? 0) < 60) {
      minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
    }
  }
  return minutes === undefined
    ? undefined
    : `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

export function parseRole(text: string): StepRole | undefined {
  const f = fold(text);
  const exact = STEP_ROLES.find((r) => fold(STEP_ROLE_LABELS[r]) === f || fold(r) === f);
  if (exact) return exact;
  // Step tables name the same four roles in many ways ("Công chức Một cửa", "Chủ tịch UBND xã",
  // "Công chức Tư pháp - Hộ tịch"); any other công chức is a specialist.
  if (f.includes('mot cua')) return 'desk_officer';
  if (f.startsWith('lanh dao') || f.includes('chu tich')) return 'leader';
  if (f.includes('van thu')) return 'records_clerk';
  if (f.includes('chuyen mon') || f.startsWith('cong chuc')) return 'specialist';
  return undefined;
}

export function parseChannel(text: string): Channel | undefined {
  const f = fold(text);
  if (f === 'direct' || f.includes('truc tiep')) return 'direct';
  if (f === 'postal' || f.includes('buu chinh')) return 'postal';
  if (f === 'online' || f.includes('truc tuyen') || f.includes('dich vu cong')) return 'online';
  return undefined;
}

export function parseFeeKind(text: string | undefined): FeeRule['kind'] | undefined {
  if (text === undefined) return 'flat';
  const f = fold(text);
  if (f === 'flat' || f.includes('co dinh')) return 'flat';
  if (f === 'per page' || f.includes('trang')) return 'per_page';
  if (f === 'per unit' || f.startsWith('theo')) return 'per_unit';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading sheets.

export class Problems {
  readonly list: CatalogSheetError[] = [];
  private readonly fields = new Set<string>();
  private readonly seen = new Set<string>();

  add(sheet: string, row: number, message: string, field?: string): void {
    if (field !== undefined) this.fields.add(`${sheet}|${row}|${field}`);
    const key = `${sheet}|${row}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ sheet, row, message });
  }

  /** A field whose cell was already reported: the schema's echo of it is dropped. */
  reported(sheet: string, row: number, field: string): boolean {
    return this.fields.has(`${sheet}|${row}|${field}`);
  }
}

export class RowReader<K extends string> {
  constructor(
    readonly sheet: string,
    readonly row: number,
    private readonly cells: ReadonlyMap<K, Scalar>,
    private readonly headers: ReadonlyMap<K, string>,
    private readonly problems: Problems,
  ) {}

  raw(key: K): Scalar {
    return this.cells.get(key) ?? null;
  }

  /** Reports a cell and returns undefined, the "no valid value" marker the schema then skips. */
  fail(key: K, message: string, field: string = key): undefined {
    this.problems.add(this.sheet, this.row, message, field);
    return undefined;
  }

  label(key: K): string {
    return this.headers.get(key) ?? key;
  }

  text(key: K): string | undefined {
    const v = this.raw(key);
    return v === null ? undefined : asText(v);
  }

  number(key: K, options: { money?: boolean; field?: string } = {}): number | null | undefined {
    const v = this.raw(key);
    if (v === null) return null;
    const n = parseNumber(v, options.money ?? false);
    if (n !== undefined) return n;
    return this.fail(key, `${this.label(key)} phải là số (đang ghi "${asText(v)}")`, options.field);
  }
}

export interface SheetData<K extends string> {
  readonly name: string;
  readonly rows: readonly RowReader<K>[];
}

const headerKey = (header: string) => fold(header.replace(/\(.*\)/, ''));

export function readSheet<C extends readonly Column[]>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: C,
  problems: Problems,
): SheetData<KeysOf<C>> | null {
  type K = KeysOf<C>;
  const sheet = workbook.worksheets.find((ws) => fold(ws.name) === fold(name));
  if (!sheet) {
    problems.add(name, 0, `Thiếu trang tính "${name}"`);
    return null;
  }
  // Officers add title lines above the table; the header is the row that starts with the code.
  const first = headerKey(columns[0]?.header ?? '');
  let headerRow = 0;
  for (let r = 1; r <= Math.min(sheet.rowCount, 10) && headerRow === 0; r++) {
    sheet.getRow(r).eachCell((cell) => {
      if (headerKey(asText(scalar(cell.value))) === first) headerRow = r;
    });
  }
  if (headerRow === 0) {
    problems.add(name, 1, `Không tìm thấy dòng tiêu đề (cột "${columns[0]?.header ?? ''}")`);
    return null;
  }
  const positions = new Map<K, number>();
  const headers = new Map<K, string>();
  sheet.getRow(headerRow).eachCell((cell, colNumber) => {
    const key = headerKey(asText(scalar(cell.value)));
    const column = columns.find((c) => headerKey(c.header) === key || fold(c.header) === key);
    if (column && !positions.has(column.key)) positions.set(column.key, colNumber);
  });
  let complete = true;
  for (const column of columns) {
    headers.set(column.key, column.header);
    if (!positions.has(column.key) && !column.optional) {
      problems.add(name, headerRow, `Thiếu cột "${column.header}"`);
      complete = false;
    }
  }
  if (!complete) return null;
  const rows: RowReader<K>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = new Map<K, Scalar>();
    for (const [key, at] of positions) cells.set(key, scalar(row.getCell(at).value));
    if ([...cells.values()].some((v) => v !== null)) {
      rows.push(new RowReader(name, r, cells, headers, problems));
    }
  }
  return { name, rows };
}

/** Code and version identify the procedure version a row belongs to; undefined if unusable. */
export function readKey<K extends string>(
  r: RowReader<K | 'code' | 'version'>,
): { code: string; version: number } | undefined {
  const rawCode = r.raw('code');
  // A code typed as a number (1.001193) lost its text form; six decimals bring it back.
  const code = typeof rawCode === 'number' ? rawCode.toFixed(6) : r.text('code');
  if (code === undefined) return r.fail('code', 'Mã TTHC: thiếu thông tin bắt buộc');
  const version = r.number('version') ?? 1;
  if (version === undefined) return undefined;
  if (!Number.isInteger(version) || version < 1) {
    return r.fail('version', `Phiên bản phải là số nguyên từ 1 (đang ghi "${version}")`);
  }
  return { code, version };
}

export function optionalText<F extends string>(field: F, text: string | undefined) {
  return (text === undefined ? {} : { [field]: text }) as Partial<Record<F, string>>;
}

export async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const invalid = () =>
    new AppError('INVALID_INPUT', 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.');
  // .xlsx is a ZIP package; old .xls, CSV or anything else stops here.
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw invalid();
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw invalid();
  }
  return workbook;
}

// Excel import of the procedure catalog (round trip, errors by sheet and row, all-or-nothing
// handler). The Mẫu 07 tracking book export: excel-book.test.ts.
import { readFileSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { procedureCatalogSchema, type Procedure } from '../../core/catalog/schema';
import type { OpInput, OpOutput } from '../../core/contract';
import { AppError, type Result } from '../../core/errors';
import * as schema from '../../db/schema';
import { defaultMigrationsDir, HANDLERS } from '../../services/app';
import {
  buildCatalogTemplate,
  catalogExcelHandlers,
  parseCatalogWorkbook,
  SHEETS,
} from '../../services/desk/excel-catalog';
import { createDispatcher } from '../../services/dispatch';
import { SessionStore } from '../../services/sessions';
import { dumpDatabase, loginNewUser, startSetUpApp, type TestApp } from '../support/backend';
import { startDemoDesk } from '../support/desk';

const seed: Procedure[] = procedureCatalogSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../resources/catalog/procedures.json', import.meta.url), 'utf8'),
  ),
).procedures;

async function load(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  return wb;
}

const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`missing sheet ${name}`);
  return ws;
}

/** Row number of the first data row of a procedure version (and step number, if given). */
function findRow(ws: ExcelJS.Worksheet, code: string, version: number, step?: number): number {
  const match: [string, unknown][] = [
    ['Mã TTHC', code],
    ['Phiên bản', version],
    ...(step === undefined ? [] : [['Bước', step] as [string, unknown]]),
  ];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (match.every(([header, v]) => row.getCell(colOf(ws, header)).value === v)) return r;
  }
  throw new Error(`no row ${code} ${version} ${step ?? ''} in ${ws.name}`);
}

/** Column number of a header in row 1. */
function colOf(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  if (!found) throw new Error(`no column ${header} in ${ws.name}`);
  return found;
}

function setCell(ws: ExcelJS.Worksheet, row: number, header: string, value: ExcelJS.CellValue) {
  ws.getRow(row).getCell(colOf(ws, header)).value = value;
}

describe('catalog workbook', () => {
  it('round-trips the seed catalog: template → parse gives the same procedures', async () => {
    // Normalisation: optional notes absent ↔ empty cell, versions sorted by number and steps by
    // "Bước", text trimmed with single spaces; the seed is already in that form.
    const parsed = await parseCatalogWorkbook(await buildCatalogTemplate(seed));
    expect(parsed.errors).toEqual([]);
    expect(parsed.procedures).toEqual(seed);
  });

  it('lays out Vietnamese sheets with bold headers, widths and drop-down lists', async () => {
    const wb = await load(await buildCatalogTemplate(seed));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Hướng dẫn',
      'Thủ tục',
      'Thành phần hồ sơ',
      'Quy trình',
      'Phí, lệ phí',
    ]);
    const steps = sheet(wb, SHEETS.steps);
    expect(steps.getRow(1).values).toEqual([
      undefined,
      'Mã TTHC',
      'Phiên bản',
      'Bước',
      'Nội dung công việc',
      'Trách nhiệm',
      'Thời gian (giờ)',
      'Kết quả/Biểu mẫu',
    ]);
    expect(steps.getCell('A1').font.bold).toBe(true);
    expect(steps.getColumn(4).width).toBe(60);
    expect(steps.getCell('E200').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Công chức Bộ phận Một cửa,Công chức chuyên môn,Lãnh đạo UBND xã,Văn thư"'],
    });
    expect(sheet(wb, SHEETS.procedures).getCell('I2').dataValidation.formulae).toEqual([
      '"ngày làm việc,giờ làm việc"',
    ]);
    expect(sheet(wb, SHEETS.documents).getCell('G5').dataValidation.formulae).toEqual([
      '"Có,Không"',
    ]);
    const empty = await parseCatalogWorkbook(await buildCatalogTemplate());
    expect(empty).toEqual({
      procedures: [],
      errors: [{ sheet: 'Thủ tục', row: 0, message: 'Trang tính không có thủ tục nào' }],
    });
  });

  it('reports each bad row with its sheet, Excel row and a Vietnamese message', async () => {
    const wb = await load(await buildCatalogTemplate(seed));
    const proc = sheet(wb, SHEETS.procedures);
    const docs = sheet(wb, SHEETS.documents);
    const steps = sheet(wb, SHEETS.steps);
    const fees = sheet(wb, SHEETS.fees);

    const badDate = findRow(proc, '1.000894', 1);
    setCell(proc, badDate, 'Hiệu lực từ', '31/02/2026');
    const duplicate = proc.rowCount + 1;
    proc.getRow(duplicate).values = proc.getRow(2).values;
    const negative = findRow(docs, '1.004873', 1);
    setCell(docs, negative, 'Bản sao', -1);
    const unknownRole = findRow(steps, '1.001193', 1, 2);
    setCell(steps, unknownRole, 'Trách nhiệm', 'Thủ quỹ');
    const overLimit = findRow(steps, '1.004837', 1, 2);
    setCell(steps, overLimit, 'Thời gian (giờ)', 100);
    const orphan = fees.rowCount + 1;
    fees.getRow(orphan).values = ['9.999999', 1, 'phi', 'Phí lạ', 'Cố định', null, null, 1000];

    const parsed = await parseCatalogWorkbook(await save(wb));
    expect(parsed.procedures).toEqual([]);
    expect(parsed.errors).toEqual([
      {
        sheet: 'Thủ tục',
        row: badDate,
        message: 'Hiệu lực từ: ngày "31/02/2026" không hợp lệ (ghi dạng dd/mm/yyyy)',
      },
      {
        sheet: 'Thủ tục',
        row: duplicate,
        message: 'Trùng Mã TTHC 1.001193 phiên bản 1 với dòng 2',
      },
      { sheet: 'Thành phần hồ sơ', row: negative, message: 'Số bản sao/bản chụp không được âm' },
      // The schema's own refinement on the same row (1 original - 1 copy = no copy at all).
      {
        sheet: 'Thành phần hồ sơ',
        row: negative,
        message: 'Giấy tờ phải có ít nhất một bản (bản chính, bản sao chứng thực hoặc bản sao)',
      },
      {
        sheet: 'Quy trình',
        row: unknownRole,
        message:
          'Trách nhiệm "Thủ quỹ" không hợp lệ (chọn một trong: Công chức Bộ phận Một cửa, Công chức chuyên môn, Lãnh đạo UBND xã, Văn thư)',
      },
      {
        sheet: 'Quy trình',
        row: overLimit,
        message: 'Tổng thời gian các bước (108 giờ) vượt quá thời hạn giải quyết (24 giờ làm việc)',
      },
      {
        sheet: 'Phí, lệ phí',
        row: orphan,
        message: 'Không có thủ tục Mã TTHC 9.999999 phiên bản 1 trong trang "Thủ tục"',
      },
    ]);
  });

  it('reports a missing sheet and a missing column', async () => {
    const wb = await load(await buildCatalogTemplate(seed));
    wb.removeWorksheet(sheet(wb, SHEETS.fees).id);
    sheet(wb, SHEETS.steps).getCell('E1').value = 'Người làm';
    const parsed = await parseCatalogWorkbook(await save(wb));
    expect(parsed).toEqual({
      procedures: [],
      errors: [
        { sheet: 'Quy trình', row: 1, message: 'Thiếu cột "Trách nhiệm"' },
        { sheet: 'Phí, lệ phí', row: 0, message: 'Thiếu trang tính "Phí, lệ phí"' },
      ],
    });
  });

  it('reads a hand-made workbook: title lines, rich text, formulas, aliases, text numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const add = (name: string, rows: ExcelJS.CellValue[][]) => {
      const ws = wb.addWorksheet(name);
      rows.forEach((r) => ws.addRow(r));
    };
    add('Thủ tục', [
      ['DANH MỤC THỦ TỤC XÃ'],
      [],
      // Headers in another order and case, one optional column left out.
      [
        'Mã TTHC',
        'Tên thủ tục',
        'Mã quy trình ISO',
        'Lĩnh vực',
        'Phiên bản',
        'Hiệu lực từ',
        'căn cứ pháp lý',
        'Thời hạn',
        'Đơn vị',
        'Giờ chốt nhận',
        'Kênh',
        'Nơi trả kết quả',
      ],
      [
        2.000815,
        { richText: [{ text: 'Chứng thực ', font: { bold: true } }, { text: 'bản sao' }] },
        'QT-CT-09',
        'Chứng thực',
        null,
        '1/7/2025',
        'Luật A; Nghị định B ',
        0,
        'Ngày làm việc',
        '15h',
        'trực tiếp,  Bưu chính',
        'Bộ phận Một cửa',
      ],
    ]);
    add('Thành phần hồ sơ', [
      [
        'Mã TTHC',
        'Phiên bản',
        'Tên giấy tờ',
        'Bản chính',
        'Bản sao chứng thực',
        'Bản sao',
        'Bắt buộc',
      ],
      ['2.000815', 1, 'Bản chính giấy tờ', '1', null, null, 'x'],
    ]);
    add('Quy trình', [
      [
        'Mã TTHC',
        'Phiên bản',
        'Bước',
        'Nội dung công việc',
        'Trách nhiệm',
        'Thời gian',
        'Kết quả/Biểu mẫu',
      ],
      ['2.000815', 1, 2, 'Chứng thực', 'Chủ tịch UBND xã', '0,5', 'Bản sao'],
      [
        '2.000815',
        1,
        1,
        'Tiếp nhận',
        'Công chức Một cửa',
        { formula: '1/2', result: 0.5 },
        'Mẫu 01',
      ],
      ['2.000815', 1, 3, 'Trả kết quả', 'desk_officer', 0.5, 'Mẫu 07'],
    ]);
    add('Phi, le phi', [
      ['Mã TTHC', 'Phiên bản', 'Tên phí', 'Loại', 'Số tiền', 'Tối đa mỗi bản (đồng)'],
      ['2.000815', 1, 'Phí chứng thực', 'Theo trang', '2.000 đ', '200.000'],
      ['2.000815', 1, null, 'Theo trang', 1000],
      ['2.000815', 1, 'Lệ phí khác', null, null],
    ]);
    // The second tier's "Từ trang" column is missing: give it one.
    sheet(wb, 'Phi, le phi').getCell('G1').value = 'Từ trang';
    sheet(wb, 'Phi, le phi').getCell('G3').value = 3;
    const parsed = await parseCatalogWorkbook(await save(wb));
    expect(parsed.errors).toEqual([]);
    expect(parsed.procedures).toEqual([
      {
        code: '2.000815',
        isoCode: 'QT-CT-09',
        name: 'Chứng thực bản sao',
        field: 'Chứng thực',
        versions: [
          {
            version: 1,
            effectiveFrom: '2025-07-01',
            legalBasis: ['Luật A', 'Nghị định B'],
            timeLimit: { value: 0, unit: 'working_days' },
            cutoff: '15:00',
            channel: ['direct', 'postal'],
            resultCollection: 'Bộ phận Một cửa',
            documents: [
              { name: 'Bản chính giấy tờ', original: 1, certifiedCopy: 0, copy: 0, required: true },
            ],
            steps: [
              { no: 1, name: 'Tiếp nhận', role: 'desk_officer', hours: 0.5, output: 'Mẫu 01' },
              { no: 2, name: 'Chứng thực', role: 'leader', hours: 0.5, output: 'Bản sao' },
              { no: 3, name: 'Trả kết quả', role: 'desk_officer', hours: 0.5, output: 'Mẫu 07' },
            ],
            fees: [
              {
                kind: 'per_page',
                id: 'phi-chung-thuc',
                name: 'Phí chứng thực',
                tiers: [
                  { fromPage: 1, amountVnd: 2000 },
                  { fromPage: 3, amountVnd: 1000 },
                ],
                maxPerCopyVnd: 200000,
              },
              { kind: 'flat', id: 'le-phi-khac', name: 'Lệ phí khác', amountVnd: null },
            ],
          },
        ],
      },
    ]);
  });

  it('rejects a file that is not an .xlsx workbook', async () => {
    const expected = new AppError(
      'INVALID_INPUT',
      'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.',
    );
    await expect(parseCatalogWorkbook(Buffer.from('Mã TTHC;Tên'))).rejects.toEqual(expected);
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    await expect(parseCatalogWorkbook(fakeZip)).rejects.toThrow(expected.message);
  });
});

describe('catalog.importExcel handler', () => {
  let app: TestApp;
  afterEach(() => app.close());

  const registered = 'catalog.importExcel' in HANDLERS;
  const ISO = { username: 'thuky', fullName: 'Lê Thị Thư', password: 'matkhau-456' };

  /**
   * Calls the handler through the real dispatcher (session, permission, output schema) on the
   * backend's database. Until services/app.ts registers it, a second dispatcher over the same
   * connection carries it; once registered, the backend itself is called.
   */
  async function importer(a: TestApp) {
    // Managing the catalog is the ISO coordinator's job, not the admin's.
    await a.ok('admin')('users.create', { ...ISO, roles: ['iso_coordinator'] });
    if (registered) {
      await loginNewUser(a, 'iso', ISO.username, ISO.password);
      return (input: OpInput<'catalog.importExcel'>) => a.as('iso')('catalog.importExcel', input);
    }
    const sqlite = a.backend.database();
    const db = drizzle({ client: sqlite, schema });
    const conn = { sqlite, db, file: sqlite.name };
    const handlers = { ...HANDLERS, ...catalogExcelHandlers };
    const sessions = new SessionStore();
    const call = createDispatcher(handlers, () => ({
      conn,
      db,
      sessions,
      platform: { kind: 'test', appVersion: '0.0.0-test' },
      dataDir: a.dataDir,
      now: () => a.clock.now,
      migrationsDir: defaultMigrationsDir(),
      resourcesDir: 'resources',
      cache: new Map(),
      swapConnection: () => undefined,
    }));
    const login = await call('iso', 'auth.login', {
      username: ISO.username,
      password: ISO.password,
    });
    expect(login.ok).toBe(true);
    return (input: OpInput<'catalog.importExcel'>) =>
      call('iso', 'catalog.importExcel', input) as Promise<Result<OpOutput<'catalog.importExcel'>>>;
  }

  it('writes nothing when any row has an error', async () => {
    app = await startSetUpApp();
    const run = await importer(app);
    const wb = await load(await buildCatalogTemplate(seed));
    const steps = sheet(wb, SHEETS.steps);
    setCell(steps, findRow(steps, '1.001193', 1, 3), 'Trách nhiệm', 'Thủ quỹ');
    // A valid new version elsewhere in the same file must not be written either.
    const proc = sheet(wb, SHEETS.procedures);
    setCell(proc, findRow(proc, '1.004873', 1), 'Tên thủ tục', 'Tên mới');
    const before = dumpDatabase(app.backend);
    const r = await run({ fileBase64: (await save(wb)).toString('base64') });
    expect(r).toMatchObject({
      ok: true,
      value: { ok: false, procedures: 0, errors: [{ sheet: 'Quy trình' }] },
    });
    expect(dumpDatabase(app.backend)).toBe(before);

    const junk = await run({ fileBase64: Buffer.from('not excel').toString('base64') });
    expect(junk).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.',
      },
    });
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('imports a valid file in one transaction with an audit row', async () => {
    app = await startSetUpApp();
    const run = await importer(app);
    const first = seed[0];
    if (!first?.versions[0]) throw new Error('empty seed');
    const v2 = { ...first.versions[0], version: 2, effectiveFrom: '2026-01-01' };
    const next = [{ ...first, versions: [...first.versions, v2] }, ...seed.slice(1)];
    const r = await run({ fileBase64: (await buildCatalogTemplate(next)).toString('base64') });
    expect(r).toEqual({ ok: true, value: { ok: true, procedures: seed.length, errors: [] } });
    const sqlite = app.backend.database();
    const versions = sqlite
      .prepare(
        'SELECT v.version, v.effective_from AS e FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id WHERE p.code = ? ORDER BY v.version',
      )
      .all(first.code);
    expect(versions).toEqual([
      { version: 1, e: '2025-07-01' },
      { version: 2, e: '2026-01-01' },
    ]);
    const audit = sqlite
      .prepare("SELECT summary FROM audit_log WHERE operation = 'catalog.importExcel'")
      .pluck()
      .all();
    expect(audit).toEqual([`Nhập danh mục từ Excel: ${seed.length} thủ tục`]);
  });
});

describe('catalog.exportExcel handler', () => {
  let app: TestApp;
  afterEach(() => app.close());

  it('exports the catalog in the template, which parses back and imports unchanged', async () => {
    app = await startDemoDesk();
    // Reading the catalog is enough to download it.
    const file = await app.ok('motcua')('catalog.exportExcel', {});
    expect(file.fileName).toBe('danh-muc-thu-tuc_2026-11-23.xlsx');
    const data = Buffer.from(file.base64, 'base64');
    const byCode = [...seed].sort((a, b) => a.code.localeCompare(b.code));
    expect(await parseCatalogWorkbook(data)).toEqual({ procedures: byCode, errors: [] });
    const r = await app.ok('thuky')('catalog.importExcel', { fileBase64: file.base64 });
    expect(r).toEqual({ ok: true, procedures: seed.length, errors: [] });
  });
});

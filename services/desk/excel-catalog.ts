// The procedure catalog as an Excel workbook a province officer fills in: one sheet per table of
// the ISO procedure (excel-catalog/), and the import and export operations.
import { asc } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { Procedure } from '../../core/catalog/schema';
import { procedureVersions, procedures } from '../../db/schema';
import { write } from '../context';
import type { PartialHandlers } from '../handlers';
import { upsertCatalog } from './catalog';
import { parseCatalogWorkbook } from './excel-catalog/parse';
import { buildCatalogTemplate } from './excel-catalog/template';

export { SHEETS, type CatalogSheetError } from './excel-catalog/cells';
export { parseCatalogWorkbook, type ParsedCatalog } from './excel-catalog/parse';
export { buildCatalogTemplate } from './excel-catalog/template';

export const catalogExcelHandlers: PartialHandlers = {
  'catalog.importExcel': async (ctx, input) => {
    const { procedures, errors } = await parseCatalogWorkbook(
      Buffer.from(input.fileBase64, 'base64'),
    );
    if (errors.length > 0) return { ok: false, procedures: 0, errors };
    const count = write(ctx, (tx) => ({
      result: upsertCatalog(tx, procedures, 'import', ctx.now()),
      audit: {
        operation: 'catalog.importExcel',
        entity: 'catalog',
        summary: `Nhập danh mục từ Excel: ${procedures.length} thủ tục`,
      },
    }));
    return { ok: true, procedures: count, errors: [] };
  },
  'catalog.templateExcel': async () => ({
    fileName: 'mau-nhap-danh-muc-thu-tuc.xlsx',
    base64: (await buildCatalogTemplate()).toString('base64'),
  }),
  'catalog.exportExcel': async (ctx) => {
    const versions = ctx.db
      .select()
      .from(procedureVersions)
      .orderBy(asc(procedureVersions.version))
      .all();
    const list: Procedure[] = ctx.db
      .select()
      .from(procedures)
      .orderBy(asc(procedures.code))
      .all()
      .map((p) => ({
        code: p.code,
        isoCode: p.isoCode,
        name: p.name,
        field: p.field,
        versions: versions.filter((v) => v.procedureId === p.id).map((v) => v.body),
      }));
    return {
      fileName: `danh-muc-thu-tuc_${civilDateOf(ctx.now())}.xlsx`,
      base64: (await buildCatalogTemplate(list)).toString('base64'),
    };
  },
};

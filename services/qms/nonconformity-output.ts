// The nonconformity's outputs: the printed report (HTML for print / PDF, through the desk's
// form layout) and the register as an Excel workbook.
import { eq } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import { formatIsoDate } from '../../core/forms/format';
import { actionData, actionKind } from '../../core/qms/action';
import {
  NC_CATEGORY_LABELS,
  nonconformityKind,
  type NcState,
  type NonconformityData,
} from '../../core/qms/nonconformity';
import { renderNonconformityReport } from '../../core/qms/nonconformity-report';
import { dossiers } from '../../db/schema';
import type { Ctx } from '../context';
import { fontBaseUrl, formOffice } from '../desk/forms';
import { loadExcelJS } from '../desk/exceljs';
import type { PartialHandlers } from '../handlers';
import { actionsOf, ncRows, type NcListInput } from './nonconformity';
import { loadRecord } from './records';
import { userNames } from './views';

function sourceLabel(ctx: Ctx, sourceKind: string | null, sourceId: string | null): string {
  if (sourceKind === 'dossier' && sourceId) {
    const d = ctx.db
      .select({ code: dossiers.code })
      .from(dossiers)
      .where(eq(dossiers.id, sourceId))
      .get();
    return d ? `Hồ sơ ${d.code}` : '';
  }
  if (!sourceKind || !sourceId) return '';
  try {
    const r = loadRecord(ctx.db, sourceId);
    return [r.code, r.title].filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

function printReport(ctx: Ctx, id: string) {
  const nc = loadRecord(ctx.db, id, 'nonconformity');
  const data = nc.data as NonconformityData;
  const actions = actionsOf(ctx.db, nc.id).filter((a) => a.state !== 'cancelled');
  const names = userNames(ctx.db, [nc.createdBy, nc.ownerId, ...actions.map((a) => a.ownerId)]);
  const name = (uid: string | null) => (uid ? (names.get(uid) ?? '') : '');
  // Issued by the office itself, not its one-stop desk.
  const html = renderNonconformityReport(
    { ...formOffice(ctx), unitName: undefined },
    {
      code: nc.code,
      title: nc.title,
      stateLabel: nonconformityKind.stateLabels[nc.state as NcState] ?? nc.state,
      sourceLabel: sourceLabel(ctx, nc.sourceKind, nc.sourceId),
      createdByName: name(nc.createdBy),
      ownerName: name(nc.ownerId),
      data,
      actions: actions.map((a) => ({
        title: a.title,
        description: actionData.parse(a.data).description,
        ownerName: name(a.ownerId),
        dueDate: a.dueDate,
        result: actionData.parse(a.data).result,
        stateLabel: actionKind.stateLabels[a.state as 'open'] ?? a.state,
      })),
      printedAt: ctx.now(),
    },
    { fontBaseUrl: fontBaseUrl(ctx) },
  );
  return { title: `Phiếu xử lý sự không phù hợp ${nc.code}`, html };
}

const COLUMNS: readonly { header: string; width: number }[] = [
  { header: 'STT', width: 5 },
  { header: 'Số', width: 15 },
  { header: 'Ngày phát hiện', width: 12 },
  { header: 'Nguồn', width: 18 },
  { header: 'Sự không phù hợp', width: 40 },
  { header: 'Nguyên nhân gốc rễ', width: 32 },
  { header: 'Nhóm nguyên nhân', width: 20 },
  { header: 'Hành động khắc phục', width: 40 },
  { header: 'Người phụ trách', width: 20 },
  { header: 'Hạn khắc phục', width: 12 },
  { header: 'Tình trạng', width: 22 },
  { header: 'Ngày đóng', width: 12 },
  { header: 'Đúng hạn / Quá hạn', width: 12 },
];

/** On time when closed by its deadline; late when closed after it or still open past it. */
export function closedOnTime(row: {
  readonly closedOn: string | null;
  readonly deadline: string;
  readonly overdue: boolean;
}): string {
  if (row.closedOn !== null) return row.closedOn <= row.deadline ? 'Đúng hạn' : 'Quá hạn';
  return row.overdue ? 'Quá hạn' : '';
}

async function registerWorkbook(ctx: Ctx, input: NcListInput) {
  const { rows } = ncRows(ctx, input, true);
  const ExcelJS = await loadExcelJS();
  const book = new ExcelJS.Workbook();
  book.creator = 'ISO Xã';
  const sheet = book.addWorksheet('Sổ theo dõi SKPH', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const office = formOffice(ctx);
  sheet.addRow([office.name.toUpperCase()]);
  sheet.addRow(['SỔ THEO DÕI SỰ KHÔNG PHÙ HỢP VÀ HÀNH ĐỘNG KHẮC PHỤC']).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([`Lập ngày ${formatIsoDate(civilDateOf(ctx.now()))}`]);
  sheet.addRow([]);
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  rows.forEach((row, i) => {
    const nc = loadRecord(ctx.db, row.id, 'nonconformity');
    const data = nc.data as NonconformityData;
    const actions = actionsOf(ctx.db, row.id)
      .filter((a) => a.state !== 'cancelled')
      .map((a) => `- ${a.title} (${actionKind.stateLabels[a.state as 'open'] ?? a.state})`)
      .join('\n');
    const line = sheet.addRow([
      i + 1,
      row.code,
      formatIsoDate(row.detectedOn),
      row.sourceLabel,
      `${row.title}\n${data.description}`,
      data.rootCause,
      data.category ? NC_CATEGORY_LABELS[data.category] : '',
      actions,
      row.ownerName ?? '',
      formatIsoDate(row.deadline),
      row.stateLabel,
      row.closedOn ? formatIsoDate(row.closedOn) : '',
      closedOnTime(row),
    ]);
    line.alignment = { wrapText: true, vertical: 'top' };
    if (row.overdue) line.getCell(10).font = { color: { argb: 'FFC00000' }, bold: true };
  });
  header.eachCell((cell) => {
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: 5 }];
  return book.xlsx.writeBuffer();
}

export const nonconformityOutputHandlers: PartialHandlers = {
  'nonconformities.print': (ctx, input) => printReport(ctx, input.id),
  'nonconformities.exportExcel': async (ctx, input) => {
    const buffer = await registerWorkbook(ctx, input);
    return {
      fileName: `so-theo-doi-su-khong-phu-hop_${civilDateOf(ctx.now())}.xlsx`,
      base64: Buffer.from(buffer).toString('base64'),
    };
  },
};

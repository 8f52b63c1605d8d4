// The province-wide quality-system table as an Excel workbook (GET /v1/admin/qms/export):
// one row per office in rank order, the province-wide line, then a sheet saying how the score
// is computed. Headers in Vietnamese; dates dd/mm/yyyy.
import ExcelJS from 'exceljs';
import { formatIsoDate } from '../../core/forms/format';
import { SCORE_CRITERIA, SCORE_MAX } from '../../core/qms/office-score';
import type { QmsOverview } from '../../core/sync/admin-qms';

const date = (d: string | null) => (d === null ? '' : formatIsoDate(d));
const rate = (m: { value: number | null }) => (m.value === null ? '' : m.value);

/** Header and width of each column, in order. */
export const QMS_COLUMNS: readonly (readonly [string, number])[] = [
  ['Hạng', 6],
  ['Mã cơ quan', 16],
  ['Tên cơ quan', 30],
  [`Điểm (trên ${SCORE_MAX})`, 10],
  ['Quyết định công bố', 18],
  ['Ngày công bố', 12],
  ['Số thủ tục trong phạm vi', 10],
  ['Cần công bố lại', 10],
  ['Đánh giá nội bộ trong năm', 10],
  ['Lần đánh giá nội bộ gần nhất', 14],
  ['Xem xét của lãnh đạo trong năm', 10],
  ['Lần xem xét gần nhất', 14],
  ['Mục tiêu của năm', 10],
  ['Mục tiêu đạt', 10],
  ['Mục tiêu không đạt', 10],
  ['Sự KPH đang mở', 10],
  ['Sự KPH quá hạn', 10],
  ['Rủi ro mức cao', 10],
  ['Tỷ lệ hài lòng (%)', 10],
  ['Số phiếu đánh giá', 10],
  ['Tỷ lệ hài lòng theo QĐ 766 (%)', 12],
  ['Hồ sơ giải quyết xong trong năm', 12],
  ['Tài liệu đang hiệu lực', 10],
  ['Tài liệu quá hạn rà soát', 10],
  ['Báo cáo năm đến hạn', 8],
  ['Đã gửi báo cáo năm', 12],
];

export async function qmsExcel(overview: QmsOverview): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ISO Xã';
  const sheet = book.addWorksheet(`HTQLCL ${overview.year}`, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  sheet.addRow([`TÌNH HÌNH HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG CÁC XÃ, PHƯỜNG NĂM ${overview.year}`]).font =
    { bold: true, size: 14 };
  sheet.addRow([`Số liệu đến ngày ${formatIsoDate(overview.asOf)}`]);
  sheet.addRow([]);
  const header = sheet.addRow(QMS_COLUMNS.map(([h]) => h));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  QMS_COLUMNS.forEach(([, width], i) => (sheet.getColumn(i + 1).width = width));
  for (const o of overview.offices) {
    const s = o.status;
    sheet.addRow([
      o.rank,
      o.agencyCode,
      o.name,
      o.score.total,
      s.announcement.decisionNo ?? (s.announcement.inForce ? '(không số)' : 'Chưa có'),
      date(s.announcement.signedOn),
      s.announcement.inForce ? s.announcement.procedures : '',
      s.announcement.due ? 'Có' : 'Không',
      s.audits.heldThisYear,
      date(s.audits.lastOn),
      s.reviews.heldThisYear,
      date(s.reviews.lastOn),
      s.objectives.total,
      s.objectives.met,
      s.objectives.missed,
      s.nonconformities.open,
      s.nonconformities.overdue,
      s.highRisks,
      rate(s.satisfaction),
      s.satisfaction.denominator,
      rate(s.qd766),
      s.qd766.denominator,
      s.documents.active,
      s.documents.reviewsOverdue,
      s.yearlyReport.year,
      s.yearlyReport.received ? date(s.yearlyReport.sentOn) || 'Đã gửi' : 'Chưa gửi',
    ]).alignment = { vertical: 'top', wrapText: true };
  }
  const p = overview.province;
  const total = sheet.addRow([
    '',
    '',
    `Toàn tỉnh (${p.offices} cơ quan)`,
    '',
    `${p.announced} cơ quan đã công bố`,
    '',
    '',
    p.announcementDue,
    `${p.audited} cơ quan`,
    '',
    `${p.reviewed} cơ quan`,
    '',
    p.objectives.total,
    p.objectives.met,
    p.objectives.missed,
    p.nonconformities.open,
    p.nonconformities.overdue,
    p.highRisks,
    rate(p.satisfaction),
    p.satisfaction.denominator,
    rate(p.qd766),
    p.qd766.denominator,
    '',
    p.reviewsOverdue,
    '',
    `${p.yearlyReports} cơ quan đã gửi`,
  ]);
  total.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 4, xSplit: 3 }];

  const help = book.addWorksheet('Cách tính điểm');
  help.addRow(['Tiêu chí', 'Điểm tối đa', 'Cách tính']).font = { bold: true };
  for (const c of SCORE_CRITERIA) help.addRow([c.label, c.weight, c.rule]);
  help.addRow(['Tổng', SCORE_MAX, '']).font = { bold: true };
  help.getColumn(1).width = 28;
  help.getColumn(2).width = 12;
  help.getColumn(3).width = 90;
  return Buffer.from(await book.xlsx.writeBuffer());
}

// Tracking book (Sổ theo dõi hồ sơ): one line per dossier for a period, printed landscape
// because the legal column set does not fit a portrait A4 page.
import { escapeHtml, formatDate, formatDateTime, formatIsoDate } from './format';
import { documentHtml, field, headerHtml, titleHtml } from './layout';
import type { FormMeta, RenderOptions, TrackingBookData, TrackingBookRow } from './types';

function when(epochMs: number | null): string {
  if (epochMs === null) return '';
  // Time above date keeps the narrow date columns readable.
  const [time, date] = formatDateTime(epochMs).split(' ');
  return `${escapeHtml(time ?? '')}<br>${escapeHtml(date ?? formatDate(epochMs))}`;
}

function row(r: Readonly<TrackingBookRow>, i: number): string {
  const contact = [r.applicantAddress, r.applicantPhone].filter((s) => s.trim() !== '');
  return `<tr>
<td class="c">${i + 1}</td>
<td>${field(r.code)}</td>
<td>${field(r.procedureName)}</td>
<td class="c">${escapeHtml(String(r.sets))}</td>
<td>${field(r.applicantName)}</td>
<td>${contact.map((s) => escapeHtml(s)).join('<br>')}</td>
<td>${field(r.handlingUnit)}</td>
<td class="c d">${when(r.receivedAt)}</td>
<td class="c d">${when(r.dueAt)}</td>
<td class="c d">${when(r.sentAt)}</td>
<td class="c d">${when(r.resultReceivedAt)}</td>
<td class="c d">${when(r.returnedAt)}</td>
<td>${r.note.trim() ? escapeHtml(r.note) : ''}</td>
</tr>`;
}

export function renderTrackingBook(
  meta: Readonly<FormMeta>,
  data: Readonly<TrackingBookData>,
  options: Readonly<RenderOptions>,
): string {
  const { office, book } = data;
  const period = `Quyển số: <b>${field(book.volume)}</b> - Từ ngày ${escapeHtml(formatIsoDate(book.period.from))} đến ngày ${escapeHtml(formatIsoDate(book.period.to))}`;
  const empty =
    book.rows.length === 0
      ? `<tr><td colspan="13" class="c"><i>Không có hồ sơ trong kỳ.</i></td></tr>`
      : '';
  const body = `${headerHtml(office, meta.label, null)}
${titleHtml(meta.title, period)}
<table class="grid book">
<colgroup>
<col style="width:3.5%"><col style="width:9%"><col style="width:17%"><col style="width:4%">
<col style="width:9%"><col style="width:9%"><col style="width:7%">
<col style="width:7%"><col style="width:7%"><col style="width:7%"><col style="width:7%"><col style="width:7%">
<col style="width:6.5%">
</colgroup>
<thead>
<tr>
<th rowspan="2">STT</th>
<th rowspan="2">Mã hồ sơ</th>
<th rowspan="2">Tên thủ tục hành chính</th>
<th rowspan="2">Số lượng hồ sơ (bộ)</th>
<th rowspan="2">Tên người nộp hồ sơ</th>
<th rowspan="2">Địa chỉ, số điện thoại</th>
<th rowspan="2">Cơ quan, đơn vị chủ trì giải quyết</th>
<th colspan="5">Ngày, tháng, năm</th>
<th rowspan="2">Ghi chú</th>
</tr>
<tr>
<th>Nhận hồ sơ</th>
<th>Hẹn trả kết quả</th>
<th>Chuyển hồ sơ đến cơ quan giải quyết</th>
<th>Nhận kết quả từ cơ quan giải quyết</th>
<th>Trả kết quả cho cá nhân, tổ chức</th>
</tr>
</thead>
<tbody>
${book.rows.map(row).join('\n')}${empty}
</tbody>
</table>`;
  return documentHtml({ title: `${meta.title} - ${book.volume}`, body, landscape: true }, options);
}

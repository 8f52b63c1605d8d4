// Receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả), the same content in
// both form sets; the registry gives it its number and title.
import { escapeHtml, formatCount, formatDateTime, formatVnd } from './format';
import { actingUnit, documentHtml, field, headerHtml, signaturesHtml, titleHtml } from './layout';
import type { DocumentKind, DossierFormData, FormDocument, FormMeta, RenderOptions } from './types';

const KIND_COLUMNS: readonly DocumentKind[] = ['original', 'certified_copy', 'copy'];

export function documentsTable(documents: readonly FormDocument[]): string {
  const rows = documents.map((d, i) => {
    const counts = KIND_COLUMNS.map(
      (k) => `<td class="c">${d.kind === k ? escapeHtml(formatCount(d.count)) : ''}</td>`,
    ).join('');
    return `<tr><td class="c">${i + 1}</td><td>${field(d.name)}</td>${counts}</tr>`;
  });
  // Keep two empty lines on a blank form so the officer can write documents in by hand.
  const filler =
    documents.length === 0
      ? '<tr><td class="c">&nbsp;</td><td></td><td></td><td></td><td></td></tr>'.repeat(2)
      : '';
  return `<table class="grid">
<tr><th rowspan="2" style="width:7%">TT</th><th rowspan="2">Tên giấy tờ</th><th colspan="3" style="width:45%">Hình thức và số lượng</th></tr>
<tr><th style="width:14%">Bản chính</th><th style="width:17%">Bản sao chứng thực</th><th style="width:14%">Bản chụp</th></tr>
${rows.join('\n')}${filler}
</table>`;
}

export function feeText(feeVnd: number | null): string {
  if (feeVnd === null) return 'Theo mức thu do cơ quan có thẩm quyền quy định';
  return feeVnd === 0 ? 'Không thu' : formatVnd(feeVnd);
}

export function renderReceipt(
  meta: Readonly<FormMeta>,
  data: Readonly<DossierFormData>,
  options: Readonly<RenderOptions>,
): string {
  const { office, dossier: d } = data;
  const a = d.applicant;
  const body = `${headerHtml(office, meta.label, d.receivedAt)}
${titleHtml(meta.title, `Mã hồ sơ: <b>${field(d.code)}</b>`)}
<p>${actingUnit(office)} đã tiếp nhận hồ sơ của: Ông/Bà <b>${field(a.fullName)}</b></p>
<p>Số định danh cá nhân: ${field(a.idNumber)}; Số điện thoại: ${field(a.phone)}; Thư điện tử: ${field(a.email)}</p>
<p>Địa chỉ: ${field(a.address)}</p>
<p>Nội dung yêu cầu giải quyết: ${field(d.procedureName)} (mã thủ tục: ${field(d.procedureCode)})</p>
<p>1. Thành phần hồ sơ nộp gồm:</p>
${documentsTable(d.documents)}
<p>2. Số lượng hồ sơ: ${escapeHtml(formatCount(d.sets))} bộ</p>
<p>3. Thời hạn giải quyết hồ sơ theo quy định: ${field(d.timeLimitText)}</p>
<p>4. Thời gian nhận hồ sơ: <b>${escapeHtml(formatDateTime(d.receivedAt))}</b></p>
<p>5. Thời gian trả kết quả giải quyết hồ sơ: <b>${escapeHtml(formatDateTime(d.dueAt))}</b></p>
<div class="keep">
<p>6. Đăng ký nhận kết quả tại: ${field(d.collectAt)}</p>
<p>7. Phí, lệ phí: ${escapeHtml(feeText(d.feeVnd))}</p>
<p>Vào Sổ theo dõi hồ sơ, Quyển số: ${field(d.bookVolume)}, Số thứ tự: ${field(d.bookLine)}</p>
${signaturesHtml([
  { role: 'Người nộp hồ sơ', hint: '(Ký và ghi rõ họ tên)', name: a.fullName },
  { role: 'Người tiếp nhận hồ sơ', hint: '(Ký và ghi rõ họ tên)', name: d.receiverName },
])}
</div>`;
  return documentHtml({ title: `${meta.title} - ${d.code}`, body }, options);
}

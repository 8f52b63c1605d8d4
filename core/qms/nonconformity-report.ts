// "Phiếu xử lý sự không phù hợp và hành động khắc phục": the nonconformity report printed in
// the Nghị định 30/2020 layout of the desk's forms (core/forms/layout.ts), from plain values.
import { escapeHtml, formatIsoDate } from '../forms/format';
import { documentHtml, field, headerHtml, signaturesHtml, titleHtml } from '../forms/layout';
import type { FormOffice, RenderOptions } from '../forms/types';
import { NC_CATEGORY_LABELS, NC_SOURCE_LABELS, type NonconformityData } from './nonconformity';

export interface ReportAction {
  readonly title: string;
  readonly description: string;
  readonly ownerName: string;
  readonly dueDate: string | null;
  readonly result: string;
  readonly stateLabel: string;
}

export interface NonconformityReport {
  readonly code: string;
  readonly title: string;
  readonly stateLabel: string;
  readonly sourceLabel: string;
  readonly createdByName: string;
  readonly ownerName: string;
  readonly data: NonconformityData;
  readonly actions: readonly ReportAction[];
  /** When it is printed (for the place-date line). */
  readonly printedAt: number;
}

const date = (d: string | null | undefined) => (d ? formatIsoDate(d) : field(null));
const para = (label: string, value: string) =>
  `<p><b>${escapeHtml(label)}:</b> ${field(value)}</p>`;

function whysHtml(whys: readonly string[]): string {
  if (whys.length === 0) return para('Phân tích "5 tại sao"', '');
  const rows = whys
    .map((w, i) => `<tr><td class="c">Tại sao ${i + 1}?</td><td>${escapeHtml(w)}</td></tr>`)
    .join('');
  return `<table class="grid"><thead><tr><th style="width:22%">Câu hỏi</th><th>Trả lời</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function actionsHtml(actions: readonly ReportAction[]): string {
  if (actions.length === 0) return '<p><i>Chưa có hành động khắc phục.</i></p>';
  const rows = actions
    .map(
      (a, i) =>
        `<tr><td class="c">${i + 1}</td><td><b>${escapeHtml(a.title)}</b><br>${escapeHtml(a.description)}</td>` +
        `<td>${escapeHtml(a.ownerName)}</td><td class="c">${date(a.dueDate)}</td>` +
        `<td>${field(a.result)}</td><td>${escapeHtml(a.stateLabel)}</td></tr>`,
    )
    .join('');
  return `<table class="grid"><thead><tr><th style="width:6%">TT</th><th>Hành động</th><th style="width:16%">Người thực hiện</th><th style="width:13%">Thời hạn</th><th style="width:22%">Kết quả thực hiện</th><th style="width:13%">Tình trạng</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The report as a complete HTML document. */
export function renderNonconformityReport(
  office: Readonly<FormOffice>,
  r: Readonly<NonconformityReport>,
  options: Readonly<RenderOptions>,
): string {
  const d = r.data;
  const source = NC_SOURCE_LABELS[d.source] ?? d.source;
  const category = d.category ? NC_CATEGORY_LABELS[d.category] : '';
  const body = `${headerHtml(office, '', r.printedAt)}
${titleHtml('Phiếu xử lý sự không phù hợp và hành động khắc phục', `Số: ${escapeHtml(r.code)}`)}
<p><b>1. Sự không phù hợp</b></p>
${para('Nội dung', r.title)}
${para('Mô tả', d.description)}
<p><b>Nguồn phát hiện:</b> ${escapeHtml(source)}${r.sourceLabel ? ` — ${escapeHtml(r.sourceLabel)}` : ''}</p>
<p><b>Ngày phát hiện:</b> ${date(d.detectedOn)}; <b>người lập:</b> ${field(r.createdByName)}; <b>người phụ trách:</b> ${field(r.ownerName)}; <b>hạn khắc phục:</b> ${date(d.deadline)}</p>
<p><b>2. Khắc phục tức thời (sửa chữa)</b></p>
<p>${field(d.correction)}</p>
<p><b>3. Phân tích nguyên nhân</b></p>
${whysHtml(d.whys)}
${para('Nguyên nhân gốc rễ', d.rootCause)}
${para('Nhóm nguyên nhân', category)}
<p><b>4. Hành động khắc phục</b></p>
${actionsHtml(r.actions)}
<p><b>5. Kiểm tra hiệu lực</b></p>
<p><b>Ngày kiểm tra dự kiến:</b> ${date(d.verifyOn)}</p>
${para('Kết quả kiểm tra', d.verification)}
<p><b>Người kiểm tra:</b> ${field(d.verified?.name)}; <b>ngày:</b> ${date(d.verified?.on)}</p>
<p><b>6. Kết luận:</b> ${escapeHtml(r.stateLabel)}${d.closedOn ? ` ngày ${formatIsoDate(d.closedOn)}` : ''}${d.cancelReason ? ` — lý do hủy: ${escapeHtml(d.cancelReason)}` : ''}</p>
${signaturesHtml([
  { role: 'Người lập', hint: '(Ký, ghi rõ họ tên)', name: r.createdByName || null },
  { role: 'Thư ký ISO', hint: '(Ký, ghi rõ họ tên)', name: null },
  { role: 'Lãnh đạo phê duyệt', hint: '(Ký, ghi rõ họ tên)', name: d.verified?.name ?? null },
])}`;
  return documentHtml({ title: `Phiếu xử lý sự không phù hợp ${r.code}`, body }, options);
}

// Control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ): travels with the dossier and records
// every hand-off, who gave and who took it, when, and whether the step finished in time.
import { escapeHtml, formatDateTime } from './format';
import { documentHtml, field, headerHtml, titleHtml } from './layout';
import type { DossierFormData, FormHandoff, FormMeta, RenderOptions, StepResult } from './types';

export const STEP_RESULT_LABELS: Readonly<Record<StepResult, string>> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

function party(verb: string, unit: string, name: string): string {
  return `${verb}: ${field(unit)}<br><i>Người ${verb.toLowerCase()}:</i> ${field(name)}`;
}

function handoffRow(h: Readonly<FormHandoff>, i: number): string {
  const due =
    h.dueAt === null ? '' : `<br><i>Hạn xử lý:</i> ${escapeHtml(formatDateTime(h.dueAt))}`;
  const result = h.result === null ? '' : escapeHtml(STEP_RESULT_LABELS[h.result]);
  return `<tr>
<td class="c">${i + 1}</td>
<td>${party('Giao', h.fromUnit, h.fromName)}<br>${party('Nhận', h.toUnit, h.toName)}</td>
<td class="c">${escapeHtml(formatDateTime(h.at))}${due}</td>
<td class="c">${result}</td>
<td>${h.note.trim() ? escapeHtml(h.note) : ''}</td>
</tr>`;
}

/** Empty rows so a printed slip has room for hand-offs still to come. */
const EMPTY_ROW =
  '<tr><td class="c">&nbsp;</td><td>Giao:<br>Nhận:</td><td></td><td></td><td></td></tr>';

export function renderControlSlip(
  meta: Readonly<FormMeta>,
  data: Readonly<DossierFormData>,
  options: Readonly<RenderOptions>,
): string {
  const { office, dossier: d } = data;
  const rows = d.handoffs.map(handoffRow);
  const spare = Math.max(0, 4 - rows.length);
  const body = `${headerHtml(office, meta.label, d.receivedAt)}
${titleHtml(meta.title, `Mã hồ sơ: <b>${field(d.code)}</b>`)}
<p>Kèm theo hồ sơ của: Ông/Bà <b>${field(d.applicant.fullName)}</b></p>
<p>Nội dung yêu cầu giải quyết: ${field(d.procedureName)}</p>
<p>Thời gian tiếp nhận: ${escapeHtml(formatDateTime(d.receivedAt))}; thời hạn trả kết quả: ${escapeHtml(formatDateTime(d.dueAt))}</p>
<table class="grid">
<thead>
<tr>
<th style="width:6%">TT</th>
<th>TÊN CƠ QUAN, ĐƠN VỊ / NGƯỜI GIAO - NHẬN</th>
<th style="width:20%">THỜI GIAN GIAO, NHẬN HỒ SƠ</th>
<th style="width:17%">KẾT QUẢ GIẢI QUYẾT HỒ SƠ<br><span style="font-weight:normal;font-style:italic">(Trước hạn/Đúng hạn/Quá hạn)</span></th>
<th style="width:17%">GHI CHÚ</th>
</tr>
</thead>
<tbody>
${rows.join('\n')}
${EMPTY_ROW.repeat(spare)}
</tbody>
</table>`;
  return documentHtml({ title: `${meta.title} - ${d.code}`, body }, options);
}

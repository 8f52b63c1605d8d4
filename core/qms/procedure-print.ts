// A procedure printed as the controlled document officials know: the cover with the sign-off
// block Soạn thảo / Xem xét / Phê duyệt and the revision table ("theo dõi sửa đổi"), then the
// sections and the ISO step table; A4 in the Nghị định 30/2020 layout of the desk's forms.
import { STEP_ROLE_LABELS, type ProcedureStep } from '../catalog/schema';
import { escapeHtml, formatIsoDate } from '../forms/format';
import { documentHtml, field } from '../forms/layout';
import type { FormOffice, RenderOptions } from '../forms/types';
import type { Signature } from './record';
import { SECTION_KEYS, SECTION_LABELS, type Sections } from './revision';

export interface ControlledDocument {
  readonly code: string;
  readonly title: string;
  readonly issueNo: number;
  readonly effectiveDate: string | null;
  readonly sections: Sections;
  readonly steps: readonly ProcedureStep[] | null;
  readonly drafted: Signature | null;
  readonly reviewed: Signature | null;
  readonly approved: Signature | null;
  /** Every issue so far, oldest first: the "theo dõi sửa đổi" table. */
  readonly changes: readonly { issueNo: number; date: string | null; summary: string }[];
  /** A draft prints with a mark, so it is never taken for the document in force. */
  readonly inForce: boolean;
}

export const hoursText = (hours: number): string =>
  `${String(Math.round(hours * 100) / 100).replace('.', ',')} giờ`;

const date = (d: string | null | undefined) => (d ? formatIsoDate(d) : field(null));

const CSS = `<style>
table.cover{width:100%;border-collapse:collapse;margin-bottom:10pt;}
table.cover td{border:1px solid #000;padding:6pt;vertical-align:middle;text-align:center;}
table.cover .meta{text-align:left;font-size:12pt;white-space:nowrap;}
h1.doc{text-align:center;font-size:16pt;margin:24pt 0 18pt;}
h2.sec{font-size:13pt;margin:10pt 0 4pt;}
.draft{color:#b00;font-weight:bold;text-align:center;border:2px solid #b00;padding:4pt;margin:6pt 0;}
.pre{white-space:pre-wrap;text-align:left;}
.page{page-break-before:always;}
</style>`;

function header(office: Readonly<FormOffice>, d: Readonly<ControlledDocument>): string {
  return `<table class="cover"><tr>
<td style="width:28%"><b>${escapeHtml(office.name.toUpperCase())}</b></td>
<td><b>${escapeHtml(d.title.toUpperCase())}</b></td>
<td style="width:30%" class="meta">Mã hiệu: ${escapeHtml(d.code)}<br>Lần ban hành: ${String(d.issueNo).padStart(2, '0')}<br>Ngày hiệu lực: ${date(d.effectiveDate)}</td>
</tr></table>`;
}

function signOff(d: Readonly<ControlledDocument>): string {
  const cols = [
    ['Soạn thảo', d.drafted],
    ['Xem xét', d.reviewed],
    ['Phê duyệt', d.approved],
  ] as const;
  const row = (label: string, cell: (s: Signature | null) => string) =>
    `<tr><td><b>${label}</b></td>${cols.map(([, s]) => `<td class="c">${cell(s)}</td>`).join('')}</tr>`;
  return `<table class="grid sign-off"><thead><tr><th style="width:16%"></th>${cols
    .map(([l]) => `<th>${l.toUpperCase()}</th>`)
    .join('')}</tr></thead><tbody>
${row('Họ và tên', (s) => field(s?.name))}
${row('Chữ ký', () => '<div style="height:48pt"></div>')}
${row('Ngày', (s) => date(s?.on))}
</tbody></table>`;
}

function changesTable(d: Readonly<ControlledDocument>): string {
  const rows = d.changes
    .map(
      (c) =>
        `<tr><td class="c">${date(c.date)}</td><td class="c">${String(c.issueNo).padStart(2, '0')}</td><td>${field(c.summary)}</td></tr>`,
    )
    .join('');
  return `<h2 class="sec" style="text-align:center">THEO DÕI SỬA ĐỔI TÀI LIỆU</h2>
<table class="grid changes"><thead><tr><th style="width:18%">Ngày sửa đổi</th><th style="width:14%">Lần ban hành</th><th>Nội dung sửa đổi</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function stepTableHtml(steps: readonly ProcedureStep[]): string {
  const rows = steps
    .map(
      (s) =>
        `<tr><td class="c">B${s.no}</td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(STEP_ROLE_LABELS[s.role])}</td><td class="c">${hoursText(s.hours)}</td><td>${escapeHtml(s.output)}</td></tr>`,
    )
    .join('');
  const total = steps.reduce((sum, s) => sum + s.hours, 0);
  return `<table class="grid steps"><thead><tr><th style="width:7%">Bước</th><th>Nội dung công việc</th><th style="width:20%">Trách nhiệm</th><th style="width:11%">Thời gian</th><th style="width:20%">Biểu mẫu/Kết quả</th></tr></thead><tbody>${rows}
<tr><td></td><td colspan="2"><b>Tổng thời gian giải quyết</b></td><td class="c"><b>${hoursText(total)}</b></td><td></td></tr></tbody></table>`;
}

function sectionsHtml(d: Readonly<ControlledDocument>): string {
  return SECTION_KEYS.map((key, i) => {
    const text = d.sections[key].trim();
    const body = text ? `<p class="pre">${escapeHtml(text)}</p>` : `<p>${field(null)}</p>`;
    const steps = key === 'content' && d.steps ? stepTableHtml(d.steps) : '';
    return `<h2 class="sec">${i + 1}. ${SECTION_LABELS[key].toUpperCase()}</h2>${body}${steps}`;
  }).join('\n');
}

export function renderControlledDocument(
  office: Readonly<FormOffice>,
  d: Readonly<ControlledDocument>,
  options: Readonly<RenderOptions>,
): string {
  const mark = d.inForce ? '' : '<div class="draft">BẢN DỰ THẢO – CHƯA CÓ HIỆU LỰC</div>';
  const body = `${CSS}${header(office, d)}${mark}
<h1 class="doc">${escapeHtml(d.title.toUpperCase())}</h1>
${signOff(d)}
${changesTable(d)}
<div class="page">${header(office, d)}${sectionsHtml(d)}</div>`;
  return documentHtml({ title: `${d.code} ${d.title}`, body }, options);
}

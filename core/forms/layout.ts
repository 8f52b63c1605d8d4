// Page shell shared by every form: A4 page, shipped serif font, the Nghị định 30/2020 header
// (agency left, national motto right), signature blocks. Data text is escaped here or by callers.
import { escapeHtml, formatPlaceDate } from './format';
import type { FormOffice, RenderOptions } from './types';

/** Font files the shell must serve at `fontBaseUrl` (Liberation Serif 2.x: Times metrics + Vietnamese). */
export const FORM_FONT_FILES = [
  { file: 'LiberationSerif-Regular.ttf', weight: 400, style: 'normal' },
  { file: 'LiberationSerif-Bold.ttf', weight: 700, style: 'normal' },
  { file: 'LiberationSerif-Italic.ttf', weight: 400, style: 'italic' },
  { file: 'LiberationSerif-BoldItalic.ttf', weight: 700, style: 'italic' },
] as const;

export const FORM_FONT_FAMILY =
  "'ISO Serif', 'Tinos', 'Liberation Serif', 'Times New Roman', serif";

/** Dotted leader printed where a value is not known yet, so the officer can fill it by hand. */
export const BLANK = '……………………';

/** Escaped value, or a dotted leader when empty. */
export function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return BLANK;
  const text = String(value).trim();
  return text === '' ? BLANK : escapeHtml(text);
}

/** Percent-encodes what could close a CSS url("…") or the surrounding <style> element. */
function cssUrl(base: string, file: string): string {
  const dir = base.endsWith('/') ? base : `${base}/`;
  return (dir + file).replace(
    /["'\\\s<>()]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** CSP scheme-source for the font URL, e.g. 'app:'; the page itself may load nothing else. */
function fontSource(base: string): string {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(base);
  return m?.[1] ? `${m[1].toLowerCase()}:` : "'self'";
}

function fontFaces(base: string): string {
  return FORM_FONT_FILES.map(
    (f) =>
      `@font-face{font-family:'ISO Serif';src:url("${cssUrl(base, f.file)}") format('truetype');` +
      `font-weight:${f.weight};font-style:${f.style};}`,
  ).join('\n');
}

const BASE_CSS = `
html{-webkit-print-color-adjust:exact;print-color-adjust:exact;}
body{font-family:${FORM_FONT_FAMILY};font-size:13pt;line-height:1.25;color:#000;margin:0;}
p{margin:0 0 2pt;text-align:justify;}
.form-no{text-align:right;font-size:12pt;font-weight:bold;margin:0;line-height:1.1;}
table.header{width:100%;border-collapse:collapse;}
table.header td{vertical-align:top;text-align:center;padding:0;}
.agency{font-size:12.5pt;line-height:1.25;}
.agency .unit{font-weight:bold;}
.rule{width:40%;margin:3pt auto 0;border-top:1px solid #000;}
.motto-1{font-weight:bold;font-size:12.5pt;}
.motto-2{font-weight:bold;font-size:13.5pt;display:inline-block;padding-bottom:1pt;border-bottom:1px solid #000;}
.place-date{font-style:italic;padding-top:4pt !important;}
h1.title{text-align:center;font-size:14pt;font-weight:bold;margin:8pt 0 2pt;}
.subtitle{text-align:center;margin-bottom:8pt;}
table.grid{width:100%;border-collapse:collapse;margin:3pt 0 4pt;font-size:12pt;line-height:1.2;}
table.grid th,table.grid td{border:1px solid #000;padding:2pt 4pt;vertical-align:top;}
table.grid th{font-weight:bold;text-align:center;vertical-align:middle;}
table.grid tr{page-break-inside:avoid;}
table.grid thead{display:table-header-group;}
table.grid td.c{text-align:center;}
table.book{table-layout:fixed;font-size:9.5pt;line-height:1.25;}
table.book th,table.book td{padding:2pt 2pt;overflow-wrap:break-word;}
table.book td.d{white-space:nowrap;}
table.sign{width:100%;border-collapse:collapse;margin-top:8pt;page-break-inside:avoid;}
table.sign td{text-align:center;vertical-align:top;padding:0 4pt;}
table.sign .role{font-weight:bold;}
table.sign .hint{font-style:italic;font-size:12pt;}
table.sign .space{height:48pt;}
.keep{page-break-inside:avoid;break-inside:avoid;}
table.sign .name{font-weight:bold;}
.notes{margin-top:10pt;font-size:12pt;page-break-inside:avoid;}
.notes p{margin:0 0 2pt;}
.recipients{font-size:11pt;text-align:left !important;}
.recipients b{font-style:italic;font-size:12pt;}
`;

export interface DocumentParts {
  readonly title: string;
  readonly body: string;
  readonly landscape?: boolean;
}

/** The province's notes under the form, one paragraph per line. */
function notesHtml(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const lines = notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('\n');
  return `\n<div class="notes"><p><i>Ghi chú:</i></p>\n${lines}\n</div>`;
}

/** A complete HTML document for one printed form. */
export function documentHtml(
  parts: Readonly<DocumentParts>,
  options: Readonly<RenderOptions>,
): string {
  const size = parts.landscape ? 'A4 landscape' : 'A4';
  // No scripts, no remote content: the print window renders data that came from citizens.
  const csp = `default-src 'none'; style-src 'unsafe-inline'; font-src ${fontSource(options.fontBaseUrl)}; img-src data:`;
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<title>${escapeHtml(parts.title)}</title>
<style>
@page{size:${size};margin:20mm 15mm 20mm 30mm;}
${fontFaces(options.fontBaseUrl)}
${BASE_CSS}
</style>
</head>
<body>
${parts.body}${notesHtml(options.notes ?? [])}
</body>
</html>
`;
}

/** Form number label, agency and motto blocks, and the place-date line (omitted when null). */
export function headerHtml(
  office: Readonly<FormOffice>,
  formLabel: string,
  dateAt: number | null,
  /** An administrative document's number, left of the place-date line ('125/QĐ-UBND'). */
  number?: string,
): string {
  const parent = escapeHtml(office.name.toUpperCase());
  const agency = office.unitName
    ? `<div>${parent}</div><div class="unit">${escapeHtml(office.unitName.toUpperCase())}</div>`
    : `<div class="unit">${parent}</div>`;
  const dateRow =
    dateAt === null
      ? ''
      : `<tr><td class="agency">${number ? `Số: ${escapeHtml(number)}` : ''}</td><td class="place-date">${escapeHtml(formatPlaceDate(office.commune, dateAt))}</td></tr>`;
  return `<div class="form-no">${escapeHtml(formLabel)}</div>
<table class="header"><tr>
<td style="width:42%" class="agency">${agency}<div class="rule"></div></td>
<td style="width:58%"><div class="motto-1">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="motto-2">Độc lập - Tự do - Hạnh phúc</div></td>
</tr>${dateRow}</table>`;
}

export function titleHtml(title: string, subtitle?: string): string {
  const sub = subtitle ? `<div class="subtitle">${subtitle}</div>` : '';
  return `<h1 class="title">${escapeHtml(title.toUpperCase())}</h1>${sub}`;
}

export interface SignatureBlock {
  /** e.g. 'KT. Chủ tịch', printed above the role when signing on someone's behalf. */
  readonly authority?: string | undefined;
  readonly role: string;
  readonly hint: string;
  readonly name: string | null;
}

/** Signature blocks side by side; an empty string leaves a column free (e.g. for "Nơi nhận"). */
export function signaturesHtml(blocks: readonly (SignatureBlock | string)[]): string {
  const width = Math.floor(100 / Math.max(blocks.length, 1));
  const cells = blocks.map((b) =>
    typeof b === 'string'
      ? `<td style="width:${width}%" class="recipients">${b}</td>`
      : `<td style="width:${width}%">` +
        (b.authority ? `<div class="role">${escapeHtml(b.authority.toUpperCase())}</div>` : '') +
        `<div class="role">${escapeHtml(b.role.toUpperCase())}</div>` +
        `<div class="hint">${escapeHtml(b.hint)}</div><div class="space"></div>` +
        `<div class="name">${b.name ? escapeHtml(b.name) : ''}</div></td>`,
  );
  return `<table class="sign"><tr>${cells.join('')}</tr></table>`;
}

/** Name used in the body for the unit that acts ("Trung tâm Phục vụ hành chính công xã …"). */
export function actingUnit(office: Readonly<FormOffice>): string {
  return escapeHtml(office.unitName ? `${office.unitName} - ${office.name}` : office.name);
}

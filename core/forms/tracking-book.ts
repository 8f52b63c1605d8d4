// Tracking book (Sổ theo dõi hồ sơ): one line per dossier for a period, printed landscape
// because the legal column set does not fit a portrait A4 page. Columns: tracking-book-columns.ts.
import { escapeHtml, formatDate, formatDateTime, formatIsoDate } from './format';
import { documentHtml, field, headerHtml, titleHtml } from './layout';
import { BOOK_COLUMNS, bookHeadingRows, type BookColumn } from './tracking-book-columns';
import type { FormMeta, RenderOptions, TrackingBookData, TrackingBookRow } from './types';

function when(epochMs: number | null): string {
  if (epochMs === null) return '';
  // Time above date keeps the narrow date columns readable.
  const [time, date] = formatDateTime(epochMs).split(' ');
  return `${escapeHtml(time ?? '')}<br>${escapeHtml(date ?? formatDate(epochMs))}`;
}

function cell(c: BookColumn, r: Readonly<TrackingBookRow>, index: number): string {
  switch (c.kind) {
    case 'index':
      return `<td class="c">${index + 1}</td>`;
    case 'number':
      return `<td class="c">${escapeHtml(String(c.value(r)))}</td>`;
    case 'text': {
      const text = c.value(r);
      return `<td${c.center ? ' class="c"' : ''}>${c.fillIn ? field(text) : escapeHtml(text)}</td>`;
    }
    case 'lines':
      return `<td>${c
        .value(r)
        .map((s) => escapeHtml(s))
        .join('<br>')}</td>`;
    case 'time':
      return `<td class="c d">${when(c.value(r))}</td>`;
    default: {
      const never: never = c;
      return never;
    }
  }
}

function headingHtml(): string {
  const rows = bookHeadingRows(BOOK_COLUMNS).map((cells) =>
    cells
      .map((h) => {
        const span =
          (h.rowspan > 1 ? ` rowspan="${h.rowspan}"` : '') +
          (h.colspan > 1 ? ` colspan="${h.colspan}"` : '');
        return `<th${span}>${escapeHtml(h.text)}</th>`;
      })
      .join('\n'),
  );
  return rows.map((r) => `<tr>\n${r}\n</tr>`).join('\n');
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
      ? `<tr><td colspan="${BOOK_COLUMNS.length}" class="c"><i>Không có hồ sơ trong kỳ.</i></td></tr>`
      : '';
  const cols = BOOK_COLUMNS.map((c) => `<col style="width:${c.printWidth}%">`).join('');
  const rows = book.rows
    .map((r, i) => `<tr>\n${BOOK_COLUMNS.map((c) => cell(c, r, i)).join('\n')}\n</tr>`)
    .join('\n');
  const body = `${headerHtml(office, meta.label, null)}
${titleHtml(meta.title, period)}
<table class="grid book">
<colgroup>${cols}</colgroup>
<thead>
${headingHtml()}
</thead>
<tbody>
${rows}${empty}
</tbody>
</table>`;
  return documentHtml({ title: `${meta.title} - ${book.volume}`, body, landscape: true }, options);
}

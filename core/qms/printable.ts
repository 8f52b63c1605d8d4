// A quality-system output document (audit plan and report, programme, review minutes) as plain
// blocks, so one description prints through the desk's Nghị định 30/2020 layout (HTML for the
// print preview and PDF, here) and becomes a Word file (services/qms/docx-out.ts) alike.
import { escapeHtml } from '../forms/format';
import { documentHtml, field, headerHtml, signaturesHtml, titleHtml } from '../forms/layout';
import type { FormOffice, RenderOptions } from '../forms/types';

export type Block =
  /** A numbered or plain section heading ('1. Mục đích'). */
  | { readonly kind: 'heading'; readonly text: string }
  /** A paragraph, optionally led by a bold label ('Phạm vi: ...'), or in italics (căn cứ). */
  | {
      readonly kind: 'para';
      readonly label?: string;
      /** After the label: ':' unless given ('.' for a decision's "Điều 1."). */
      readonly sep?: string;
      readonly text: string;
      readonly italic?: boolean;
    }
  /** A centred line (a decision's "QUYẾT ĐỊNH:" and its issuer). */
  | { readonly kind: 'center'; readonly text: string; readonly bold?: boolean }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Column widths in percent, optional. */
      readonly widths?: readonly number[];
      /** Shown in place of an empty table. */
      readonly empty?: string;
    };

export interface Signer {
  /** 'KT. Chủ tịch' above the role when a deputy signs on the chairman's behalf. */
  readonly authority?: string;
  readonly role: string;
  readonly name: string | null;
}

export interface Printable {
  readonly title: string;
  /** Under the title ('Số: DGNB-2026-01'). */
  readonly subtitle: string;
  readonly blocks: readonly Block[];
  readonly signers: readonly Signer[];
  readonly landscape?: boolean;
  /** The place-date line's instant. */
  readonly printedAt: number;
  /** An administrative document's number ('Số: 125/QĐ-UBND'), under the office's name. */
  readonly number?: string;
  /** "Nơi nhận", beside the signature (a decision's recipients). */
  readonly recipients?: readonly string[];
}

function blockHtml(b: Readonly<Block>): string {
  switch (b.kind) {
    case 'heading':
      return `<p><b>${escapeHtml(b.text)}</b></p>`;
    case 'para':
      if (b.label) return `<p><b>${escapeHtml(b.label)}${b.sep ?? ':'}</b> ${field(b.text)}</p>`;
      return b.italic
        ? `<p style="white-space:pre-wrap"><i>${escapeHtml(b.text)}</i></p>`
        : `<p style="white-space:pre-wrap">${escapeHtml(b.text)}</p>`;
    case 'center':
      return `<p style="text-align:center">${b.bold ? `<b>${escapeHtml(b.text)}</b>` : escapeHtml(b.text)}</p>`;
    case 'table': {
      if (b.rows.length === 0) return `<p><i>${escapeHtml(b.empty ?? 'Không có.')}</i></p>`;
      const head = b.head
        .map((h, i) => {
          const w = b.widths?.[i];
          return `<th${w ? ` style="width:${w}%"` : ''}>${escapeHtml(h)}</th>`;
        })
        .join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r.map((c) => `<td style="white-space:pre-wrap">${escapeHtml(c)}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<table class="grid"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    default: {
      const never: never = b;
      return never;
    }
  }
}

/** The document as a complete HTML page in the office's layout. */
export function renderPrintable(
  office: Readonly<FormOffice>,
  doc: Readonly<Printable>,
  options: Readonly<RenderOptions>,
): string {
  const signers = doc.signers.map((s) => ({
    authority: s.authority,
    role: s.role,
    hint: doc.number ? '(Ký, ghi rõ họ tên, đóng dấu)' : '(Ký, ghi rõ họ tên)',
    name: s.name,
  }));
  const recipients = doc.recipients
    ? [`<b><i>Nơi nhận:</i></b><br>${doc.recipients.map((r) => `- ${escapeHtml(r)}`).join('<br>')}`]
    : [];
  const body = `${headerHtml(office, '', doc.printedAt, doc.number)}
${titleHtml(doc.title, escapeHtml(doc.subtitle))}
${doc.blocks.map(blockHtml).join('\n')}
${signaturesHtml([...recipients, ...signers])}`;
  return documentHtml(
    { title: `${doc.title} ${doc.subtitle}`.trim(), body, landscape: doc.landscape ?? false },
    options,
  );
}

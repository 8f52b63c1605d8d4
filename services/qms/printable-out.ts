// A quality-system output document (core/qms/printable.ts) as the screens receive it: the
// printed page (HTML for the preview and PDF) and the Word file, both under the office's own
// name (not its one-stop desk). Shared by the audit documents and the review minutes.
import type { Printable } from '../../core/qms/printable';
import { renderPrintable } from '../../core/qms/printable';
import type { Ctx } from '../context';
import { fontBaseUrl, formOffice } from '../desk/forms';
import { printableDocx } from './docx-out';

/** Issued by the office itself, not its one-stop desk. */
const office = (ctx: Ctx) => ({ ...formOffice(ctx), unitName: undefined });

export function printedPage(ctx: Ctx, doc: Readonly<Printable>) {
  return {
    title: `${doc.title} ${doc.subtitle}`.trim(),
    html: renderPrintable(office(ctx), doc, { fontBaseUrl: fontBaseUrl(ctx) }),
  };
}

export async function wordFile(ctx: Ctx, doc: Readonly<Printable>, name: string) {
  const bytes = await printableDocx(office(ctx), doc);
  return { fileName: `${name}.docx`, base64: Buffer.from(bytes).toString('base64') };
}

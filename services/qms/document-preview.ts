// A Word file previewed inside the app: mammoth turns the DOCX into plain HTML (paragraphs,
// headings, lists, tables, images), and what it gives is narrowed further so that nothing in
// a file can run or reach out: only in-page links keep their target, images only as embedded
// PNG/JPEG/GIF data, no external files, and the page carries its own CSP allowing no script.
import { AppError } from '../../core/errors';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif']);

/** The preview page's own policy: no script, no network, inline images and styles only. */
const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const STYLE =
  'body{font-family:"Times New Roman",serif;font-size:13pt;line-height:1.4;margin:24px 32px;color:#111}' +
  'table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #999;padding:4px 6px;vertical-align:top}' +
  'img{max-width:100%}';

/** Drops every link target but an in-page anchor (mammoth escapes quotes inside values). */
export function safeLinks(html: string): string {
  return html.replace(/<a\b([^>]*?)\shref="([^"]*)"/g, (whole, before: string, href: string) =>
    href.startsWith('#') ? whole : `<a${before}`,
  );
}

export async function docxToPreviewHtml(bytes: Buffer, title: string): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) =>
          IMAGE_TYPES.has(image.contentType)
            ? { src: `data:${image.contentType};base64,${await image.readAsBase64String()}` }
            : { src: '' },
        ),
      },
    );
  } catch {
    throw new AppError(
      'FILE_TYPE',
      'Không đọc được nội dung tệp Word này. Hãy tải tệp về và mở bằng Word.',
    );
  }
  const body = safeLinks(result.value.replace(/<img src="">/g, ''));
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">` +
    `<title>${escapedTitle}</title><style>${STYLE}</style></head><body>${body}</body></html>`
  );
}

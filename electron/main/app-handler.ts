// The app:// request handler, free of Electron so it can be tested in plain Node: GET/HEAD
// only, paths through the security policy, MIME types, CSP on every HTML response.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mimeTypeFor } from './mime';
import {
  APP_ORIGIN,
  CSP,
  FONTS_PREFIX,
  isAppUrl,
  resolveAppPath,
  resolveFontPath,
} from './security';

export interface AppRoots {
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** Fonts for printed forms (resources/fonts). */
  readonly fontsDir: string;
}

const PRINT_PREFIX = '/__print/';
// Pages handed to the hidden print window; held only while it prints (see hostPrintPage).
const printPages = new Map<string, string>();

/**
 * Serves a generated HTML document at a one-off app:// URL so the print window loads it
 * from our own origin: same CSP as the app, and the printing fonts are 'self'.
 */
export function hostPrintPage(html: string): { url: string; dispose: () => void } {
  const id = randomUUID();
  printPages.set(id, html);
  return { url: `${APP_ORIGIN}${PRINT_PREFIX}${id}`, dispose: () => printPages.delete(id) };
}

function baseHeaders(contentType: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
  return headers;
}

function respond(method: string, body: Uint8Array | string, contentType: string): Response {
  return new Response(method === 'HEAD' ? null : body, {
    status: 200,
    headers: baseHeaders(contentType),
  });
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

export function createAppHandler(roots: AppRoots): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return plain(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }
    const url = request.url;
    if (!isAppUrl(url)) return plain(404, 'Not Found');
    const pathname = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';

    if (pathname.startsWith(PRINT_PREFIX)) {
      const html = printPages.get(pathname.slice(PRINT_PREFIX.length));
      return html === undefined
        ? plain(404, 'Not Found')
        : respond(method, html, 'text/html; charset=utf-8');
    }

    const file = pathname.startsWith(FONTS_PREFIX)
      ? resolveFontPath(roots.fontsDir, url)
      : resolveAppPath(roots.rendererDir, url);
    if (file === null) return plain(404, 'Not Found');
    try {
      return respond(method, await readFile(file), mimeTypeFor(file));
    } catch {
      // Missing file or a directory: the renderer gets a plain 404, never a listing.
      return plain(404, 'Not Found');
    }
  };
}

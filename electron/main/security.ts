// The desktop shell's security policy as pure values and functions: window options, CSP,
// which URLs are ours, and how app:// request paths map to files. No side effects at import.
import path from 'node:path';
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'isoxa';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/`;
/** Printing fonts are served from resources/fonts under this path. */
export const FONTS_PREFIX = '/resources/fonts/';

/** Every renderer (main window, print window) runs with exactly these preferences. */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  experimentalFeatures: false,
} as const satisfies WebPreferences);

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'ISO Xã',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show' so the office never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  };
}

// Mantine injects <style> tags at runtime, hence 'unsafe-inline' for styles only; scripts
// never get inline or eval.
const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];
export const CSP = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for app://isoxa URLs only: our scheme, our host, no credentials or port. */
export function isAppUrl(url: unknown): boolean {
  const u = parseUrl(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/** Navigation (in-page links, redirects, frames) may only stay inside our own origin. */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

/** An IPC message is answered only when it comes from a frame showing our app:// page. */
export function isTrustedSender(frameUrl: unknown): boolean {
  return isAppUrl(frameUrl);
}

/** Electron permission request handler: the app needs no browser permission at all. */
export function permissionRequestHandler(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** Electron permission check handler: same decision as above, for synchronous checks. */
export function permissionCheckHandler(): boolean {
  return false;
}

/**
 * The decoded path segments of an app://isoxa URL, or null when the URL is not ours or its
 * path is unsafe. Checks the raw text, not only the parsed URL, because the URL parser
 * silently folds `..` and `%2e%2e` away and we want such requests refused, not rewritten.
 */
export function appPathSegments(requestUrl: string): string[] | null {
  if (!isAppUrl(requestUrl)) return null;
  const prefix = requestUrl.slice(0, APP_ORIGIN.length).toLowerCase();
  if (prefix !== APP_ORIGIN) return null;
  const rest = requestUrl.slice(APP_ORIGIN.length);
  const rawPath = rest.split(/[?#]/, 1)[0] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return null; // e.g. app://isoxa:80/
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed percent-encoding
  }
  // Backslashes are separators on Windows; ':' would allow drive letters and NTFS streams.
  if (/[\0\\:]/.test(decoded)) return null;
  if (decoded === '' || decoded === '/') return [];
  const segments = decoded.slice(1).split('/');
  const last = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] ?? '';
    if (s === '' && i === last) continue; // trailing slash
    // Empty segments ('//') could form an absolute path; dot segments walk up; dotfiles stay hidden.
    if (s === '' || s.startsWith('.')) return null;
  }
  return segments[last] === '' ? segments.slice(0, last) : segments;
}

function joinInside(rootDir: string, segments: readonly string[]): string | null {
  const root = path.resolve(rootDir);
  const full = path.resolve(root, ...segments);
  // Belt and braces: whatever the checks above missed must still land inside the root.
  return full.startsWith(root + path.sep) ? full : null;
}

/**
 * Maps an app:// request to a file under rootDir (the built renderer), or null to refuse it.
 * '/' and routes whose last segment has no extension are SPA routes: they get index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  const segments = appPathSegments(requestUrl);
  if (segments === null) return null;
  const last = segments.at(-1);
  if (last === undefined || !last.includes('.')) return joinInside(rootDir, ['index.html']);
  return joinInside(rootDir, segments);
}

/** Maps app://isoxa/resources/fonts/<file> to a file in fontsDir; null for anything else. */
export function resolveFontPath(fontsDir: string, requestUrl: string): string | null {
  const segments = appPathSegments(requestUrl);
  const prefix = FONTS_PREFIX.split('/').filter(Boolean);
  if (segments === null || segments.length <= prefix.length) return null;
  if (!prefix.every((p, i) => segments[i] === p)) return null;
  return joinInside(fontsDir, segments.slice(prefix.length));
}

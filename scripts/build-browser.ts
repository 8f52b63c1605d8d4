// Bundles browser mode (scripts/browser-mode.ts) with esbuild, as the Electron build does for
// the main process: start-up without tsx transforming and resolving hundreds of modules.
// BROWSER_EXTERNALS stay external, resolved from node_modules. dist/browser/browser-mode.cjs
// is a small loader that turns on Node's compile cache before it requires the bundle, so a
// start after the first does not parse and compile the ~4 MB bundle again.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** What `npm run browser` and `npm start` run: the loader. */
export const BROWSER_BUNDLE = 'dist/browser/browser-mode.cjs';
/** The bundle itself, required by the loader. */
const BUNDLE_FILE = 'browser-mode.bundle.cjs';

/**
 * The loader: V8's code for the bundle is kept in `.compile-cache` beside it (node:module
 * compile cache, keyed by the file's content, so a rebuilt bundle is compiled afresh once).
 * browser-mode.ts flushes it once the login screen has been served; an unwritable folder only
 * costs the cache.
 */
export function compileCacheLoader(bundleFile: string): string {
  return `'use strict';
const path = require('node:path');
const mod = require('node:module');
if (typeof mod.enableCompileCache === 'function') {
  try {
    mod.enableCompileCache(path.join(__dirname, '.compile-cache'));
  } catch {
    // no cache: start-up compiles the bundle as without it
  }
}
require(${JSON.stringify(`./${bundleFile}`)});
`;
}

/**
 * Left out of the bundle, resolved from node_modules when first used: the native SQLite
 * binding, and the large libraries only some operations need (Excel, Word output and preview,
 * the password dictionary, electron-updater), which the code loads with `await import()`.
 * Bundled, they would be read and parsed at every start (the bundle was 6 MB with them).
 * electron: electron-updater requires it lazily, only on Electron code paths.
 */
export const BROWSER_EXTERNALS = [
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  'electron',
  'exceljs',
  'docx',
  'mammoth',
  '@zxcvbn-ts/core',
  '@zxcvbn-ts/language-common',
  'electron-updater',
  'builder-util-runtime',
];

export async function buildBrowserMode(root = process.cwd()): Promise<string> {
  const loader = path.join(root, BROWSER_BUNDLE);
  const outfile = path.join(path.dirname(loader), BUNDLE_FILE);
  await build({
    entryPoints: [path.join(root, 'scripts/browser-mode.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: BROWSER_EXTERNALS,
    logLevel: 'warning',
  });
  fs.writeFileSync(loader, compileCacheLoader(BUNDLE_FILE));
  return loader;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBrowserMode();
}

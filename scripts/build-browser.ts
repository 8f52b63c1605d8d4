// Bundles browser mode (scripts/browser-mode.ts) into dist/browser/browser-mode.cjs with esbuild,
// as the Electron build does for the main process: start-up without tsx transforming and
// resolving hundreds of modules. BROWSER_EXTERNALS stay external, resolved from node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BROWSER_BUNDLE = 'dist/browser/browser-mode.cjs';

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
  const outfile = path.join(root, BROWSER_BUNDLE);
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
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBrowserMode();
}

// Bundles browser mode (scripts/browser-mode.ts) with esbuild, as the Electron build does for
// the main process: start-up without tsx transforming and resolving hundreds of modules.
// BROWSER_EXTERNALS stay external, resolved from node_modules. dist/browser/browser-mode.cjs
// is a small loader that runs the bundle with V8's code cache (codeCacheLoader), so a start
// after the first does not parse and compile the ~4 MB bundle again.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { CODE_CACHE_KEY } from './browser/code-cache';

/** What `npm run browser` and `npm start` run: the loader. */
export const BROWSER_BUNDLE = 'dist/browser/browser-mode.cjs';
/** The bundle itself, required by the loader. */
const BUNDLE_FILE = 'browser-mode.bundle.cjs';

/**
 * The loader: runs the bundle with V8's code cache kept in `.code-cache` beside it. The cache
 * is made by the running program once its first screen has been served (CodeCacheHandle in
 * scripts/browser/code-cache.ts), so it holds
 * the functions start-up compiled, not only the bundle's top level: browser mode's backend
 * (every module's body, evaluated after the URL is printed) then starts without parsing and
 * compiling them again. (Node's own compile cache, used before, is made when the file is
 * compiled, before any of that runs.) The file's name carries the Node version and the
 * bundle's size and time, so a rebuilt bundle or another Node makes a new one; V8 also
 * refuses a cache made for other source or flags, which then costs only the cache.
 */
export function codeCacheLoader(bundleFile: string): string {
  return `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const file = path.join(__dirname, ${JSON.stringify(bundleFile)});
const source = fs.readFileSync(file, 'utf8');
const stat = fs.statSync(file);
const dir = path.join(__dirname, '.code-cache');
const name = [path.basename(file), process.version, stat.size, Math.round(stat.mtimeMs)].join('-');
let cachedData;
try {
  cachedData = fs.readFileSync(path.join(dir, name));
} catch {
  // no cache yet
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const state = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
let saved = state === 'used';
globalThis[Symbol.for(${JSON.stringify(CODE_CACHE_KEY)})] = {
  state,
  save() {
    if (saved) return;
    saved = true;
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const old of fs.readdirSync(dir)) fs.rmSync(path.join(dir, old), { force: true });
      const tmp = path.join(dir, name + '.tmp');
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, path.join(dir, name));
    } catch {
      // an unwritable folder only costs the cache
    }
  },
};
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext()(bundle.exports, Module.createRequire(file), bundle, file, __dirname);
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

/**
 * How the bundle is built. `import()` of a left-out package becomes a require() in a promise
 * (dynamic-import: false): the loader runs the bundle as a vm.Script, where a real import()
 * needs Node's experimental loader hook (a warning at every start).
 */
export const BROWSER_BUILD = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  supported: { 'dynamic-import': false },
  external: BROWSER_EXTERNALS,
} as const satisfies BuildOptions;

export async function buildBrowserMode(root = process.cwd()): Promise<string> {
  const loader = path.join(root, BROWSER_BUNDLE);
  const outfile = path.join(path.dirname(loader), BUNDLE_FILE);
  await build({
    ...BROWSER_BUILD,
    external: [...BROWSER_EXTERNALS],
    entryPoints: [path.join(root, 'scripts/browser-mode.ts')],
    outfile,
    logLevel: 'warning',
  });
  fs.writeFileSync(loader, codeCacheLoader(BUNDLE_FILE));
  return loader;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBrowserMode();
}

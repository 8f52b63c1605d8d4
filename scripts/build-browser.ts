// Bundles browser mode (scripts/browser-mode.ts) into dist/browser/browser-mode.cjs with esbuild,
// as the Electron build does for the main process: start-up without tsx transforming and
// resolving hundreds of modules. better-sqlite3 (native) and exceljs (loaded on demand) stay
// external and are resolved from node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BROWSER_BUNDLE = 'dist/browser/browser-mode.cjs';

export async function buildBrowserMode(root = process.cwd()): Promise<string> {
  const outfile = path.join(root, BROWSER_BUNDLE);
  await build({
    entryPoints: [path.join(root, 'scripts/browser-mode.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // electron: electron-updater requires it lazily, only on Electron code paths.
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'exceljs', 'electron'],
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBrowserMode();
}

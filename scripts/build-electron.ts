// Bundles the Electron shell with esbuild: main process and preload, one CJS file each.
// Run: tsx scripts/build-electron.ts (the renderer is built separately by vite).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { OP_NAMES } from '../core/contract/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Modules a sandboxed preload may require; anything else must be bundled in.
const PRELOAD_ALLOWED_REQUIRES = new Set(['electron', 'events', 'timers', 'url']);

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
} as const satisfies BuildOptions;

// The preload needs only the contract's names, not its zod schemas (which would make it
// ~750 KiB to parse on every page load). The names are taken here, at build time, from the
// real contract, so the bundled filter and the contract cannot drift apart.
const contractNamesOnly: Plugin = {
  name: 'contract-names-only',
  setup(b) {
    b.onResolve({ filter: /core\/contract\/index$/ }, (args) => ({
      path: args.path,
      namespace: 'contract-names',
    }));
    b.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
      loader: 'js',
      contents: [
        `export const OP_NAMES = Object.freeze(${JSON.stringify(OP_NAMES)});`,
        'const names = new Set(OP_NAMES);',
        "export function isOpName(name) { return typeof name === 'string' && names.has(name); }",
      ].join('\n'),
    }));
  },
};

function externalImports(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  );
}

export async function buildElectron(): Promise<void> {
  const [main, preload] = await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: 'dist/electron/main.cjs',
      target: 'node22',
      // better-sqlite3(-multiple-ciphers) is native (Node-API prebuilds, unpacked from the asar).
      external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'],
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: 'dist/electron/preload.cjs',
      target: 'chrome140',
      external: ['electron'],
      plugins: [contractNamesOnly],
    }),
  ]);
  const stray = externalImports(preload.metafile).filter((p) => !PRELOAD_ALLOWED_REQUIRES.has(p));
  if (stray.length > 0) {
    throw new Error(`The sandboxed preload cannot require: ${stray.join(', ')}`);
  }
  const packages = Object.keys(preload.metafile.inputs).filter((p) => p.includes('node_modules'));
  if (packages.length > 0) {
    throw new Error(`The preload must stay dependency-free, it bundles: ${packages.join(', ')}`);
  }
  for (const result of [main, preload]) {
    for (const [file, out] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file}  ${(out.bytes / 1024).toFixed(0)} KiB`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
}

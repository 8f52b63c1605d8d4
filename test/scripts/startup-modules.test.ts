// Start-up loads only what start-up needs: the large libraries used by a few operations
// (Excel, Word output and preview, the password dictionary, electron-updater) are loaded with
// `await import()` at first use, and browser mode's bundle leaves them out. Statically
// imported, they cost a start-up of 1.2 s to the URL instead of 0.3 s (the 6 MB bundle was
// read, compiled and run at every start). Browser mode prints its URL before it loads the
// backend (the contract's schemas, the handlers): those come with `import()` after it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BROWSER_BUILD, BROWSER_EXTERNALS, codeCacheLoader } from '../../scripts/build-browser';

/** Loaded on demand only; never on the path from the entry to the login screen: every
 * library the bundle leaves out except the SQLite binding (and electron, absent here). */
const AT_START = new Set(['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'electron']);
const HEAVY = BROWSER_EXTERNALS.filter((p) => !AT_START.has(p));

const packageOf = (p: string): string | null => {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  return m?.[1] ?? null;
};

/**
 * What runs when the entry is loaded: the modules reached by static imports (and requires),
 * not through `import()`, and the external packages they require. This is what Node
 * evaluates before the first line of main().
 */
function loadedAtStart(
  meta: Metafile,
  entry: string,
): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>([entry]);
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const i of meta.inputs[file]?.imports ?? []) {
      if (i.kind === 'dynamic-import') continue;
      if (i.external) {
        if (!i.path.startsWith('node:'))
          packages.add(packageOf(`node_modules/${i.path}`) ?? i.path);
        continue;
      }
      if (!files.has(i.path)) {
        files.add(i.path);
        queue.push(i.path);
      }
    }
  }
  for (const f of files) {
    const pkg = packageOf(f);
    if (pkg) packages.add(pkg);
  }
  return { files, packages };
}

async function metafileOf(entry: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    outfile: path.join(os.tmpdir(), `isoxa-startup-modules-${process.pid}.cjs`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: BROWSER_EXTERNALS,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return result.metafile;
}

describe('start-up modules', () => {
  it('browser mode loads none of the heavy libraries before its login screen', async () => {
    const meta = await metafileOf('scripts/browser-mode.ts');
    // Before the URL: the HTTP server only; the backend comes through import() after it.
    const atUrl = loadedAtStart(meta, 'scripts/browser-mode.ts');
    expect(atUrl.packages).toContain('fastify');
    for (const late of ['services/app.ts', 'core/contract/index.ts', 'db/open.ts'])
      expect(atUrl.files).not.toContain(late);
    expect(atUrl.packages).not.toContain('zod');
    expect(atUrl.packages).not.toContain('better-sqlite3-multiple-ciphers');
    // The backend it loads then: the walk is real (the contract, the database binding).
    const backend = loadedAtStart(meta, 'scripts/browser/backend.ts');
    expect(backend.files).toContain('services/app.ts');
    expect(backend.files).toContain('core/contract/index.ts');
    expect(backend.packages).toContain('better-sqlite3-multiple-ciphers');
    expect(HEAVY).toEqual(expect.arrayContaining(['exceljs', 'docx', '@zxcvbn-ts/core']));
    expect(HEAVY.filter((p) => atUrl.packages.has(p) || backend.packages.has(p))).toEqual([]);
  });

  it("the backend's loading steps end with the whole backend", async () => {
    const meta = await metafileOf('scripts/browser-mode.ts');
    const steps = (meta.inputs['scripts/browser/load-order.ts']?.imports ?? []).filter(
      (i) => i.kind === 'dynamic-import',
    );
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.at(-1)?.path).toBe('services/app.ts');
  });

  it('the bundle leaves the heavy libraries out (resolved from node_modules at first use)', async () => {
    const meta = await metafileOf('scripts/browser-mode.ts');
    const bundled = new Set(
      Object.keys(meta.inputs)
        .map(packageOf)
        .filter((p) => p !== null),
    );
    expect(HEAVY.filter((p) => bundled.has(p))).toEqual([]);
    const bytes = Object.values(meta.inputs).reduce((n, i) => n + i.bytes, 0);
    expect(bytes).toBeLessThan(4.5 * 1024 * 1024);
  });

  it('the password dictionary is still there when a password is chosen', async () => {
    const { passwordProblem } = await import('../../services/passwords');
    expect(await passwordProblem('password123')).toMatch(/quá dễ đoán/);
    expect(await passwordProblem('Cây đa đầu làng 1987 nắng sớm')).toBeNull();
  });

  it("the loader runs the bundle from V8's code cache the bundle saved on its previous start", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-loader-'));
    try {
      // A bundle made like browser mode's: it holds the young generation as the backend does
      // (a V8 flag), then saves the cache; it loads a package with import() and a file with
      // require() next to it, as the real bundle does.
      await build({
        stdin: {
          contents: `
            import { codeCache, saveCodeCache } from './scripts/browser/code-cache';
            import { holdYoungGeneration } from './services/heap';
            async function main() {
              const fflate = await import('fflate');
              const near = require(require('node:path').join(__dirname, 'near.cjs'));
              holdYoungGeneration();
              saveCodeCache();
              console.log([codeCache()?.state, typeof fflate.zipSync, near.ok].join(' '));
            }
            void main();`,
          resolveDir: process.cwd(),
          loader: 'ts',
        },
        ...BROWSER_BUILD,
        external: ['fflate'],
        outfile: path.join(dir, 'bundle.cjs'),
        logLevel: 'silent',
      });
      fs.writeFileSync(path.join(dir, 'near.cjs'), 'module.exports = { ok: "near" };');
      // Packages are found from the bundle's folder up, as from dist/browser.
      fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
      fs.writeFileSync(path.join(dir, 'loader.cjs'), codeCacheLoader('bundle.cjs'));
      const run = () =>
        execFileSync(process.execPath, [path.join(dir, 'loader.cjs')], { encoding: 'utf8' }).trim();
      expect(run()).toBe('none function near');
      expect(fs.readdirSync(path.join(dir, '.code-cache'))).toHaveLength(1);
      // Made under the flag the backend set, it would be refused: saved under a new process's.
      expect(run()).toBe('used function near');
      // A rebuilt bundle is compiled afresh and its cache replaces the old one.
      fs.appendFileSync(path.join(dir, 'bundle.cjs'), '\n// rebuilt\n');
      expect(run()).toBe('none function near');
      expect(run()).toBe('used function near');
      expect(fs.readdirSync(path.join(dir, '.code-cache'))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Smoke test of the real Electron shell: window, app:// page, bridge, locked-down renderer.
// Skipped (with the reason printed) where no Electron binary or no display is available.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Finds the binary the way node_modules/electron/index.js does, minus its fallback: requiring
 * 'electron' from Node starts a download when the binary is missing, which must not happen
 * on machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD.
 */
function findElectron(): { path: string } | { skip: string } {
  const missing = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)';
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { skip: `${missing}: no electron package` };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { skip: `${missing}: ${pathFile} absent` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const exe = path.join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist'),
    relative,
  );
  if (!existsSync(exe)) return { skip: `${missing}: ${exe} absent` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display for Electron (run under xvfb-run)' };
  }
  return { path: exe };
}

const electron = findElectron();
if ('skip' in electron) console.log(`skip: ${electron.skip}; Electron e2e tests not run`);

describe.skipIf('skip' in electron)('Electron shell', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    if (!('path' in electron)) return;
    expect(
      existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html')),
      'build the renderer first: npm run build:renderer',
    ).toBe(true);
    await buildElectron();
    userData = mkdtempSync(path.join(tmpdir(), 'isoxa-e2e-'));
    // The repository folder as the app: package.json's main is dist/electron/main.cjs, and
    // app.getVersion()/getName() come from that package.json as they do when installed.
    app = await _electron.launch({
      executablePath: electron.path,
      args: [repoRoot, `--user-data-dir=${userData}`],
      cwd: repoRoot,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('shows our page from app://isoxa with the product title', async () => {
    expect(page.url()).toMatch(/^app:\/\/isoxa\//);
    expect(await page.title()).toContain('ISO Xã');
  });

  it('gives the page the bridge and nothing of Node', async () => {
    expect(await page.evaluate('typeof window.isoxa?.call')).toBe('function');
    expect(await page.evaluate('Object.keys(window.isoxa)')).toEqual(['call']);
    expect(await page.evaluate('typeof require')).toBe('undefined');
    expect(await page.evaluate('typeof process')).toBe('undefined');
  });

  it('answers contract calls through the backend and refuses other names', async () => {
    expect(await page.evaluate("window.isoxa.call('app.status', {})")).toMatchObject({ ok: true });
    expect(await page.evaluate("window.isoxa.call('nope.nothing', {})")).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
  });

  it('serves HTML with the CSP header', async () => {
    const csp = await page.evaluate(
      "fetch('/').then((r) => r.headers.get('content-security-policy'))",
    );
    expect(csp).toContain("script-src 'self'");
  });
});

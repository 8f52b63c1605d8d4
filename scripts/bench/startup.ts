// Start-up to the login screen, as a user sees it in browser mode: spawn what `npm start`
// runs without Electron (the bundle; `tsx scripts/browser-mode.ts` for the dev figure) on an
// office's data folder, read the URL it prints, open it in an already running Chromium, and
// stop the clock in the frame that first shows the "Đăng nhập" heading.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildBrowserMode } from '../build-browser';

/** The flags the e2e harness starts Chromium with (test/e2e/support/harness.ts). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

export interface StartupRun {
  /** Spawn → URL printed (process start, backend open, HTTP server listening). */
  readonly toUrlMs: number;
  /** URL printed → login heading visible (page load, app.status, first render). */
  readonly pageMs: number;
  readonly totalMs: number;
}

const URL_RE = /Mở:\s*(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/;

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`browser mode printed no URL in ${timeoutMs} ms\n${out}\n${err}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = URL_RE.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${code}) before printing a URL\n${out}\n${err}`));
    });
  });
}

/** Stops the child's process group (tsx runs node as its own child) and waits for it. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export function rendererBuilt(root: string): boolean {
  return fs.existsSync(path.join(root, 'dist/renderer/index.html'));
}

/** How browser mode is started: through tsx (npm run browser), or a pre-built bundle. */
export interface Launcher {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export function tsxLauncher(root: string): Launcher {
  return { command: path.join(root, 'node_modules/.bin/tsx'), args: ['scripts/browser-mode.ts'] };
}

/** What `npm run browser` starts: the esbuild bundle of scripts/build-browser.ts. */
export async function bundledLauncher(root: string): Promise<Launcher> {
  return { command: process.execPath, args: [await buildBrowserMode(root)] };
}

/**
 * Runs in the page before its scripts: notes (epoch ms) the animation frame in which a
 * "Đăng nhập" heading with a size is first on screen. Polling with Playwright's role selector
 * instead computed the accessible name of the page's elements over and over on the page's
 * main thread while the app started (~240 ms of its CPU on a loaded machine), work no user's
 * browser does; the role check runs once, after the clock has stopped. (A string: this
 * project's Node tsconfig has no DOM types.)
 */
const WATCH_FOR_LOGIN = `(() => {
  const shown = () =>
    [...document.querySelectorAll('h1, h2, h3, h4')].some((h) => {
      const box = h.getBoundingClientRect();
      return h.textContent.trim() === 'Đăng nhập' && box.width > 0 && box.height > 0;
    });
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__isoxaLoginShownAt = performance.timeOrigin + performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * How long a new page is left to settle before the clock starts. Chromium spends about a
 * second of CPU bringing up a new page's renderer after newPage() returns (measured on the
 * 2-core VM: renderer 1.0 s and browser process 0.26 s of CPU in the first second, ~0.01 s
 * in the next): started at once, the clock counted that work, which competes with the app
 * for the two cores (the figure's "to URL" part was ~0.9 s longer). A user's browser is
 * idle when they start the app (Chrome even keeps a spare renderer ready).
 */
export const NEW_PAGE_SETTLE_MS = 2000;

/** One start-up: the browser is already running; the clock runs from spawn to visible login. */
export async function measureStartup(
  browser: Browser,
  root: string,
  dataDir: string,
  launcher: Launcher = tsxLauncher(root),
): Promise<StartupRun> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 800 },
  });
  await context.addInitScript({ content: WATCH_FOR_LOGIN });
  const page = await context.newPage();
  await page.evaluate('1');
  await new Promise((resolve) => setTimeout(resolve, NEW_PAGE_SETTLE_MS));
  const t0 = performance.now();
  const child = spawn(launcher.command, [...launcher.args, '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(launcher.env ? { env: launcher.env } : {}),
  });
  try {
    const url = await waitForUrl(child, 60_000);
    const t1 = performance.now();
    await page.goto(url);
    const shownAt = await page.waitForFunction(
      () => (globalThis as { __isoxaLoginShownAt?: number }).__isoxaLoginShownAt,
      null,
      { polling: 50, timeout: 60_000 },
    );
    // Both clocks are milliseconds since the epoch (timeOrigin + now).
    const t2 = Number(await shownAt.jsonValue()) - performance.timeOrigin;
    // What was seen is the real login heading (checked after the clock stopped).
    await page
      .getByRole('heading', { name: 'Đăng nhập' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    return { toUrlMs: t1 - t0, pageMs: t2 - t1, totalMs: t2 - t0 };
  } finally {
    await stop(child);
    await context.close();
  }
}

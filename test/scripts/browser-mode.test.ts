// Browser mode prints its URL before its backend is loaded (scripts/browser-mode.ts): the page
// and the first call must still be answered as before, and a database that cannot be opened
// must still end the run with its message.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');
/** tsx transforms the whole source tree at a first run (a fresh clone, or just after a
 * rebase): on a loaded 2-core machine that alone took more than the unit tests' 30 s. */
const START_TIMEOUT_MS = 180_000;
const URL_RE = /Mở:\s*(http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/;

let dirs: string[] = [];
let children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  children = [];
  dirs = [];
});

/** A root with what browser mode reads from its working folder (a stub page instead of the
 * built renderer), and an empty data folder. */
function fixture(): { root: string; dataDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-browser-mode-'));
  dirs.push(root);
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(root, 'package.json'));
  fs.mkdirSync(path.join(root, 'dist/renderer'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist/renderer/index.html'), '<h1>Trang thử</h1>');
  fs.symlinkSync(path.join(repo, 'db'), path.join(root, 'db'));
  fs.symlinkSync(path.join(repo, 'resources'), path.join(root, 'resources'));
  const dataDir = path.join(root, 'data');
  return { root, dataDir };
}

interface Run {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function start(root: string, dataDir: string): Run {
  const child = spawn(
    tsx,
    [path.join(repo, 'scripts/browser-mode.ts'), '--data-dir', dataDir, '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function urlOf(run: Run): Promise<{ origin: string; token: string }> {
  for (;;) {
    const m = URL_RE.exec(run.stdout());
    if (m?.[1] && m[2]) return { origin: m[1], token: m[2] };
    if (run.child.exitCode !== null) throw new Error(`exited: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('browser mode start-up', () => {
  it(
    'serves the page and answers the first call made as soon as the URL is printed',
    { timeout: START_TIMEOUT_MS },
    async () => {
      const { root, dataDir } = fixture();
      const run = start(root, dataDir);
      const { origin, token } = await urlOf(run);
      // Both at once, at the moment the URL appears: the backend is still loading.
      const [page, status] = await Promise.all([
        fetch(`${origin}/`).then((r) => r.text()),
        fetch(`${origin}/api/app.status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-isoxa-run': token },
          body: '{}',
        }).then((r) => r.json() as Promise<{ ok: boolean; value?: { setUp: boolean } }>),
      ]);
      expect(page).toContain('Trang thử');
      // A new data folder: an office not set up yet, answered by the real backend.
      expect(status).toMatchObject({ ok: true, value: { setUp: false, session: null } });
      expect(fs.existsSync(path.join(dataDir, 'isoxa.sqlite'))).toBe(true);
      // Without the run token the call is refused as before.
      const refused = await fetch(`${origin}/api/app.status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(refused.status).toBe(403);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    },
  );

  it(
    'a database it cannot open still ends the run with the reason',
    { timeout: START_TIMEOUT_MS },
    async () => {
      const { root, dataDir } = fixture();
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // Not a database and no key for it: what a damaged or foreign file looks like.
      fs.writeFileSync(path.join(dataDir, 'isoxa.sqlite'), Buffer.alloc(8192, 7), { mode: 0o600 });
      const run = start(root, dataDir);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toMatch(/^Lỗi: \S/m);
    },
  );
});

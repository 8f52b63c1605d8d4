// Browser-mode sessions under attack. Before: the run token and session id were cookies, which a
// browser sends to every 127.0.0.1 port, so any local program could collect them by being
// visited and replay them to create an admin; the session id was chosen by the client.
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import { launchChromium, login, openApp, startE2eApp, type E2eApp } from './support/harness';

let browser: Browser;
let app: E2eApp;
beforeAll(async () => {
  browser = await launchChromium();
  app = await startE2eApp({ demo: true });
});
afterAll(async () => {
  await browser.close();
  await app.close();
});

const userCount = () =>
  app.backend.database().prepare('SELECT count(*) FROM users').pluck().get() as number;

/** A local program on another port that records what the browser sends it. */
async function spyServer() {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.end('<html><body>khác</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { seen, port, close: () => new Promise((r) => server.close(r)) };
}

const createAdmin = (headers: Record<string, string>) =>
  fetch(`${app.server.origin}/api/users.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      username: 'ke-gian',
      fullName: 'Kẻ Gian',
      roles: ['admin'],
      password: 'ke-gian-da-vao-9',
    }),
  });

describe('browser-mode sessions', () => {
  it('leaks nothing to another 127.0.0.1 port that a replay could use', async () => {
    const page = await openApp(browser, app);
    await login(page, 'admin', DEMO_PASSWORD);
    await expect
      .poll(() => page.evaluate(() => sessionStorage.getItem('isoxa.session')))
      .toBeTruthy();
    const spy = await spyServer();
    try {
      await page.goto(`http://127.0.0.1:${spy.port}/`);
      expect(spy.seen.length).toBeGreaterThan(0);
      const before = userCount();
      for (const headers of spy.seen) {
        expect(JSON.stringify(headers)).not.toContain(app.server.token);
        // Replay everything that arrived (cookies included), as the local program would.
        const replayed = await createAdmin(
          Object.fromEntries(
            Object.entries(headers).filter(
              (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
            ),
          ),
        );
        expect(replayed.status).toBe(403);
      }
      expect(userCount()).toBe(before);
    } finally {
      await spy.close();
    }
  });

  it('issues the session id itself, rotates it at login and refuses one it did not issue', async () => {
    const run = { 'x-isoxa-run': app.server.token };
    const chosen = await createAdmin({ ...run, 'x-isoxa-session': 'toi-tu-chon-phien' });
    expect(chosen.status).toBe(401);
    const signIn = async (sid?: string) =>
      fetch(`${app.server.origin}/api/auth.login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...run,
          ...(sid ? { 'x-isoxa-session': sid } : {}),
        },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
    const first = (await signIn()).headers.get('x-isoxa-session') ?? '';
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    const second = (await signIn(first)).headers.get('x-isoxa-session') ?? '';
    expect(second).not.toBe(first);
    const list = (sid: string) =>
      fetch(`${app.server.origin}/api/users.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...run, 'x-isoxa-session': sid },
        body: '{}',
      });
    expect((await list(first)).status).toBe(401);
    expect(((await (await list(second)).json()) as { ok: boolean }).ok).toBe(true);
  });
});

// Attacks on the server's edge, each of which worked before the hardening: a slow body holding
// a socket open forever, a made-up device header buying a fresh rate-limit budget per request,
// and a deeply nested admin body answered with 500.
import net from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '../../core/sync/protocol';
import { createProvinceUser } from '../../server/province/users';
import { lockoutMs, MAX_FAILED_ATTEMPTS, passwordWork } from '../../services/passwords';
import { BACKENDS } from './support/backends';
import { send } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

/** Opens a socket, sends the headers of a POST and then trickles its body a byte at a time;
 * resolves with what the server answered when it closed the socket. */
const slowPost = (url: string, path: string, cookie: string) =>
  new Promise<string>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${cookie}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      );
      timer = setInterval(() => socket.write(' '), 200);
    });
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
    setTimeout(() => reject(new Error('the server kept the slow socket open')), 25_000).unref();
  });

/** JSON nested `depth` objects deep, written as text (JSON.stringify would overflow). */
const nested = (depth: number): string =>
  '{"kind":"notice","next":'.repeat(depth) + '"x"' + '}'.repeat(depth);
const json = { 'content-type': 'application/json' };

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`server hardening on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startServer(backend);
    }, 60_000);
    afterAll(async () => h?.close());

    it('closes a socket whose body trickles in slower than the request timeout', async () => {
      const quick = await startServer(
        backend,
        { requestTimeoutMs: 1500, headersTimeoutMs: 1000 },
        h.database,
      );
      try {
        const answer = await slowPost(quick.url, '/v1/admin/feed', quick.admin.cookie);
        // Node answers 408 (or just closes); what matters is that the socket is gone.
        expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
      } finally {
        await quick.close();
      }
    }, 30_000);

    it('keys the rate limit on a verified device, never on a made-up device header', async () => {
      const limited = await startServer(backend, { rateMax: 3 }, h.database);
      try {
        const statuses = [];
        for (let i = 0; i < 5; i++) {
          const r = await send(limited.url, 'GET', '/v1/version', {
            headers: { [HEADERS.device]: uuidv7() },
          });
          statuses.push(r.status);
        }
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
        // A forged bearer token is no better than a header.
        const forged = await send(limited.url, 'GET', '/v1/version', {
          headers: { authorization: `Bearer ${'A'.repeat(43)}`, [HEADERS.device]: uuidv7() },
        });
        expect(forged.status).toBe(429);
        // A real enrolled device behind the same address has its own budget.
        const { device } = await h.office('000.00.40.H56');
        const own = await send(limited.url, 'GET', '/v1/version', {
          headers: device.authHeaders(),
        });
        expect(own.status).toBe(200);
      } finally {
        await limited.close();
      }
    }, 60_000);

    it('locks province users out like office users, with one answer for every failure', async () => {
      const user = {
        username: `canbo${backend.name}`,
        displayName: 'Cán bộ Sở',
        password: 'so-khcn-2026',
      };
      await createProvinceUser(h.database.db, user, Date.now());
      const login = async (username: string, password: string) => {
        const before = passwordWork();
        const r = await send(h.url, 'POST', '/v1/admin/login', { body: { username, password } });
        return { status: r.status, body: r.body, work: passwordWork() - before };
      };
      const unknown = await login('khongco', 'so-khcn-2026');
      expect(unknown).toMatchObject({ status: 401, work: 1 });
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
        expect(await login(user.username, 'sai-mat-khau')).toEqual(unknown);
      // Locked: the right password gets the same answer after the same work.
      expect(await login(user.username, user.password)).toEqual(unknown);
      h.advance(lockoutMs(MAX_FAILED_ATTEMPTS) + 1000);
      try {
        expect((await login(user.username, user.password)).status).toBe(200);
      } finally {
        h.advance(-(lockoutMs(MAX_FAILED_ATTEMPTS) + 1000));
      }
    });

    it('refuses a deeply nested body on every route with 400, never 500', async () => {
      const before = await h.fingerprint();
      const deep = await h.admin.call('POST', '/v1/admin/feed', {
        raw: `{"kind":"catalog","key":"k","version":1,"body":${nested(5000)}}`,
        headers: json,
      });
      expect(deep.status).toBe(400);
      expect(deep.body).toMatchObject({ code: 'INVALID_REQUEST' });
      const deepOffice = await h.admin.call('POST', '/v1/admin/offices', {
        raw: `{"agencyCode":"000.00.50.H56","name":${nested(60)}}`,
        headers: json,
      });
      expect(deepOffice.status).toBe(400);
      const login = await send(h.url, 'POST', '/v1/admin/login', {
        raw: `{"username":${nested(100)},"password":"x"}`,
        headers: json,
      });
      expect(login.status).toBe(400);
      expect(await h.fingerprint()).toBe(before);
    });
  });
}

// Browser mode: the built renderer and every contract operation over HTTP, bound to
// 127.0.0.1 only, guarded by a per-run token (exchanged for an HttpOnly cookie) and
// Host/Origin checks, so no other site or local user without the printed URL can call in.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { CSP } from '../../electron/main/security';
import type { AppBackend } from '../../services/platform';

export interface BrowserServerOptions {
  readonly backend: AppBackend;
  readonly rendererDir: string;
  readonly fontsDir: string;
  readonly port?: number;
  readonly token?: string;
}

export interface BrowserServer {
  /** The URL to open: carries the run token once; the page then uses a cookie. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const RUN_COOKIE = 'isoxa_run';
const SESSION_COOKIE = 'isoxa_sid';

function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function same(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new Error(
      `Renderer not built: ${options.rendererDir}/index.html is missing (npm run build:renderer)`,
    );
  }
  // An attachment (20 MB) travels as base64 inside the JSON call: about 27 MB.
  const app = Fastify({ logger: false, bodyLimit: 32 * 1024 * 1024 });
  let allowedHosts: string[] = [];

  app.addHook('onRequest', async (req, reply) => {
    // DNS-rebinding guard: only our own loopback host names.
    if (!allowedHosts.includes(req.headers.host ?? '')) return reply.code(421).send('Misdirected');
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    const c = cookies(req);
    const query = (req.query as Record<string, unknown>)['token'];
    if (same(c[RUN_COOKIE], token)) return;
    if (req.method === 'GET' && typeof query === 'string' && same(query, token)) {
      const sid = randomBytes(18).toString('hex');
      reply.header('Set-Cookie', [
        `${RUN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        `${SESSION_COOKIE}=${sid}; HttpOnly; SameSite=Strict; Path=/`,
      ]);
      return reply.redirect('/');
    }
    return reply
      .code(403)
      .type('text/plain; charset=utf-8')
      .send('Mở ISO Xã bằng đường dẫn được in ra khi khởi động.');
  });

  const checkOrigin = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      void reply
        .code(403)
        .send({ ok: false, error: { code: 'FORBIDDEN', message: 'Nguồn gọi không hợp lệ.' } });
      return false;
    }
    return true;
  };

  app.post<{ Params: { name: string } }>('/api/:name', async (req, reply) => {
    if (!checkOrigin(req, reply)) return reply;
    const sid = cookies(req)[SESSION_COOKIE];
    if (!sid)
      return reply
        .code(403)
        .send({ ok: false, error: { code: 'FORBIDDEN', message: 'Thiếu phiên trình duyệt.' } });
    return options.backend.call(`web:${sid}`, req.params.name, req.body);
  });

  await app.register(fastifyStatic, {
    root: options.fontsDir,
    prefix: '/resources/fonts/',
    decorateReply: false,
  });
  await app.register(fastifyStatic, { root: options.rendererDir, prefix: '/', wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply
      .code(404)
      .send({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: 'Không tìm thấy.' } });
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/?token=${token}`, origin, token, close: () => app.close() };
}

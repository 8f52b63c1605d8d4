// Browser mode: the built renderer and every contract operation over HTTP, bound to
// 127.0.0.1 only, guarded by a per-run token and Host/Origin checks, so no other site or local
// user without the printed URL can call in. No cookies: a browser sends 127.0.0.1's cookies
// to every port, so any local program could collect and replay them. The page keeps the run
// token and its session id in sessionStorage (scoped to this origin, port included) and sends
// them as headers; the session id is issued here at login (256 random bits), never taken from
// the client, and an id this server did not issue is refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { CSP } from '../../electron/main/security';
import type { AppBackend } from '../../services/platform';
import { registerFileRoutes } from './file-routes';
import type { Transfers } from './transfers';

/** What the server needs of the backend: its calls (browser mode opens it after listening). */
export type BackendCalls = Pick<AppBackend, 'call'>;

export interface BrowserServerOptions {
  readonly backend: BackendCalls;
  /** Staging of downloads and uploads; its platform part must be the backend's. */
  readonly transfers: Transfers;
  readonly rendererDir: string;
  readonly fontsDir: string;
  readonly port?: number;
  readonly token?: string;
}

export interface BrowserServer {
  /** The URL to open: carries the run token once; the page then keeps it in sessionStorage. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /**
   * Resolves once no page file is being served (or after QUIET_WAIT_MS): browser mode loads
   * its backend in steps between the page's requests, so the page is not kept waiting.
   */
  quiet(): Promise<void>;
  close(): Promise<void>;
}

/** quiet() waits no longer than this for the page's files (a stalled client holds nothing up). */
const QUIET_WAIT_MS = 100;

/** Request headers the page sends (custom headers also force a CORS preflight). */
export const RUN_HEADER = 'x-isoxa-run';
export const SESSION_HEADER = 'x-isoxa-session';

function same(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

const refusal = (message: string) => ({
  ok: false,
  error: { code: 'NOT_AUTHENTICATED', message },
});

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

  // Session ids this server issued at login and that are still live.
  const issued = new Set<string>();

  // Page files (not calls) being served now, and who waits for none to be.
  let serving = 0;
  let waiting: (() => void)[] = [];
  const served = () => {
    serving = Math.max(0, serving - 1);
    if (serving > 0) return;
    const wake = waiting;
    waiting = [];
    for (const w of wake) w();
  };
  const quiet = (): Promise<void> =>
    new Promise((resolve) => {
      // setImmediate: the loop's poll phase (new connections, finished reads) runs first.
      setImmediate(() => {
        if (serving === 0) return resolve();
        waiting.push(resolve);
        setTimeout(resolve, QUIET_WAIT_MS).unref();
      });
    });
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) {
      serving++;
      // Counted down once whatever ends the response (sent, failed or aborted).
      reply.raw.once('close', served);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    // DNS-rebinding guard: only our own loopback host names.
    if (!allowedHosts.includes(req.headers.host ?? '')) return reply.code(421).send('Misdirected');
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
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
    if (!same(header(req, RUN_HEADER), token))
      return reply
        .code(403)
        .send(
          refusal('Phiên chạy đã hết hiệu lực. Hãy mở lại đường dẫn được in ra khi khởi động.'),
        );
    const sid = header(req, SESSION_HEADER);
    if (sid !== undefined && !issued.has(sid))
      return reply.code(401).send(refusal('Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.'));
    const name = req.params.name;
    if (name === 'auth.login') {
      // A fresh id for every login (rotation): whatever id the page had ends here.
      const next = randomBytes(32).toString('base64url');
      const result = await options.backend.call(`web:${next}`, name, req.body);
      if (result.ok) {
        if (sid !== undefined) {
          issued.delete(sid);
          await options.backend.call(`web:${sid}`, 'auth.logout', {});
        }
        issued.add(next);
        reply.header(SESSION_HEADER, next);
      }
      return result;
    }
    // Without a session, a key no one else will ever use: the call runs as nobody.
    const key = sid ?? `anon:${randomBytes(16).toString('hex')}`;
    const result = await options.backend.call(`web:${key}`, name, req.body);
    const ended =
      name === 'auth.logout' ||
      (!result.ok &&
        (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'NOT_AUTHENTICATED'));
    if (sid !== undefined && ended) issued.delete(sid);
    return result;
  });

  /** A logged-in caller's session id for the file routes, or null after refusing the request. */
  const session = (req: FastifyRequest, reply: FastifyReply): string | null => {
    if (!checkOrigin(req, reply)) return null;
    if (!same(header(req, RUN_HEADER), token)) {
      void reply
        .code(403)
        .send(
          refusal('Phiên chạy đã hết hiệu lực. Hãy mở lại đường dẫn được in ra khi khởi động.'),
        );
      return null;
    }
    const sid = header(req, SESSION_HEADER);
    if (sid !== undefined && issued.has(sid)) return sid;
    void reply.code(401).send(refusal('Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.'));
    return null;
  };
  registerFileRoutes(app, { backend: options.backend, transfers: options.transfers, session });

  await app.register(fastifyStatic, {
    root: options.fontsDir,
    prefix: '/resources/fonts/',
    decorateReply: false,
  });
  // One wildcard route, the file looked up per request (a missing one falls to the handler
  // below): wildcard: false walked the renderer folder with glob and added a route per file
  // at every start, before the URL could be printed.
  await app.register(fastifyStatic, { root: options.rendererDir, prefix: '/' });
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
  return { url: `${origin}/?token=${token}`, origin, token, quiet, close: () => app.close() };
}

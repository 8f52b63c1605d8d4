// Serves the province dashboard (the built renderer/province.html and its hashed assets from
// dist/renderer) at `/`, under a strict CSP. Any other non-API path answers the page too, so
// a reload on a deep link works; /v1 paths keep the API's JSON 404.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SYNC_ERRORS } from '../../core/sync/errors';

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
/** Vite's hashed file names: no separators, no dot files, so no way out of assets/. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$/;

const NOT_BUILT =
  'Chưa có giao diện bảng điều khiển của tỉnh. Hãy chạy `npm run build:renderer` rồi khởi động lại máy chủ.\n';

const secure = (reply: FastifyReply) =>
  reply
    .header('content-security-policy', DASHBOARD_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer');

const readOrNull = async (file: string): Promise<Buffer | null> => {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
};

export const dashboardPage =
  (rendererDir = path.resolve('dist/renderer')) =>
  (app: FastifyInstance): void => {
    const page = async (reply: FastifyReply) => {
      secure(reply);
      const html = await readOrNull(path.join(rendererDir, 'province.html'));
      if (!html) {
        return reply.status(404).type('text/plain; charset=utf-8').send(NOT_BUILT);
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    };

    app.get('/', async (_request, reply) => page(reply));

    app.get('/assets/:file', async (request, reply) => {
      const { file } = request.params as { file: string };
      const type = TYPES[path.extname(file)];
      const bytes =
        ASSET_NAME.test(file) && type
          ? await readOrNull(path.join(rendererDir, 'assets', file))
          : null;
      secure(reply);
      if (!bytes)
        return reply.status(404).type('text/plain; charset=utf-8').send('Không tìm thấy.\n');
      return reply
        .type(type ?? 'application/octet-stream')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(bytes);
    });

    app.get('/*', async (request, reply) => {
      if (request.url.startsWith('/v1/') || request.url === '/v1') {
        return reply.status(404).send({ code: 'NOT_FOUND', message: SYNC_ERRORS.NOT_FOUND });
      }
      return page(reply);
    });
  };

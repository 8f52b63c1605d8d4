// The province's JSON API, behind a session cookie: offices, enrollment codes, devices, the
// feed, and USB sync files. The web dashboard will sit on top of it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  adminLoginRequest,
  createOfficeRequest,
  idParams,
  publishFeedRequest,
} from '../../core/sync/admin';
import type { ServerContext } from '../http/context';
import {
  readCookie,
  requireAdmin,
  SESSION_COOKIE,
  sameOriginHook,
  sessionCookie,
} from '../http/admin-auth';
import { HttpError, parseOr400 } from '../http/errors';
import { createOffice, issueEnrollmentCode, revokeDevice } from '../province/offices';
import { listOfficeSummaries } from '../province/summary';
import { login, logout } from '../province/users';
import { publishFeed } from '../sync/feed';
import { applySyncFile } from '../sync/sync-file';

const UPDATE_VIA_UPDATES =
  'Bản cập nhật phần mềm được công bố ở mục Công bố → Cập nhật phần mềm, để máy chủ tự tính kích thước và mã kiểm tra của tệp cài đặt.';

export const adminRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('onRequest', sameOriginHook);
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );
  const credential = {
    rateLimit: {
      max: ctx.limits.credentialRateMax,
      timeWindow: 60_000,
      keyGenerator: (r: { ip: string }) => `ip:${r.ip}`,
    },
  };
  const big = { bodyBytes: ctx.limits.adminBodyBytes };
  // Sync files carry scans: a larger limit of their own (the desktop splits larger exports).
  const syncFile = { bodyBytes: ctx.limits.syncFileBytes };

  app.post('/v1/admin/login', { config: credential }, async (request, reply) => {
    const body = parseOr400(adminLoginRequest, request.body);
    const result = await login(ctx.db, body.username, body.password, ctx.now());
    if (!result) {
      request.log.warn({ username: body.username }, 'province login failed');
      throw new HttpError(401, 'BAD_CREDENTIALS');
    }
    reply.header('set-cookie', sessionCookie(result.secret, ctx.secureCookies));
    return { username: result.user.username, displayName: result.user.displayName };
  });

  app.post('/v1/admin/logout', async (request, reply) => {
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (secret) await logout(ctx.db, secret);
    reply.header('set-cookie', sessionCookie('', ctx.secureCookies, 0));
    return { ok: true };
  });

  app.get('/v1/admin/me', async (request) => {
    const user = await requireAdmin(ctx, request);
    return { username: user.username, displayName: user.displayName };
  });

  app.get('/v1/admin/offices', async (request) => {
    await requireAdmin(ctx, request);
    return { offices: await listOfficeSummaries(ctx.db, ctx.now()) };
  });

  app.post('/v1/admin/offices', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const body = parseOr400(createOfficeRequest, request.body);
    const issued = await createOffice(ctx.db, body, user.id, ctx.now());
    request.log.info({ officeId: issued.officeId, by: user.username }, 'office created');
    reply.status(201);
    return issued;
  });

  app.post('/v1/admin/offices/:id/enrollment-code', async (request) => {
    const user = await requireAdmin(ctx, request);
    const { id } = parseOr400(idParams, request.params);
    return issueEnrollmentCode(ctx.db, id, user.id, ctx.now());
  });

  app.post('/v1/admin/devices/:id/revoke', async (request) => {
    const user = await requireAdmin(ctx, request);
    const { id } = parseOr400(idParams, request.params);
    const result = await revokeDevice(ctx.db, id, ctx.now());
    request.log.info({ deviceId: id, by: user.username }, 'device revoked');
    return result;
  });

  app.post('/v1/admin/feed', { config: big }, async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const body = parseOr400(publishFeedRequest, request.body);
    const entries = 'entries' in body ? body.entries : [body];
    // A manifest must name a file the server has measured: POST /v1/admin/updates makes it.
    if (entries.some((e) => e.kind === 'app_update')) {
      throw new HttpError(400, 'INVALID_REQUEST', UPDATE_VIA_UPDATES);
    }
    const published = await publishFeed(ctx.db, entries, user.id, ctx.now());
    reply.status(201);
    return { published };
  });

  app.post('/v1/admin/sync-files', { config: syncFile }, async (request) => {
    const user = await requireAdmin(ctx, request);
    const bytes = parseOr400(z.instanceof(Buffer), request.body);
    const result = await ctx.shed(() => applySyncFile(ctx.db, ctx.sealer, bytes, ctx.now()));
    if (result.applied > 0) ctx.qmsRefresh.schedule(result.officeId);
    request.log.info(
      {
        deviceId: result.deviceId,
        applied: result.applied,
        deferred: result.deferred,
        by: user.username,
      },
      'sync file applied',
    );
    return result;
  });
};

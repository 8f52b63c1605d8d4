// The dashboard's own JSON endpoints, on top of the admin API in server/routes/admin.ts:
// an office's drill-down, the feed's history, and publishing the catalog and a year's
// calendar at the next version of each key.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  idParams,
  publishCalendarRequest,
  publishCatalogRequest,
  yearParams,
} from '../../core/sync/admin';
import type { ServerContext } from '../http/context';
import { requireAdmin, sameOriginHook } from '../http/admin-auth';
import { HttpError, parseOr400 } from '../http/errors';
import { officeDetail } from './detail';
import { feedHistory, publishCalendar, publishCatalog, publishedCalendar } from './publish';

/** Like parseOr400, but with the schema's own Vietnamese messages: a province user fixes a
 * catalog file or a calendar from them. */
const parseForPeople = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues
    .slice(0, 10)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
  throw new HttpError(400, 'INVALID_REQUEST', `${what} không hợp lệ.`, { details });
};

export const provinceRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('onRequest', sameOriginHook);
  const big = { bodyBytes: ctx.limits.adminBodyBytes };

  app.get('/v1/admin/offices/:id', async (request) => {
    await requireAdmin(ctx, request);
    const { id } = parseOr400(idParams, request.params);
    return officeDetail(ctx.db, id, ctx.now());
  });

  app.get('/v1/admin/feed', async (request) => {
    await requireAdmin(ctx, request);
    return { entries: await feedHistory(ctx.db) };
  });

  app.post('/v1/admin/feed/catalog', { config: big }, async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const catalog = parseForPeople(publishCatalogRequest, request.body, 'Danh mục thủ tục');
    const published = await publishCatalog(ctx.db, catalog, user.id, ctx.now());
    request.log.info({ count: published.length, by: user.username }, 'catalog published');
    reply.status(201);
    return { published };
  });

  app.get('/v1/admin/feed/calendar/:year', async (request) => {
    await requireAdmin(ctx, request);
    const { year } = parseOr400(yearParams, request.params);
    return publishedCalendar(ctx.db, year);
  });

  app.post('/v1/admin/feed/calendar', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const year = parseForPeople(publishCalendarRequest, request.body, 'Lịch năm');
    const result = await publishCalendar(ctx.db, year, user.id, ctx.now());
    request.log.info({ year: year.year, by: user.username }, 'calendar published');
    reply.status(201);
    return result;
  });
};

// The device sync endpoints: push office ops, pull the province feed, restore office rows.
import type { FastifyInstance } from 'fastify';
import type { PullResponse, PushResponse, RestoreResponse } from '../../core/sync/protocol';
import { pageQuery, pushRequest } from '../../core/sync/protocol';
import type { ServerContext } from '../http/context';
import { authenticateDevice, versionHook } from '../http/device-auth';
import { parseOr400 } from '../http/errors';
import { applyOps } from '../sync/apply-ops';
import { readFeed } from '../sync/feed';
import { readRestorePage } from '../sync/restore';

export const syncRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('preValidation', versionHook);

  app.post('/v1/push', async (request): Promise<PushResponse> => {
    const device = await authenticateDevice(ctx, request);
    const body = parseOr400(pushRequest, request.body);
    const results = await ctx.shed(() =>
      applyOps(ctx.db, { ...device, source: 'push' }, body.ops, ctx.now()),
    );
    const applied = results.filter((r) => r.status === 'applied').length;
    request.log.info({ deviceId: device.deviceId, ops: results.length, applied }, 'push applied');
    return { results, serverTime: ctx.now() };
  });

  app.get('/v1/pull', async (request): Promise<PullResponse> => {
    await authenticateDevice(ctx, request);
    const query = parseOr400(pageQuery, request.query);
    const page = await ctx.shed(() => readFeed(ctx.db, query.cursor, query.limit));
    return { ...page, serverTime: ctx.now() };
  });

  app.get('/v1/restore', async (request): Promise<RestoreResponse> => {
    const device = await authenticateDevice(ctx, request);
    const query = parseOr400(pageQuery, request.query);
    const page = await ctx.shed(() =>
      readRestorePage(ctx.db, device.officeId, query.cursor, query.limit),
    );
    return { ...page, serverTime: ctx.now() };
  });
};

// The escrow of offices' data keys (server/security/escrow.ts). A device fetches the keys an
// administrator released to it; an administrator lists an office's escrowed keys and releases
// one to a new PC of that office, saying why (kept as the release's audit row).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAdmin, sameOriginHook } from '../http/admin-auth';
import type { ServerContext } from '../http/context';
import { authenticateDevice, versionHook } from '../http/device-auth';
import { parseOr400 } from '../http/errors';
import { listEscrows, listReleases, releaseEscrow, takeReleases } from '../security/escrow';

export const escrowDeviceRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('preValidation', versionHook);
  app.get('/v1/escrow/released', async (request) => {
    const device = await authenticateDevice(ctx, request);
    return { keys: await ctx.shed(() => takeReleases(ctx.db, device.deviceId, ctx.now())) };
  });
};

const officeParams = z.object({ id: z.uuid() });
const releaseRequest = z.object({
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  deviceId: z.uuid(),
  reason: z.string().trim().min(10).max(500),
});

export const escrowAdminRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('onRequest', sameOriginHook);
  app.get('/v1/admin/offices/:id/escrow', async (request) => {
    await requireAdmin(ctx, request);
    const { id } = parseOr400(officeParams, request.params);
    const [keys, releases] = await Promise.all([listEscrows(ctx.db, id), listReleases(ctx.db, id)]);
    return { keys, releases };
  });

  app.post('/v1/admin/offices/:id/escrow/release', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const { id } = parseOr400(officeParams, request.params);
    const input = parseOr400(releaseRequest, request.body);
    const release = await releaseEscrow(
      ctx.db,
      ctx.sealer,
      { officeId: id, ...input, releasedBy: user.username },
      ctx.now(),
    );
    request.log.warn(
      { officeId: id, deviceId: input.deviceId, keyId: input.keyId, by: user.username },
      'escrowed data key released',
    );
    reply.status(201);
    return release;
  });
};

// The updater feed for enrolled devices, read by electron-updater's generic provider at
// <server>/v1/updates/: latest.yml made for the asking PC (the newest live release whose staged
// rollout includes it), and the installers and blockmaps of the updates directory, with byte
// ranges for differential downloads (a blockmap missing beside its installer is made on first
// request: electron-updater also asks for the one of the version a PC runs). No version gate
// here: a PC too old to sync (426 on push) must still be able to fetch the update that brings
// it back.
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clientHeaders, HEADERS } from '../../core/sync/protocol';
import { formatLatestYml, latestYmlOf, offerFor, updateFileName } from '../../core/update/release';
import { devices } from '../database/schema/index';
import type { ServerContext } from '../http/context';
import { authenticateDevice } from '../http/device-auth';
import { HttpError, parseOr400 } from '../http/errors';
import { parseRange, rangeBody } from '../http/ranges';
import { allReleases, statBlockMap } from '../province/updates';

/** A token stays good for update downloads this long after it expires (a 100 MB installer over
 * a commune's 256 kbit/s line takes about an hour). */
export const UPDATE_TOKEN_GRACE_MS = 6 * 3600_000;

const fileParams = z.object({ file: updateFileName });
const CHANNEL_FILE = /^latest(-linux|-mac)?\.yml$/;

export const updateRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  // latest.yml (Windows), or latest-linux.yml for the same feed read from browser mode.
  const latestYml = async (request: FastifyRequest, reply: FastifyReply) => {
    const device = await authenticateDevice(ctx, request, UPDATE_TOKEN_GRACE_MS);
    // The version it runs, when it says: the dashboard counts PCs per version.
    const headers = clientHeaders.safeParse(request.headers);
    if (headers.success) {
      await ctx.db
        .update(devices)
        .set({ appVersion: headers.data[HEADERS.appVersion], lastSeenAt: new Date(ctx.now()) })
        .where(eq(devices.id, device.deviceId));
    }
    const offer = offerFor(await allReleases(ctx.db), device.deviceId);
    if (!offer) {
      throw new HttpError(404, 'NOT_FOUND', 'Tỉnh chưa công bố phiên bản ISO Xã nào.');
    }
    return reply
      .type('text/yaml; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(formatLatestYml(latestYmlOf(offer)));
  };

  app.get('/v1/updates/:file', async (request, reply) => {
    const { file: name } = parseOr400(fileParams, request.params);
    if (CHANNEL_FILE.test(name)) return latestYml(request, reply);
    await authenticateDevice(ctx, request, UPDATE_TOKEN_GRACE_MS);
    const { file, size } = await statBlockMap(ctx.updatesDir, name);
    const ranges = parseRange(request.headers.range, size);
    if (ranges?.length === 0) {
      return reply.status(416).header('content-range', `bytes */${size}`).send();
    }
    const answer = await rangeBody(file, size, ranges);
    reply
      .status(answer.status)
      .type('application/octet-stream')
      .header('accept-ranges', 'bytes')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`);
    for (const [k, v] of Object.entries(answer.headers)) reply.header(k, v);
    return reply.send(answer.body);
  });
};

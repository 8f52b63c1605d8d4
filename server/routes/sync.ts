// The device sync endpoints: push office ops, pull the province feed, restore office rows.
// Push and pull carry the device's outbox report, its app version and its updater's state.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type {
  PullResponse,
  PushResponse,
  RestoreResponse,
  SealedRestoreResponse,
} from '../../core/sync/protocol';
import { pageQuery, pushRequest } from '../../core/sync/protocol';
import { REJECT_REASONS } from '../../core/sync/errors';
import { sealContext } from '../../core/sync/sealing';
import { sealTo } from '../../services/security/sealed-box';
import { offices } from '../database/schema/index';
import type { ServerContext } from '../http/context';
import { authenticateDevice, versionHook } from '../http/device-auth';
import { HttpError, parseOr400 } from '../http/errors';
import { applyOps } from '../sync/apply-ops';
import { readFeed } from '../sync/feed';
import { afterAnswers, readOutboxHeader, recordOutbox } from '../sync/outbox-report';
import { readRestorePage } from '../sync/restore';
import { recordDeviceVersion } from '../sync/update-report';

async function officeAgencyCode(ctx: ServerContext, officeId: string): Promise<string> {
  const [row] = await ctx.db
    .select({ code: offices.agencyCode })
    .from(offices)
    .where(eq(offices.id, officeId));
  return row?.code ?? '';
}
const gzipAsync = promisify(gzip);

/** Smaller answers are sent as they are: gzip would not pay for its header. */
export const GZIP_MIN_BYTES = 1024;

export const syncRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('preValidation', versionHook);
  // Answers are JSON of many similar rows: gzip makes a pull page several times smaller on the
  // slow lines offices have. A client that does not ask for gzip gets plain JSON.
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || Buffer.byteLength(payload) < GZIP_MIN_BYTES) return payload;
    if (!/\bgzip\b/i.test(request.headers['accept-encoding'] ?? '')) return payload;
    reply.header('content-encoding', 'gzip');
    reply.header('vary', 'accept-encoding');
    reply.removeHeader('content-length');
    return gzipAsync(payload);
  });

  app.post('/v1/push', async (request): Promise<PushResponse> => {
    const device = await authenticateDevice(ctx, request);
    const body = parseOr400(pushRequest, request.body);
    const outbox = readOutboxHeader(request);
    const results = await ctx.shed(async () => {
      const enrolledAs = await officeAgencyCode(ctx, device.officeId);
      const claimed = body.officeAgencyCode;
      // A PC writing another office's data (enrolled with the wrong code): nothing is applied.
      if (claimed !== undefined && claimed !== enrolledAs) {
        const reason = REJECT_REASONS.officeMismatch(claimed, enrolledAs);
        return body.ops.map((o) => ({ opId: o.opId, status: 'rejected' as const, reason }));
      }
      const answers = await applyOps(ctx.db, { ...device, source: 'push' }, body.ops, ctx.now());
      if (outbox)
        await recordOutbox(ctx.db, device.deviceId, afterAnswers(outbox, answers), ctx.now());
      await recordDeviceVersion(ctx.db, device.deviceId, request, ctx.now());
      return answers;
    });
    const applied = results.filter((r) => r.status === 'applied').length;
    if (applied > 0) ctx.qmsRefresh.schedule(device.officeId);
    request.log.info({ deviceId: device.deviceId, ops: results.length, applied }, 'push applied');
    return { results, serverTime: ctx.now() };
  });

  app.get('/v1/pull', async (request): Promise<PullResponse> => {
    const device = await authenticateDevice(ctx, request);
    const query = parseOr400(pageQuery, request.query);
    const outbox = readOutboxHeader(request);
    const page = await ctx.shed(async () => {
      if (outbox) await recordOutbox(ctx.db, device.deviceId, outbox, ctx.now());
      await recordDeviceVersion(ctx.db, device.deviceId, request, ctx.now());
      return readFeed(ctx.db, query.cursor, query.limit);
    });
    return { ...page, serverTime: ctx.now() };
  });

  // The office's rows with the citizens' data: sealed to the asking device's X25519 key, so a
  // token alone (stolen with a backup, or read off a proxy) downloads nothing readable.
  app.get('/v1/restore', async (request): Promise<SealedRestoreResponse> => {
    const device = await authenticateDevice(ctx, request);
    const query = parseOr400(pageQuery, request.query);
    if (device.sealPublicKey === null) throw new HttpError(409, 'SEAL_KEY_REQUIRED');
    const page = await ctx.shed(() =>
      readRestorePage(ctx.db, device.officeId, query.cursor, query.limit),
    );
    const plain: RestoreResponse = { ...page, serverTime: ctx.now() };
    const gz = await gzipAsync(Buffer.from(JSON.stringify(plain)));
    const context = sealContext.restorePage(device.deviceId, query.cursor);
    const sealed = sealTo(device.sealPublicKey, gz, context).toString('base64');
    return { sealed, serverTime: plain.serverTime };
  });
};

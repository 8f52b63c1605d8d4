// Device file endpoints, each scoped to the device's own office: the status of a file (GET or
// HEAD), a chunk appended at an offset (PUT), and a verified file's bytes (for restore).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FileStatus } from '../../core/sync/files';
import { chunkQuery, FILE_HEADERS, FILE_LIMITS, fileParams } from '../../core/sync/files';
import { sealContext } from '../../core/sync/sealing';
import { sealTo } from '../../services/security/sealed-box';
import type { ServerContext } from '../http/context';
import { authenticateDevice, versionHook } from '../http/device-auth';
import { HttpError, parseOr400 } from '../http/errors';
import { fileStatusOf, putChunk, readVerifiedFile } from '../sync/files';

const withHeaders = (reply: FastifyReply, status: FileStatus): FileStatus => {
  reply.header(FILE_HEADERS.size, status.size === null ? '' : String(status.size));
  reply.header(FILE_HEADERS.received, String(status.received));
  reply.header(FILE_HEADERS.verified, status.verified ? '1' : '0');
  return status;
};

export const fileRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('preValidation', versionHook);
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: FILE_LIMITS.maxChunkBytes },
    (_request, body, done) => done(null, body),
  );

  app.get('/v1/files/:sha256', async (request, reply): Promise<FileStatus> => {
    const device = await authenticateDevice(ctx, request);
    const { sha256 } = parseOr400(fileParams, request.params);
    const status = await ctx.shed(() => fileStatusOf(ctx.db, device.officeId, sha256));
    return withHeaders(reply, status);
  });

  app.put('/v1/files/:sha256', async (request, reply): Promise<FileStatus> => {
    const device = await authenticateDevice(ctx, request);
    const { sha256 } = parseOr400(fileParams, request.params);
    const { offset, size } = parseOr400(chunkQuery, request.query);
    if (!Buffer.isBuffer(request.body)) throw new HttpError(415, 'UNSUPPORTED_MEDIA');
    const bytes = request.body;
    const status = await ctx.shed(() =>
      putChunk(ctx.db, device, { sha256, offset, size, bytes }, ctx.now()),
    );
    request.log.info(
      { deviceId: device.deviceId, sha256, offset, bytes: bytes.length, verified: status.verified },
      'file chunk stored',
    );
    return withHeaders(reply, status);
  });

  app.get('/v1/files/:sha256/content', async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const { sha256 } = parseOr400(fileParams, request.params);
    if (device.sealPublicKey === null) throw new HttpError(409, 'SEAL_KEY_REQUIRED');
    const bytes = await ctx.shed(() => readVerifiedFile(ctx.db, device.officeId, sha256));
    if (!bytes) throw new HttpError(404, 'NOT_FOUND');
    // A scan with personal data: sealed to the asking device, like the restore pages.
    const sealed = sealTo(
      device.sealPublicKey,
      bytes,
      sealContext.restoreFile(device.deviceId, sha256),
    );
    return reply.type('application/octet-stream').send(sealed);
  });
};

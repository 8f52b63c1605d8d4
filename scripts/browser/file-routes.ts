// Browser mode's file routes: operations that save files answer with downloads, a backup to
// restore comes as an upload. Each runs the ordinary contract operation for the caller's
// session (its permission, validation and audit), behind the same run-token guard as /api.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Result } from '../../core/errors';
import type { AppBackend } from '../../services/platform';
import type { Transfers } from './transfers';

/** Operations whose files leave as downloads (they save through Platform.pickSavePath). */
export const SAVING_OPS = ['backup.saveAs', 'sync.exportFile'] as const;

export interface FileRoutesOptions {
  readonly backend: Pick<AppBackend, 'call'>;
  readonly transfers: Transfers;
  /** The caller's session key, or null after answering the refusal itself. */
  readonly session: (req: FastifyRequest, reply: FastifyReply) => string | null;
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function parseInput(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function registerFileRoutes(app: FastifyInstance, options: FileRoutesOptions): void {
  const { backend, transfers } = options;

  app.post<{ Params: { op: string } }>('/files/save/:op', async (req, reply) => {
    const sid = options.session(req, reply);
    if (sid === null) return reply;
    const op = req.params.op;
    if (!(SAVING_OPS as readonly string[]).includes(op))
      return reply.code(404).send({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const { result, downloads } = await transfers.saving(() =>
      backend.call(`web:${sid}`, op, req.body ?? {}),
    );
    if (!result.ok) return result;
    return { ok: true, value: { result: result.value, downloads } };
  });

  app.get<{ Params: { id: string } }>('/files/out/:id', async (req, reply) => {
    if (options.session(req, reply) === null) return reply;
    const staged = transfers.take(req.params.id);
    if (!staged) return reply.code(404).type('text/plain; charset=utf-8').send('Tệp đã hết hạn.');
    const stream = fs.createReadStream(staged.file);
    stream.on('close', staged.done);
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', contentDisposition(staged.name))
      .send(stream);
  });

  // The upload's bytes stream to disk as they come; nothing else parses this body type.
  app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/octet-stream', (_req, payload, next) =>
      next(null, payload),
    );
    scope.post<{ Querystring: { name?: string; input?: string } }>(
      '/files/restore',
      async (req, reply): Promise<Result<unknown> | FastifyReply> => {
        const sid = options.session(req, reply);
        if (sid === null) return reply;
        const body = req.body as Readable;
        // Whoever may not restore is refused before a byte is written (same permission).
        const allowed = await backend.call(`web:${sid}`, 'backup.list', {});
        if (!allowed.ok) {
          body.resume();
          return allowed;
        }
        const input = parseInput(req.query.input);
        try {
          return await transfers.receivingBackup(body, req.query.name ?? '', (path) =>
            backend.call(`web:${sid}`, 'backup.restore', { ...input, path }),
          );
        } catch (error) {
          if (error instanceof AppError) return { ok: false, error: error.toShape() };
          throw error;
        }
      },
    );
    done();
  });
}

// One error shape for every non-2xx answer — { code, message (Vietnamese), details? } — and
// the mapping from whatever was thrown to it. Bad input is always 4xx, never 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SyncErrorCode } from '../../core/sync/errors';
import { SYNC_ERRORS } from '../../core/sync/errors';
import { issueTexts, vietnameseZodError } from '../../core/messages/labels';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: SyncErrorCode,
    message?: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message ?? SYNC_ERRORS[code]);
    this.name = 'HttpError';
  }
}

export const parseOr400 = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const parsed = schema.safeParse(value, { error: vietnameseZodError });
  if (parsed.success) return parsed.data;
  // Field labels and our own wording (core/messages/labels.ts): the province dashboard shows
  // them as is, and nothing is echoed back from the input.
  const details = [...new Set(issueTexts(parsed.error, 10))];
  throw new HttpError(400, 'INVALID_REQUEST', undefined, { details });
};

const STATUS_CODES: Readonly<Record<number, SyncErrorCode>> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  406: 'INVALID_REQUEST',
  409: 'CONFLICT',
  411: 'INVALID_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'INVALID_REQUEST',
  415: 'UNSUPPORTED_MEDIA',
  429: 'RATE_LIMITED',
  431: 'INVALID_REQUEST',
  503: 'BUSY',
};

/** SQLSTATE classes caused by the data sent: 22 data exception, 23 integrity violation. */
export const isDataError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
};

export const errorHandler = (
  error: FastifyError | HttpError,
  request: FastifyRequest,
  reply: FastifyReply,
): void => {
  if (error instanceof HttpError) {
    const retryAfter = error.extra.retryAfter;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    reply
      .status(error.statusCode)
      .send({ code: error.code, message: error.message, ...error.extra });
    return;
  }
  if (isDataError(error)) {
    request.log.warn({ err: error }, 'request refused by the database');
    reply.status(400).send({ code: 'INVALID_REQUEST', message: SYNC_ERRORS.INVALID_REQUEST });
    return;
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'INVALID_REQUEST';
    reply.status(status).send({ code, message: SYNC_ERRORS[code] });
    return;
  }
  if (status === 503) {
    reply.status(503).send({ code: 'BUSY', message: SYNC_ERRORS.BUSY });
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  reply.status(500).send({ code: 'INTERNAL', message: SYNC_ERRORS.INTERNAL });
};

// Request bodies: bounded on the wire, optionally gzip (`content-encoding: gzip`), and bounded
// again after inflating, so neither a huge upload nor a compression bomb gets through.
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors';

const gunzipAsync = promisify(gunzip);

export interface BodyLimits {
  /** Bytes read from the socket. */
  readonly wireBytes: number;
  /** Bytes after inflating a gzip body. */
  readonly inflatedBytes: number;
}

const readAll = async (stream: NodeJS.ReadableStream, max: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > max) throw new HttpError(413, 'PAYLOAD_TOO_LARGE');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
};

type Payload = NodeJS.ReadableStream & { receivedEncodedLength?: number };

/** A preParsing hook body: returns the (inflated) payload for Fastify's parsers. */
export const boundedBody = async (
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  limits: Readonly<BodyLimits>,
): Promise<Payload> => {
  const declared = Number(request.headers['content-length']);
  if (declared > limits.wireBytes) throw new HttpError(413, 'PAYLOAD_TOO_LARGE');
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new HttpError(415, 'UNSUPPORTED_MEDIA');
  const raw = await readAll(payload, limits.wireBytes);
  let body = raw;
  if (encoding === 'gzip') {
    try {
      body = await gunzipAsync(raw, { maxOutputLength: limits.inflatedBytes });
    } catch (error) {
      const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw tooBig
        ? new HttpError(413, 'PAYLOAD_TOO_LARGE')
        : new HttpError(400, 'INVALID_REQUEST');
    }
  }
  const out: Payload = Readable.from(body.length > 0 ? [body] : []);
  // Fastify compares this with content-length, which counts the compressed bytes.
  out.receivedEncodedLength = raw.length;
  return out;
};

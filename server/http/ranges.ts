// Byte ranges of a file (RFC 9110 §14): one range as 206 with Content-Range, several as 206
// multipart/byteranges. electron-updater's differential download asks for the changed blocks
// of an installer this way, up to a thousand ranges in one request.
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

const MAX_RANGES = 2000;

/** The ranges asked for, clipped to the file; null when the header is absent or not usable
 * (then the whole file is the answer); [] when none is satisfiable (416). */
export const parseRange = (header: unknown, size: number): ByteRange[] | null => {
  if (typeof header !== 'string' || !header.startsWith('bytes=')) return null;
  const specs = header.slice(6).split(',');
  if (specs.length > MAX_RANGES) return null;
  const out: ByteRange[] = [];
  for (const raw of specs) {
    const spec = raw.trim();
    const m = /^(\d{0,15})-(\d{0,15})$/.exec(spec);
    if (!m || (m[1] === '' && m[2] === '')) return null;
    let start: number;
    let end: number;
    if (m[1] === '') {
      start = Math.max(0, size - Number(m[2]));
      end = size - 1;
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    }
    if (start > end) {
      if (m[2] !== '' && Number(m[2]) < start) return null;
      continue;
    }
    if (start < size) out.push({ start, end });
  }
  return out;
};

async function* readRange(handle: FileHandle, r: ByteRange): AsyncGenerator<Buffer> {
  const chunk = 256 * 1024;
  for (let at = r.start; at <= r.end; at += chunk) {
    const length = Math.min(chunk, r.end - at + 1);
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, at);
    if (bytesRead !== length) throw new Error('file changed while it was read');
    yield buffer;
  }
}

export interface RangeBody {
  readonly status: 200 | 206;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
}

/** The answer for a file of `size` bytes at `file`, given the parsed ranges. */
export const rangeBody = async (
  file: string,
  size: number,
  ranges: readonly ByteRange[] | null,
): Promise<RangeBody> => {
  const handle = await fs.open(file, 'r');
  const close = () => void handle.close().catch(() => undefined);
  if (ranges === null || ranges.length === 0) {
    const body = Readable.from(readRange(handle, { start: 0, end: size - 1 }));
    body.once('close', close);
    return { status: 200, headers: { 'content-length': String(size) }, body };
  }
  if (ranges.length === 1) {
    const [r] = ranges as [ByteRange];
    const body = Readable.from(readRange(handle, r));
    body.once('close', close);
    return {
      status: 206,
      headers: {
        'content-range': `bytes ${r.start}-${r.end}/${size}`,
        'content-length': String(r.end - r.start + 1),
      },
      body,
    };
  }
  const boundary = `isoxa${randomBytes(12).toString('hex')}`;
  const part = (r: ByteRange, first: boolean) =>
    Buffer.from(
      `${first ? '' : '\r\n'}--${boundary}\r\nContent-Type: application/octet-stream\r\n` +
        `Content-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`,
    );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const list = ranges;
  let length = tail.length;
  list.forEach((r, i) => (length += part(r, i === 0).length + r.end - r.start + 1));
  async function* parts(): AsyncGenerator<Buffer> {
    for (const [i, r] of list.entries()) {
      yield part(r, i === 0);
      yield* readRange(handle, r);
    }
    yield tail;
  }
  const body = Readable.from(parts());
  body.once('close', close);
  return {
    status: 206,
    headers: {
      'content-type': `multipart/byteranges; boundary=${boundary}`,
      'content-length': String(length),
    },
    body,
  };
};

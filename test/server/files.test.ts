// File uploads on the real server (PGlite, and PostgreSQL when configured): resumable after a
// cut mid-chunk, verified by sha256, scoped to the office, within body limits; and an op that
// refers to a file is deferred (not lost, not recorded) until the file is verified.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../core/sync/errors';
import { FILE_HEADERS, FILE_LIMITS, type FileStatus } from '../../core/sync/files';
import type { OpResult } from '../../core/sync/protocol';
import { BACKENDS } from './support/backends';
import { send, type TestDevice } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

const CHUNK = 64 * 1024;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const results = (body: Record<string, unknown>) => body.results as OpResult[];

const status = (d: TestDevice, hash: string) =>
  send<FileStatus>(d.baseUrl, 'GET', `/v1/files/${hash}`, { headers: d.authHeaders() });

const put = (d: TestDevice, hash: string, offset: number, size: number, chunk: Uint8Array) =>
  send<FileStatus & { code?: string }>(
    d.baseUrl,
    'PUT',
    `/v1/files/${hash}?offset=${offset}&size=${size}`,
    {
      raw: chunk,
      headers: { ...d.authHeaders(), 'content-type': 'application/octet-stream' },
    },
  );

/** Sends chunks from `from` until `until` bytes are held; returns the bytes sent. */
async function upload(d: TestDevice, bytes: Uint8Array, from: number, until = bytes.length) {
  const hash = sha(bytes);
  let sent = 0;
  for (let at = from; at < until; at += CHUNK) {
    const chunk = bytes.subarray(at, Math.min(at + CHUNK, until));
    const reply = await put(d, hash, at, bytes.length, chunk);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    sent += chunk.length;
  }
  return sent;
}

/** A PUT whose connection drops halfway through the chunk (a cut on the line). */
function cutPut(d: TestDevice, hash: string, offset: number, size: number, chunk: Uint8Array) {
  return new Promise<void>((resolve) => {
    const url = new URL(`/v1/files/${hash}?offset=${offset}&size=${size}`, d.baseUrl);
    const request = http.request(url, {
      method: 'PUT',
      headers: {
        ...d.authHeaders(),
        'content-type': 'application/octet-stream',
        'content-length': String(chunk.length),
      },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(chunk.subarray(0, chunk.length / 2), () => request.destroy());
  });
}

const attachmentRow = (id: string, dossierId: string, hash: string, size: number) => ({
  id,
  dossierId,
  sha256: hash,
  size,
  mimeType: 'application/pdf',
  fileName: 'Giấy chứng sinh.pdf',
  addedBy: uuidv7(),
  addedAt: 1_763_600_000_000,
  updatedAt: 1_763_600_000_000,
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`file uploads on ${backend.name}`, () => {
    let h: Harness;
    let a: TestDevice;
    let b: TestDevice;
    beforeAll(async () => {
      h = await startServer(backend);
      a = (await h.office('000.00.31.H56')).device;
      b = (await h.office('000.00.32.H56')).device;
    }, 60_000);
    afterAll(async () => h?.close());

    it('resumes after a cut mid-file from the length the server holds', async () => {
      const bytes = randomBytes(10 * CHUNK + 1234);
      const hash = sha(bytes);
      expect((await status(a, hash)).body).toEqual({
        sha256: hash,
        size: null,
        received: 0,
        verified: false,
      });
      const half = 5 * CHUNK;
      let sent = await upload(a, bytes, 0, half);
      // The sixth chunk is cut on the line: the server keeps nothing of it.
      await cutPut(a, hash, half, bytes.length, bytes.subarray(half, half + CHUNK));
      sent += CHUNK / 2;
      const after = await status(a, hash);
      expect(after.body).toMatchObject({ size: bytes.length, received: half, verified: false });
      // HEAD tells the same in headers.
      const head = await send(a.baseUrl, 'HEAD', `/v1/files/${hash}`, {
        headers: a.authHeaders(),
      });
      expect(head.headers.get(FILE_HEADERS.received)).toBe(String(half));
      expect(head.headers.get(FILE_HEADERS.verified)).toBe('0');
      // A client that lost track and resends an old chunk is told where to resume.
      const stale = await put(a, hash, 0, bytes.length, bytes.subarray(0, CHUNK));
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'FILE_OFFSET_MISMATCH', received: half });
      sent += await upload(a, bytes, after.body.received);
      expect(sent - bytes.length).toBeLessThanOrEqual(CHUNK);
      expect((await status(a, hash)).body).toMatchObject({
        received: bytes.length,
        verified: true,
      });
      // The verified file comes back whole, and only to its own office.
      const content = await fetch(`${a.baseUrl}/v1/files/${hash}/content`, {
        headers: a.authHeaders(),
      });
      expect(content.status).toBe(200);
      // Sealed to the asking device: the bytes on the wire are not the scan's.
      const sealed = new Uint8Array(await content.arrayBuffer());
      expect(sha(sealed)).not.toBe(hash);
      const opened = a.openFile(sealed, hash);
      expect(opened && sha(opened)).toBe(hash);
      expect(b.openFile(sealed, hash)).toBeNull();
    });

    it('refuses bytes that do not hash to the name and starts the file over', async () => {
      const bytes = randomBytes(2 * CHUNK);
      const hash = sha(bytes);
      const forged = Buffer.from(bytes);
      forged[CHUNK + 7] ^= 0xff;
      expect((await put(a, hash, 0, forged.length, forged.subarray(0, CHUNK))).status).toBe(200);
      const last = await put(a, hash, CHUNK, forged.length, forged.subarray(CHUNK));
      expect(last.status).toBe(422);
      expect(last.body.code).toBe('FILE_HASH_MISMATCH');
      expect((await status(a, hash)).body).toMatchObject({ received: 0, verified: false });
      const gone = await send(a.baseUrl, 'GET', `/v1/files/${hash}/content`, {
        headers: a.authHeaders(),
      });
      expect(gone.status).toBe(404);
      await upload(a, bytes, 0);
      expect((await status(a, hash)).body.verified).toBe(true);
    });

    it('keeps each office to its own files', async () => {
      const bytes = randomBytes(CHUNK + 10);
      const hash = sha(bytes);
      await upload(a, bytes, 0);
      // Office B sees nothing of A's file and cannot read it.
      expect((await status(b, hash)).body).toMatchObject({ received: 0, verified: false });
      const read = await send(b.baseUrl, 'GET', `/v1/files/${hash}/content`, {
        headers: b.authHeaders(),
      });
      expect(read.status).toBe(404);
      // B writing under the same name fills B's own copy, never A's.
      const junk = randomBytes(bytes.length);
      expect((await put(b, hash, 0, junk.length, junk.subarray(0, CHUNK))).status).toBe(200);
      expect((await status(a, hash)).body).toMatchObject({
        received: bytes.length,
        verified: true,
      });
      // Without a token nothing is answered.
      const anonymous = await send(a.baseUrl, 'GET', `/v1/files/${hash}`, {
        headers: a.versionHeaders(),
      });
      expect(anonymous.status).toBe(401);
    });

    it('checks names, offsets and sizes, and bounds the chunk', async () => {
      const hash = sha(Buffer.from('x'));
      const badName = await send(a.baseUrl, 'GET', '/v1/files/ABC', { headers: a.authHeaders() });
      expect(badName.status).toBe(400);
      const beyond = await put(a, hash, 5, 6, Buffer.from('xx'));
      expect(beyond.status).toBe(400);
      const huge = await put(a, hash, 0, FILE_LIMITS.maxFileBytes + 1, Buffer.from('x'));
      expect(huge.status).toBe(400);
      const big = randomBytes(FILE_LIMITS.maxChunkBytes + 1);
      const tooBig = await put(a, sha(big), 0, big.length, big);
      expect(tooBig.status).toBe(413);
      const json = await send(a.baseUrl, 'PUT', `/v1/files/${hash}?offset=0&size=1`, {
        headers: a.authHeaders(),
        body: { bytes: 'x' },
      });
      expect(json.status).toBe(415);
    });

    it('defers an attachment op until its file is verified, then applies it once', async () => {
      const bytes = randomBytes(CHUNK + 99);
      const hash = sha(bytes);
      const dossierId = uuidv7();
      const id = uuidv7();
      const ops = [a.op('attachment', attachmentRow(id, dossierId, hash, bytes.length))];
      const early = await a.push(ops);
      expect(results(early.body)).toEqual([
        { opId: ops[0].opId, status: 'deferred', reason: REJECT_REASONS.fileNotVerified },
      ]);
      const seen = await h.database.db.execute(
        sql`select (select count(*) from ops where op_id = ${ops[0].opId})::int as ops,
                   (select count(*) from rejected_ops where op_id = ${ops[0].opId})::int as rejected`,
      );
      expect((seen as { rows: unknown[] }).rows[0]).toEqual({ ops: 0, rejected: 0 });
      // Half a file is not enough.
      await upload(a, bytes, 0, CHUNK);
      expect(results((await a.push(ops)).body)[0]?.status).toBe('deferred');
      await upload(a, bytes, CHUNK);
      const applied = results((await a.push(ops)).body);
      expect(applied[0]?.status).toBe('applied');
      expect(results((await a.push(ops)).body)[0]?.status).toBe('duplicate');
      const page = await a.restore(0, 1000);
      const rows = (page.body.rows as { entity: string; entityId: string }[]).filter(
        (r) => r.entity === 'attachment' && r.entityId === id,
      );
      expect(rows).toHaveLength(1);
      // Office B's device cannot ride on A's file: its op waits for B's own copy.
      const other = [b.op('attachment', attachmentRow(uuidv7(), uuidv7(), hash, bytes.length))];
      expect(results((await b.push(other)).body)[0]?.status).toBe('deferred');
    });
  });
}

// Attachments on their way to the province through the real sync engine and server: the op
// waits for its file; the file resumes after a cut (at most one chunk sent again); a lost
// answer costs nothing; every op lands exactly once; a new PC restores rows and bytes.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../core/errors';
import { FILE_LIMITS } from '../../core/sync/files';
import { sha256Of, storedFilePath } from '../../services/file-store';
import { syncEngineFor } from '../../services/sync/engine';
import {
  deviceIdOf,
  enrollDesk,
  enrolledOffice,
  DOSSIERS_ONLY,
  outboxRows,
  pendingOpIds,
  receive,
  serverOps,
  provinceFixture,
} from '../sync/support/env';

/** A network whose file requests can be taken down, cut on the way out, or lose the answer. */
class Line {
  offline = false;
  puts = 0;
  putBytes = 0;
  /** The PUT (1-based) lost before it reaches the server. */
  cutAt = 0;
  /** The PUT whose answer is lost after the server stored it. */
  dropAnswerAt = 0;

  readonly fetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/v1/files/')) return fetch(input, init);
    if (this.offline) throw new TypeError('fetch failed');
    if (init?.method !== 'PUT') return fetch(input, init);
    const n = ++this.puts;
    this.putBytes += (init.body as Uint8Array).length;
    if (n === this.cutAt) throw new TypeError('fetch failed');
    const response = await fetch(input, init);
    if (n !== this.dropAnswerAt) return response;
    await response.arrayBuffer();
    throw new TypeError('fetch failed');
  };
}

/** A scan of three chunks: a PDF header, then noise. */
const scan = (): Buffer =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(FILE_LIMITS.chunkBytes * 2 + 777)]);

const province = provinceFixture();

async function heldFiles(officeId: string) {
  const result = await province.h.database.db.execute(
    sql`select sha256, received::int as received, (verified_at is not null) as verified
        from files where office_id = ${officeId}`,
  );
  return (result as { rows: { sha256: string; received: number; verified: boolean }[] }).rows;
}

describe('attachments in sync', () => {
  it('holds the op until the file is verified, resumes after a cut, lands once, restores', async () => {
    const line = new Line();
    const o = await enrolledOffice(province.h, { ...DOSSIERS_ONLY, fetch: line.fetch });
    province.track(o.app);
    const [first] = await receive(o.app, 1);
    const bytes = scan();
    const attached = await o.app.ok('motcua')('dossiers.attach', {
      dossierId: first ?? '',
      fileName: 'Tờ khai đã ký.pdf',
      base64: bytes.toString('base64'),
    });
    await receive(o.app, 1);
    const queued = pendingOpIds(o.app);
    expect(queued).toHaveLength(9);
    const attachmentOp = outboxRows(o.app).find(
      (r) => (JSON.parse(r.row) as { id: string }).id === attached.id,
    );
    const opIndex = queued.indexOf(attachmentOp?.op_id ?? '');
    expect(opIndex).toBe(4);

    // No way to the file endpoints: the dossier's ops go, the batch stops before the attachment.
    line.offline = true;
    expect((await o.engine.run()).ok).toBe(false);
    const deviceId = deviceIdOf(o.app);
    expect(await serverOps(province.h, deviceId)).toEqual(queued.slice(0, opIndex));
    expect(pendingOpIds(o.app)).toEqual(queued.slice(opIndex));

    // Back online, but the second chunk is lost on the way: half a file at the province.
    line.offline = false;
    line.cutAt = 2;
    expect((await o.engine.run()).ok).toBe(false);
    expect(await heldFiles(o.officeId)).toEqual([
      { sha256: attached.sha256, received: FILE_LIMITS.chunkBytes, verified: false },
    ]);
    expect(await serverOps(province.h, deviceId)).toEqual(queued.slice(0, opIndex));

    // The last chunk arrives but its answer is lost: verified there, not yet known here.
    line.dropAnswerAt = 4;
    expect((await o.engine.run()).ok).toBe(false);
    expect((await heldFiles(o.officeId))[0]?.verified).toBe(true);
    expect(pendingOpIds(o.app)).toEqual(queued.slice(opIndex));

    // Healthy: nothing uploaded again, every op applied exactly once, in order.
    expect(await o.engine.run()).toMatchObject({ ok: true, pushed: 5 });
    expect(line.putBytes - bytes.length).toBeLessThanOrEqual(FILE_LIMITS.chunkBytes);
    expect(line.puts).toBe(4);
    expect(await serverOps(province.h, deviceId)).toEqual(queued);
    expect(outboxRows(o.app)).toEqual([]);
    expect((await o.engine.run()).ok).toBe(true);
    expect(await serverOps(province.h, deviceId)).toEqual(queued);

    // A new PC of the office gets the attachment's row and its bytes back.
    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    const counts = await fresh.ok('admin')('sync.restore', {});
    expect(counts).toMatchObject({ dossiers: 2, attachments: 1, filesMissing: 0 });
    const list = await fresh.ok('motcua')('dossiers.attachments', { dossierId: first ?? '' });
    expect(list.items.map((i) => [i.fileName, i.sha256])).toEqual([
      ['Tờ khai đã ký.pdf', attached.sha256],
    ]);
    const back = await fresh.ok('danhgia')('dossiers.attachment', { id: attached.id });
    expect(sha256Of(Buffer.from(back.base64, 'base64'))).toBe(sha256Of(bytes));
    expect(outboxRows(fresh)).toEqual([]);
  });

  it('sets aside an op whose local file is gone, and keeps the queue moving', async () => {
    const o = await enrolledOffice(province.h, DOSSIERS_ONLY);
    province.track(o.app);
    const [id] = await receive(o.app, 1);
    const bytes = scan();
    const attached = await o.app.ok('motcua')('dossiers.attach', {
      dossierId: id ?? '',
      fileName: 'mat.pdf',
      base64: bytes.toString('base64'),
    });
    fs.rmSync(storedFilePath(o.app.dataDir, attached.sha256));
    await receive(o.app, 1);
    expect((await syncEngineFor(o.app.dataDir).run()).ok).toBe(true);
    const left = outboxRows(o.app);
    expect(left.map((r) => [r.status, r.rejected_reason])).toEqual([
      ['rejected', ERROR_MESSAGES.FILE_MISSING],
    ]);
    expect(await serverOps(province.h, deviceIdOf(o.app))).toHaveLength(8);
    expect(await heldFiles(o.officeId)).toEqual([]);
  });
});

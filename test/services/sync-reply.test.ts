// The office without network, both ways: its USB sync file goes up, the province's signed
// reply file comes back and is imported on the PC — acknowledged ops leave the queue, the
// published calendar and catalog apply, a second import changes nothing, and a tampered or
// misaddressed file is refused before anything is written.
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReplyFile, encodeReplyFile } from '../../core/sync/reply-file';
import {
  deviceIdOf,
  enrollDesk,
  outboxRows,
  receive,
  type Office,
  provinceFixture,
  DOSSIERS_ONLY,
} from '../sync/support/env';
import {
  downloadReply,
  exportFile,
  importReply,
  syncTables,
  uploadFile,
} from '../sync/support/files';

const province = provinceFixture();

const office = () => province.office(DOSSIERS_ONLY);

/** Breaks the first pending op's row so the province rejects it. */
function breakFirstOp(o: Office): void {
  const first = outboxRows(o.app)[0];
  const row = JSON.parse(first?.row ?? '{}') as Record<string, unknown>;
  delete row.code;
  o.app.backend
    .database()
    .prepare('UPDATE outbox SET row = ? WHERE client_seq = ?')
    .run(JSON.stringify(row), first?.client_seq);
}

async function publish(entries: unknown[]): Promise<void> {
  const reply = await province.h.admin.call('POST', '/v1/admin/feed', { body: { entries } });
  expect(reply.status).toBe(201);
}

const CALENDAR = {
  year: 2032,
  daysOff: [{ date: '2032-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' }],
  workingDays: [],
  replaceDefaults: false,
};

function catalogEntry(code: string) {
  const catalog = JSON.parse(
    fs.readFileSync(path.resolve('resources/catalog/procedures.json'), 'utf8'),
  ) as { procedures: Record<string, unknown>[] };
  return {
    kind: 'catalog',
    key: code,
    version: 1,
    body: { ...catalog.procedures[0], code, isoCode: 'QT-TH-98', name: 'Thủ tục qua tệp USB' },
  };
}

describe('province reply file', () => {
  it('round trip: export, upload, reply, import; a second import is a no-op', async () => {
    // Something the office already pulled over the network: the reply starts after it.
    await publish([{ kind: 'notice', key: 'tb-truoc', version: 1, body: { title: 'Trước' } }]);
    const o = await office();
    await receive(o.app, 2);
    breakFirstOp(o);
    await publish([
      catalogEntry('1.999002'),
      { kind: 'calendar', key: '2032', version: 1, body: CALENDAR },
    ]);

    const uploaded = await uploadFile(province.h, await exportFile(o.app));
    expect(uploaded).toMatchObject({ applied: 7, duplicate: 0, rejected: 1 });
    expect(uploaded.feedCursor).toBeGreaterThan(0);
    expect(uploaded.fromClientSeq).toBe(outboxRows(o.app)[0]?.client_seq);
    // The file's counts, after the province's answers: nothing left waiting, one refused.
    const offices = await province.h.admin.call('GET', '/v1/admin/offices');
    const summary = (
      offices.body.offices as { id: string; outbox: Record<string, number | null> }[]
    ).find((x) => x.id === o.officeId);
    expect(summary?.outbox).toMatchObject({ pending: 0, rejected: 1 });

    const reply = await downloadReply(province.h, deviceIdOf(o.app), uploaded);
    expect(reply.status).toBe(200);
    expect(reply.fileName).toMatch(/^phan-hoi-.*\.isoxa-reply$/);
    const result = await importReply(o.app, reply.bytes);
    expect(result).toEqual({
      ok: true,
      value: { acknowledged: 7, rejected: 1, resent: 0, feedEntries: 2, feedGap: false },
    });
    const rows = outboxRows(o.app);
    expect(rows.map((r) => r.status)).toEqual(['rejected']);
    expect(rows[0]?.rejected_reason).toContain('code');
    const year = await o.app.ok('admin')('calendar.get', { year: 2032 });
    expect(year.source).toBe('province');
    expect(year.daysOff.map((d) => d.date)).toContain('2032-04-30');
    const list = await o.app.ok('motcua')('catalog.list', {});
    expect(list.find((p) => p.code === '1.999002')?.name).toBe('Thủ tục qua tệp USB');
    const audit = await o.app.ok('admin')('audit.list', {});
    expect(audit.rows.some((r) => r.operation === 'sync.importReply')).toBe(true);

    const before = syncTables(o.app);
    const again = await importReply(o.app, reply.bytes);
    expect(again).toEqual({
      ok: true,
      value: { acknowledged: 0, rejected: 0, resent: 0, feedEntries: 0, feedGap: false },
    });
    expect(syncTables(o.app)).toBe(before);
    // The network path agrees: nothing left to push, nothing new to pull.
    expect(await o.engine.run()).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
  });

  it('a reply downloaded any time (whole feed, newest acks) works too; a gap is reported', async () => {
    const o = await office();
    await receive(o.app, 1);
    await uploadFile(province.h, await exportFile(o.app));
    const whole = await downloadReply(province.h, deviceIdOf(o.app));
    expect(await importReply(o.app, whole.bytes)).toMatchObject({
      ok: true,
      value: { acknowledged: 4, feedGap: false },
    });
    expect(outboxRows(o.app)).toEqual([]);
    // A file that starts after this PC's cursor would skip entries: acks only.
    await publish([{ kind: 'notice', key: `tb-${Date.now()}`, version: 1, body: { title: 'A' } }]);
    await publish([
      { kind: 'notice', key: `tb-${Date.now()}-2`, version: 1, body: { title: 'B' } },
    ]);
    const history = await province.h.admin.call('GET', '/v1/admin/feed');
    const top = (history.body.entries as { serverSeq: number }[])[0]?.serverSeq ?? 0;
    const late = await downloadReply(province.h, deviceIdOf(o.app), { feedCursor: top - 1 });
    const before = syncTables(o.app);
    expect(await importReply(o.app, late.bytes)).toMatchObject({
      ok: true,
      value: { feedEntries: 0, feedGap: true },
    });
    expect(syncTables(o.app)).toBe(before);
  });

  it('refuses a tampered, foreign or broken file and changes nothing', async () => {
    const a = await office();
    const b = await office();
    await receive(a.app, 1);
    await uploadFile(province.h, await exportFile(a.app));
    const good = (await downloadReply(province.h, deviceIdOf(a.app))).bytes;
    const tampered = Buffer.from(good);
    tampered[tampered.length - 30] = (tampered[tampered.length - 30] ?? 0) ^ 0xff;
    const otherOffice = (await downloadReply(province.h, deviceIdOf(b.app))).bytes;
    const { app: second } = await enrollDesk(
      province.h.url,
      await province.h.admin.newCode(a.officeId),
    );
    province.track(second);
    const otherPc = (await downloadReply(province.h, deviceIdOf(second))).bytes;
    const forged = resign(good);

    const before = syncTables(a.app);
    const cases = [
      [tampered, 'REPLY_FILE_SIGNATURE'],
      [forged, 'REPLY_FILE_SIGNATURE'],
      [otherOffice, 'REPLY_FILE_OTHER_OFFICE'],
      [otherPc, 'REPLY_FILE_OTHER_OFFICE'],
      [good.subarray(0, 60), 'REPLY_FILE_INVALID'],
      [Buffer.from('PK\u0003\u0004 không phải tệp phản hồi'), 'REPLY_FILE_INVALID'],
    ] as const;
    for (const [bytes, code] of cases) {
      const r = await importReply(a.app, bytes);
      expect(r).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toContain('giữ nguyên');
    }
    const wrong = await importReply(a.app, otherOffice);
    if (!wrong.ok) expect(wrong.error.message).toContain(b.agencyCode);
    expect(await importReply(a.app, good, 'tuphap')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(syncTables(a.app)).toBe(before);
    expect(outboxRows(a.app)).toHaveLength(4);
    expect((await importReply(a.app, good)).ok).toBe(true);
    expect(outboxRows(a.app)).toEqual([]);
  });
});

/** The same header and payload under another key's signature: not made by this server. */
function resign(file: Buffer): Buffer {
  const parts = decodeReplyFile(file);
  if (!parts) throw new Error('not a reply file');
  const { privateKey } = generateKeyPairSync('ed25519');
  return Buffer.from(
    encodeReplyFile({ ...parts, signature: sign(null, parts.payload, privateKey) }),
  );
}

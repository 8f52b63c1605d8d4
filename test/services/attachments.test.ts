// Attachments of a dossier: the file goes to the data folder (content-addressed, verified), the
// row, its outbox op and the audit entry in one transaction; a wrong type or an oversize file
// is refused with a Vietnamese message and leaves nothing behind; only who may act attaches.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../core/desk/attachments';
import { ERROR_MESSAGES } from '../../core/errors';
import { decryptFile, fileKeyOf, sha256Of, storedFilePath } from '../../services/file-store';
import { dumpDatabase } from '../support/backend';
import { procedureId, receiveInput, startDemoDesk, type DeskApp } from '../support/desk';

/** A small but real PDF header and body. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let app: DeskApp;
let dossierId = '';
beforeEach(async () => {
  app = await startDemoDesk();
  const pid = await procedureId(app, '1.001193');
  const d = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
  dossierId = d.dossier.id;
});
afterEach(() => app.close());

const sqlite = () => app.backend.database();
const filesIn = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];
const attach = (user: string, bytes: Buffer, fileName = 'Giấy chứng sinh.pdf') =>
  app.as(user)('dossiers.attach', { dossierId, fileName, base64: bytes.toString('base64') });

describe('dossier attachments', () => {
  it('stores the file by sha256 and writes row, outbox op and audit in one transaction', async () => {
    const outboxBefore = sqlite().prepare('SELECT count(*) AS n FROM outbox').get() as {
      n: number;
    };
    const r = await attach('motcua', PDF);
    if (!r.ok) throw new Error(r.error.message);
    const sha = sha256Of(PDF);
    expect(r.value).toMatchObject({
      dossierId,
      fileName: 'Giấy chứng sinh.pdf',
      mimeType: 'application/pdf',
      size: PDF.length,
      sha256: sha,
      addedByName: 'Phạm Thị Hoa',
    });
    const stored = storedFilePath(app.dataDir, sha);
    expect(stored).toBe(path.join(app.dataDir, 'files', sha.slice(0, 2), sha));
    // Encrypted at rest, still named by the sha256 of the plain bytes.
    const onDisk = fs.readFileSync(stored);
    expect(onDisk.includes(PDF.subarray(0, 16))).toBe(false);
    expect(decryptFile(fileKeyOf(app.dataDir), sha, onDisk)?.equals(PDF)).toBe(true);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    // No temporary file is left next to it.
    expect(filesIn(path.dirname(stored))).toEqual([sha]);

    const ops = sqlite()
      .prepare('SELECT entity, entity_id, row FROM outbox ORDER BY client_seq')
      .all() as { entity: string; entity_id: string; row: string }[];
    expect(ops).toHaveLength(outboxBefore.n + 1);
    const op = ops.at(-1);
    expect(op?.entity).toBe('attachment');
    expect(op?.entity_id).toBe(r.value.id);
    expect(JSON.parse(op?.row ?? '{}')).toMatchObject({ sha256: sha, size: PDF.length, dossierId });
    const audit = sqlite()
      .prepare("SELECT summary FROM audit_log WHERE operation = 'dossiers.attach'")
      .all() as { summary: string }[];
    expect(audit).toHaveLength(1);
    // The file's name often names the citizen: the audit trail, kept for good and sent to the
    // province, says what was attached without it.
    expect(audit[0]?.summary).toContain('đính kèm một tài liệu PDF (');
    expect(audit[0]?.summary).not.toContain('Giấy chứng sinh');

    // Same transaction: when the outbox refuses the op, the row is not kept either.
    sqlite().exec(`CREATE TEMP TRIGGER no_attachment_op BEFORE INSERT ON outbox
      WHEN NEW.entity = 'attachment' BEGIN SELECT RAISE(ABORT, 'outbox down'); END`);
    const before = dumpDatabase(app.backend);
    const failed = await attach('motcua', PNG, 'anh.png');
    expect(failed.ok).toBe(false);
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('lists and reads back attachments for anyone who may read the dossier', async () => {
    await attach('motcua', PDF);
    app.clock.now += 60_000;
    await attach('tuphap', PNG, 'C:\\fakepath\\ảnh chụp\u0007.png');
    const list = await app.ok('danhgia')('dossiers.attachments', { dossierId });
    expect(list.canAttach).toBe(false);
    expect(list.items.map((i) => [i.fileName, i.mimeType, i.addedByName])).toEqual([
      ['Giấy chứng sinh.pdf', 'application/pdf', 'Phạm Thị Hoa'],
      ['ảnh chụp.png', 'image/png', 'Hoàng Văn Đức'],
    ]);
    const one = await app.ok('danhgia')('dossiers.attachment', { id: list.items[1]?.id ?? '' });
    expect(Buffer.from(one.base64, 'base64').equals(PNG)).toBe(true);
    expect((await app.ok('motcua')('dossiers.attachments', { dossierId })).canAttach).toBe(true);

    // A damaged file on disk is reported, never shown.
    fs.writeFileSync(storedFilePath(app.dataDir, sha256Of(PNG)), 'hỏng');
    const damaged = await app.as('motcua')('dossiers.attachment', { id: list.items[1]?.id ?? '' });
    expect(damaged).toMatchObject({
      ok: false,
      error: { code: 'FILE_MISSING', message: ERROR_MESSAGES.FILE_MISSING },
    });
  });

  it('refuses other types, empty and oversize files, and writes nothing', async () => {
    const before = dumpDatabase(app.backend);
    const text = await attach('motcua', Buffer.from('MZ\x90\x00 không phải PDF'), 'virus.pdf');
    expect(text).toMatchObject({
      ok: false,
      error: { code: 'FILE_TYPE', message: 'Chỉ đính kèm được tệp PDF hoặc ảnh JPEG, PNG.' },
    });
    const oversize = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    PDF.copy(oversize);
    const big = await attach('motcua', oversize);
    expect(big).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    if (!big.ok) expect(big.error.message).toContain('tối đa 20 MB');
    const huge = await attach('motcua', Buffer.alloc(ATTACHMENT_MAX_BYTES * 2));
    expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!huge.ok) expect(huge.error.details?.join(' ')).toContain('tối đa 20 MB');
    const empty = await app.as('motcua')('dossiers.attach', {
      dossierId,
      fileName: 'rong.pdf',
      base64: '',
    });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(dumpDatabase(app.backend)).toBe(before);
    expect(filesIn(path.join(app.dataDir, 'files'))).toEqual([]);
  });

  it('lets only those who may act on the dossier attach', async () => {
    const before = dumpDatabase(app.backend);
    for (const user of ['danhgia', 'vanthu', 'thuky']) {
      const r = await attach(user, PDF);
      expect(r, user).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await attach('admin', PDF)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dumpDatabase(app.backend)).toBe(before);
    expect(filesIn(path.join(app.dataDir, 'files'))).toEqual([]);
    // The step's holder and the leader may; the same scan twice is one file on disk.
    expect((await attach('tuphap', PDF)).ok).toBe(true);
    expect((await attach('chutich', PDF)).ok).toBe(true);
    expect(filesIn(path.join(app.dataDir, 'files', sha256Of(PDF).slice(0, 2)))).toHaveLength(1);
    const missing = await app.as('motcua')('dossiers.attachments', {
      dossierId: '0190a0b0-0000-7000-8000-000000000000',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

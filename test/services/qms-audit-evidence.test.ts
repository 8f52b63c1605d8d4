// Evidence files on audit findings: a PDF, a photo and a Word document attached by the audit
// team, stored encrypted under their sha256, queued for sync with their file, listed with the
// finding, opened again byte for byte and named in the printed report; a renamed program, an
// empty or oversized file, someone off the team or a cancelled finding: a Vietnamese error and
// nothing written; a removed file leaves the list and the report.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '../../core/qms/evidence';
import { dumpDatabase } from '../support/backend';
import { startDemoDesk, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x41)]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 7),
]);
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(30),
  Buffer.from('word/document.xml'),
  Buffer.alloc(50),
]);
const b64 = (b: Buffer) => b.toString('base64');

async function findingOnApprovedAudit() {
  const options = await app.ok('thuky')('audits.options', {});
  const doc = options.documents.find((d) => d.title.includes('khai sinh'));
  const created = await app.ok('thuky')('audits.create', {
    year: 2026,
    month: 11,
    area: 'Lĩnh vực hộ tịch',
    scope: 'Quy trình đăng ký khai sinh',
    date: '2026-11-26',
    leadAuditorId: app.users['danhgia'] ?? '',
    auditeeIds: [app.users['tuphap'] ?? ''],
    documentIds: [doc?.id ?? ''],
    clauses: ['7.5'],
  });
  const got = await app.ok('chutich')('audits.get', { id: created.id });
  await app.ok('chutich')('qms.transition', {
    id: created.id,
    transition: 'approve',
    rev: got.record.rev,
  });
  const f = await app.ok('danhgia')('audits.addFinding', {
    auditId: created.id,
    type: 'observation',
    clause: '7.5',
    description: 'Sổ theo dõi hồ sơ ghi thiếu ngày trả kết quả',
    evidence: 'Sổ theo dõi tháng 10',
  });
  return { auditId: created.id, findingId: f.id };
}

describe('evidence attached to a finding', () => {
  it('stores PDF, PNG and DOCX encrypted, lists, opens, syncs and prints them; removal leaves the report', async () => {
    app = await startDemoDesk();
    const { auditId, findingId } = await findingOnApprovedAudit();
    const pdf = await app.ok('danhgia')('audits.attachEvidence', {
      findingId,
      fileName: 'C:\\Ảnh\\so-theo-doi.pdf',
      base64: b64(PDF),
    });
    await app.ok('danhgia')('audits.attachEvidence', {
      findingId,
      fileName: 'anh-chup.png',
      base64: b64(PNG),
    });
    await app.ok('danhgia')('audits.attachEvidence', {
      findingId,
      fileName: 'bien-ban.docx',
      base64: b64(DOCX),
    });
    const got = await app.ok('thuky')('audits.get', { id: auditId });
    const files = got.findings.find((f) => f.id === findingId)?.files ?? [];
    expect(files.map((f) => [f.fileName, f.mime, f.size, f.addedByName])).toEqual([
      ['so-theo-doi.pdf', 'application/pdf', PDF.length, 'Vũ Quốc Kiểm'],
      ['anh-chup.png', 'image/png', PNG.length, 'Vũ Quốc Kiểm'],
      [
        'bien-ban.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        DOCX.length,
        'Vũ Quốc Kiểm',
      ],
    ]);
    // Anyone who sees the audit opens it, byte for byte.
    const opened = await app.ok('tuphap')('audits.evidenceFile', { id: pdf.id });
    expect(Buffer.from(opened.base64, 'base64').equals(PDF)).toBe(true);
    // Encrypted at rest: the stored file is not the plain bytes.
    const db = app.backend.database();
    const sha = db.prepare('SELECT file_sha256 FROM qms_records WHERE id = ?').pluck().get(pdf.id);
    const stored = fs.readFileSync(
      path.join(app.dataDir, 'files', String(sha).slice(0, 2), String(sha)),
    );
    expect(stored.includes(Buffer.from('%PDF-1.4'))).toBe(false);
    // Queued for the province with its file reference, like every attached file.
    const ops = db
      .prepare("SELECT row FROM outbox WHERE entity = 'qms_record' AND entity_id = ?")
      .pluck()
      .all(pdf.id) as string[];
    expect(ops.length).toBeGreaterThan(0);
    expect(JSON.parse(ops[0] ?? '{}')).toMatchObject({ kind: 'evidence', fileSha256: sha });
    let printed = await app.ok('thuky')('audits.print', { which: 'report', id: auditId });
    expect(printed.html).toContain('Tệp: so-theo-doi.pdf');
    expect(printed.html).toContain('Tệp: anh-chup.png');
    // Removed with a reason: gone from the list and the report, its record kept.
    const ev = await app.ok('danhgia')('qms.get', { id: pdf.id });
    await app.ok('danhgia')('qms.transition', {
      id: pdf.id,
      transition: 'remove',
      rev: ev.rev,
      comment: 'Chụp nhầm sổ',
    });
    const after = await app.ok('thuky')('audits.get', { id: auditId });
    expect(after.findings[0]?.files.map((f) => f.fileName)).toEqual([
      'anh-chup.png',
      'bien-ban.docx',
    ]);
    printed = await app.ok('thuky')('audits.print', { which: 'report', id: auditId });
    expect(printed.html).not.toContain('so-theo-doi.pdf');
    const gone = await app.as('thuky')('audits.evidenceFile', { id: pdf.id });
    expect(gone).toMatchObject({ ok: false, error: { message: 'Tệp bằng chứng đã được gỡ.' } });
  });

  it('refuses a renamed program, an empty or oversized file, an outsider and a cancelled finding, writing nothing', async () => {
    app = await startDemoDesk();
    const { findingId } = await findingOnApprovedAudit();
    const before = dumpDatabase(app.backend);
    const filesDir = path.join(app.dataDir, 'files');
    const count = () =>
      fs.existsSync(filesDir) ? fs.readdirSync(filesDir, { recursive: true }).length : 0;
    const filesBefore = count();
    const exe = await app.as('danhgia')('audits.attachEvidence', {
      findingId,
      fileName: 'bang-chung.pdf',
      base64: b64(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)])),
    });
    expect(exe).toMatchObject({ ok: false, error: { code: 'FILE_TYPE' } });
    expect(exe.ok === false && exe.error.message).toContain('PDF, ảnh JPEG/PNG hoặc tài liệu Word');
    const zip = await app.as('danhgia')('audits.attachEvidence', {
      findingId,
      fileName: 'nen.docx',
      base64: b64(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])),
    });
    expect(zip).toMatchObject({ ok: false, error: { code: 'FILE_TYPE' } });
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(EVIDENCE_MAX_BYTES)]);
    const large = await app.as('danhgia')('audits.attachEvidence', {
      findingId,
      fileName: 'lon.pdf',
      base64: b64(big),
    });
    expect(large).toMatchObject({
      ok: false,
      error: { code: 'FILE_TOO_LARGE', message: 'Tệp quá lớn: mỗi tệp bằng chứng tối đa 20 MB.' },
    });
    const outsider = await app.as('tuphap')('audits.attachEvidence', {
      findingId,
      fileName: 'a.pdf',
      base64: b64(PDF),
    });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dumpDatabase(app.backend)).toBe(before);
    expect(count()).toBe(filesBefore);
    const f = await app.ok('danhgia')('qms.get', { id: findingId });
    await app.ok('danhgia')('qms.transition', {
      id: findingId,
      transition: 'cancel',
      rev: f.rev,
      comment: 'Ghi trùng',
    });
    const cancelled = await app.as('danhgia')('audits.attachEvidence', {
      findingId,
      fileName: 'a.pdf',
      base64: b64(PDF),
    });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

// The audit pack round trip between two offices of the province: the audited office exports one
// audit's pack (a passphrase shown once), the visiting auditor imports it on their own office's
// PC, fills the checklist and findings, exports the results; back home the results are applied
// in one transaction (answers with a history line, findings with their nonconformity and audit
// rows). A wrong passphrase, a changed byte, a file of the other kind, a file for another audit
// or office, a replayed or older results file: a Vietnamese error and nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import { decodePack } from '../../services/qms/audit-pack-file';
import { dumpDatabase } from '../support/backend';
import { returnedLateDossier, startDemoDesk, type DeskApp } from '../support/desk';

let home: DeskApp;
let away: DeskApp;
afterEach(() => {
  home.close();
  away.close();
});

async function moveOffice(app: DeskApp, name: string, agencyCode: string) {
  const o = await app.ok('admin')('office.get', {});
  await app.ok('admin')('office.update', {
    name,
    agencyCode,
    province: o.province,
    commune: o.commune,
    address: o.address,
    sessionTimeoutMinutes: 240,
    backupKeep: o.backupKeep,
  });
}

async function plannedAudit(app: DeskApp, month = 11) {
  const options = await app.ok('thuky')('audits.options', {});
  const doc = options.documents.find((d) => d.title.includes('khai sinh'));
  const created = await app.ok('thuky')('audits.create', {
    year: 2026,
    month,
    area: 'Lĩnh vực hộ tịch',
    scope: 'Quy trình đăng ký khai sinh',
    date: '2026-11-26',
    leadAuditorId: app.users['danhgia'] ?? '',
    auditeeIds: [app.users['tuphap'] ?? ''],
    documentIds: [doc?.id ?? ''],
    clauses: ['7.5', '8.5'],
  });
  const got = await app.ok('chutich')('audits.get', { id: created.id });
  await app.ok('chutich')('qms.transition', {
    id: created.id,
    transition: 'approve',
    rev: got.record.rev,
  });
  return created.id;
}

const bytesOf = (b64: string) => Buffer.from(b64, 'base64');
const flip = (b64: string, at: number) => {
  const b = bytesOf(b64);
  const i = at < 0 ? b.length + at : at;
  b[i] = (b[i] ?? 0) ^ 1;
  return b.toString('base64');
};

async function expectRefused(
  app: DeskApp,
  run: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>,
  code: string,
  message?: RegExp,
) {
  const before = dumpDatabase(app.backend);
  const r = await run();
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe(code);
  if (message) expect(r.error?.message).toMatch(message);
  expect(dumpDatabase(app.backend)).toBe(before);
}

describe('audit pack for a visiting auditor', () => {
  it('goes out, is filled in another office and comes back once, in order; every bad file changes nothing', async () => {
    home = await startDemoDesk();
    away = await startDemoDesk();
    await moveOffice(away, 'UBND xã Bên Cạnh', '000.00.99.H57');
    const late = await returnedLateDossier(home);
    const auditId = await plannedAudit(home);
    let got = await home.ok('danhgia')('audits.get', { id: auditId });
    await home.ok('danhgia')('audits.drawSample', {
      id: auditId,
      rev: got.record.rev,
      size: 5,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    // Only the audit team exports.
    await expectRefused(
      home,
      () => home.as('tuphap')('audits.exportPack', { auditId }),
      'FORBIDDEN',
    );
    const pack = await home.ok('danhgia')('audits.exportPack', { auditId });
    expect(pack.fileName).toBe('goi-danh-gia_DGNB-2026-01.isoxa-audit');
    expect(pack.passphrase).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    expect(pack.sampled).toBe(1);
    expect(pack.included).toContain('không có họ tên, số giấy tờ, địa chỉ của người dân');
    // Sealed: nothing of the audit or the dossier reads from the file without the passphrase.
    const raw = bytesOf(pack.base64);
    for (const plain of ['Lĩnh vực hộ tịch', late.dossier.code, 'Quy trình đăng ký khai sinh'])
      expect(raw.includes(Buffer.from(plain))).toBe(false);
    // Opened, it holds what the auditor needs and no citizen's details.
    const opened = decodePack(raw, pack.passphrase);
    expect(opened.content.sample.map((s) => s.code)).toEqual([late.dossier.code]);
    const text = JSON.stringify(opened.content);
    for (const secret of ['Nguyễn Văn Đức', '001099012345', 'Thôn Đông', '0912345678'])
      expect(text).not.toContain(secret);
    expect(opened.content.audit.lead?.name).toBe('Vũ Quốc Kiểm');

    // The visiting PC: refusals first, then the import.
    const importAs = (who: string, base64: string, passphrase = pack.passphrase) =>
      away.as(who)('visits.importPack', { fileName: pack.fileName, base64, passphrase });
    await expectRefused(
      away,
      () => importAs('danhgia', pack.base64, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF'),
      'AUDIT_FILE_PASSPHRASE',
      /^Mật khẩu gói đánh giá không đúng/,
    );
    await expectRefused(
      away,
      () => importAs('danhgia', flip(pack.base64, -5)),
      'AUDIT_FILE_TAMPERED',
      /đã bị thay đổi sau khi xuất/,
    );
    await expectRefused(
      away,
      () => importAs('danhgia', Buffer.from('SQLite format 3\0 không phải gói').toString('base64')),
      'AUDIT_FILE_INVALID',
      /không phải gói đánh giá ISO Xã/,
    );
    await expectRefused(away, () => importAs('motcua', pack.base64), 'FORBIDDEN');
    // The audited office itself never imports its own pack.
    await expectRefused(
      home,
      () =>
        home.as('danhgia')('visits.importPack', {
          base64: pack.base64,
          passphrase: pack.passphrase,
        }),
      'AUDIT_FILE_OTHER',
    );
    const visit = await away.ok('danhgia')('visits.importPack', {
      base64: pack.base64,
      passphrase: pack.passphrase.toLowerCase().replaceAll('-', ' '),
    });
    expect(visit).toMatchObject({ auditCode: 'DGNB-2026-01', officeName: 'UBND xã Tân Lập' });
    await expectRefused(away, () => importAs('danhgia', pack.base64), 'CONFLICT');
    // Nothing of it is queued for the visiting office's sync.
    const queued = away.backend
      .database()
      .prepare('SELECT count(*) FROM outbox WHERE row LIKE ?')
      .pluck()
      .get(`%${late.dossier.code}%`);
    expect(queued).toBe(0);

    // The visiting auditor fills it; nobody else there may.
    let detail = await away.ok('danhgia')('visits.get', { id: visit.id });
    expect(detail.mayEdit).toBe(true);
    const items = detail.pack.checklist;
    for (const [i, item] of items.entries())
      await away.ok('danhgia')('visits.answer', {
        id: visit.id,
        itemId: item.id,
        result: i === 0 ? 'nc' : 'conform',
        note: i === 0 ? 'Sổ theo dõi thiếu ngày trả' : '',
      });
    await expectRefused(
      away,
      () =>
        away.as('thuky')('visits.answer', {
          id: visit.id,
          itemId: items[0]?.id ?? '',
          result: 'conform',
        }),
      'FORBIDDEN',
    );
    await away.ok('danhgia')('visits.saveFinding', {
      id: visit.id,
      type: 'minor_nc',
      clause: '8.5',
      description: 'Hồ sơ khai sinh trả trễ hạn, không có văn bản xin lỗi',
      evidence: `Hồ sơ ${late.dossier.code}`,
      dossierId: late.dossier.id,
    });
    detail = await away.ok('danhgia')('visits.saveFinding', {
      id: visit.id,
      type: 'observation',
      clause: '7.5',
      description: 'Sổ theo dõi ghi thiếu ngày trả kết quả',
      checklistItemId: items[0]?.id ?? null,
    });
    expect(detail.row).toMatchObject({ answered: items.length, findings: 2, exported: 0 });

    // The visiting auditor prints what they recorded: the answered checklist and the findings.
    const printed = await away.ok('danhgia')('visits.print', { id: visit.id });
    for (const text of [
      'PHIẾU GHI NHẬN ĐÁNH GIÁ NỘI BỘ',
      `${items.length}/${items.length} câu hỏi đã đánh giá`,
      'Sổ theo dõi thiếu ngày trả',
      'Hồ sơ khai sinh trả trễ hạn, không có văn bản xin lỗi',
      `Hồ sơ ${late.dossier.code}`,
      'Không phù hợp nhẹ',
      'Vũ Quốc Kiểm (UBND xã Bên Cạnh)',
    ])
      expect(printed.html).toContain(text);
    const word = await away.ok('danhgia')('visits.exportDocx', { id: visit.id });
    expect(word.fileName).toMatch(/^phieu-danh-gia_.+\.docx$/);
    const mammoth = await import('mammoth');
    const { value: wordText } = await mammoth.extractRawText({
      buffer: Buffer.from(word.base64, 'base64'),
    });
    expect(wordText).toContain('PHIẾU GHI NHẬN ĐÁNH GIÁ NỘI BỘ');
    expect(wordText).toContain('Sổ theo dõi ghi thiếu ngày trả kết quả');
    const r1 = await away.ok('danhgia')('visits.exportResults', { id: visit.id });
    expect(r1).toMatchObject({
      seq: 1,
      fileName: 'ket-qua-danh-gia_DGNB-2026-01_lan-1.isoxa-audit-result',
    });

    // Home: refusals change nothing.
    const importHome = (base64: string, id = auditId) =>
      home.as('danhgia')('audits.importResults', { auditId: id, base64 });
    await expectRefused(home, () => importHome(flip(r1.base64, -3)), 'AUDIT_FILE_TAMPERED');
    await expectRefused(
      home,
      () => importHome(pack.base64),
      'AUDIT_FILE_INVALID',
      /^Đây là gói đánh giá, không phải tệp kết quả/,
    );
    const otherAudit = await plannedAudit(home, 12);
    await expectRefused(
      home,
      () => importHome(r1.base64, otherAudit),
      'AUDIT_FILE_OTHER',
      /^Tệp kết quả là của cuộc đánh giá DGNB-2026-01, không phải DGNB-2026-02/,
    );
    const own = await home.ok('admin')('office.get', {});
    await moveOffice(home, own.name, '000.00.99.H58');
    await expectRefused(home, () => importHome(r1.base64), 'AUDIT_FILE_OTHER', /cơ quan khác/);
    await moveOffice(home, own.name, own.agencyCode);
    await expectRefused(
      home,
      () => home.as('tuphap')('audits.importResults', { auditId, base64: r1.base64 }),
      'FORBIDDEN',
    );

    const applied = await home.ok('danhgia')('audits.importResults', {
      auditId,
      base64: r1.base64,
    });
    expect(applied).toEqual({
      seq: 1,
      visitorName: 'Vũ Quốc Kiểm (UBND xã Bên Cạnh)',
      answers: items.length,
      findings: 2,
      nonconformities: 1,
    });
    got = await home.ok('thuky')('audits.get', { id: auditId });
    expect(got.record.state).toBe('in_progress');
    const checklist = got.record.data['checklist'] as { result: string | null; note: string }[];
    expect(checklist.map((i) => i.result)).toEqual(
      items.map((_, i) => (i === 0 ? 'nc' : 'conform')),
    );
    expect(checklist[0]?.note).toBe('Sổ theo dõi thiếu ngày trả');
    expect(got.findings.map((f) => [f.code, f.type, f.nonconformity !== null])).toEqual([
      ['DGNB-2026-01-PH01', 'minor_nc', true],
      ['DGNB-2026-01-PH02', 'observation', false],
    ]);
    const history = await home.ok('thuky')('qms.history', { id: auditId });
    expect(history.map((h) => h.comment).join('\n')).toContain(
      'Nhập kết quả số 1 của đánh giá viên Vũ Quốc Kiểm (UBND xã Bên Cạnh)',
    );
    const audits = home.backend
      .database()
      .prepare(
        "SELECT operation, summary FROM audit_log WHERE operation IN ('qms.audit.importResults', 'qms.finding.create') ORDER BY at, rowid",
      )
      .all() as { operation: string; summary: string }[];
    expect(audits.map((a) => a.operation)).toEqual([
      'qms.finding.create',
      'qms.finding.create',
      'qms.audit.importResults',
    ]);
    expect(audits[0]?.summary).toContain('từ đánh giá viên Vũ Quốc Kiểm (UBND xã Bên Cạnh)');

    // The same file again: nothing changes.
    await expectRefused(home, () => importHome(r1.base64), 'AUDIT_FILE_STALE', /số 1 đã được nhập/);
    // A second results file brings only what is new; then the first one is older.
    await away.ok('danhgia')('visits.saveFinding', {
      id: visit.id,
      type: 'ofi',
      clause: '7.5',
      description: 'Nên số hóa sổ theo dõi',
    });
    const r2 = await away.ok('danhgia')('visits.exportResults', { id: visit.id });
    expect(r2.seq).toBe(2);
    const second = await home.ok('danhgia')('audits.importResults', { auditId, base64: r2.base64 });
    expect(second).toMatchObject({ seq: 2, answers: 0, findings: 1, nonconformities: 0 });
    await expectRefused(
      home,
      () => importHome(r1.base64),
      'AUDIT_FILE_STALE',
      /cũ hơn tệp đã nhập \(số 2\)/,
    );
    await expectRefused(home, () => importHome(r2.base64), 'AUDIT_FILE_STALE');
    // A newer pack for the audit makes the old pack's results stale.
    await home.ok('danhgia')('audits.exportPack', { auditId });
    const r3 = await away.ok('danhgia')('visits.exportResults', { id: visit.id });
    await expectRefused(home, () => importHome(r3.base64), 'AUDIT_FILE_STALE', /gói đánh giá cũ/);
  }, 120_000);
});

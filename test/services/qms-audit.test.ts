// Internal audit in services: the plan refused for an auditor of their own area or a closed
// year (nothing written), approved by the leader, the checklist in the auditor's inbox, the
// first answer starting the audit, a random sample of real dossiers of the audited procedure,
// a nonconformity finding opening a nonconformity linked both ways, and the report.
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import { returnedLateDossier, startDemoDesk, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

async function birthDoc() {
  const options = await app.ok('thuky')('audits.options', {});
  const doc = options.documents.find((d) => d.title.includes('khai sinh'));
  if (!doc) throw new Error('no birth registration procedure');
  return { doc, options };
}

async function plan(over: object = {}) {
  const { doc } = await birthDoc();
  return {
    year: 2026,
    month: 11,
    area: 'Lĩnh vực hộ tịch',
    scope: 'Quy trình đăng ký khai sinh tại Bộ phận Một cửa và công chức Tư pháp - Hộ tịch',
    date: '2026-11-26',
    leadAuditorId: app.users['danhgia'] ?? '',
    auditeeIds: [app.users['tuphap'] ?? ''],
    documentIds: [doc.id],
    clauses: ['7.5', '8.3', '8.5'],
    ...over,
  };
}

async function approvedAudit() {
  const created = await app.ok('thuky')('audits.create', await plan());
  const got = await app.ok('chutich')('audits.get', { id: created.id });
  await app.ok('chutich')('qms.transition', {
    id: created.id,
    transition: 'approve',
    rev: got.record.rev,
  });
  return created;
}

describe('internal audit plan', () => {
  it('refuses an auditor who works in the audited procedure, and a closed year, writing nothing', async () => {
    app = await startDemoDesk();
    const { options } = await birthDoc();
    expect(options.clauses.find((c) => c.clause === '8.3')).toMatchObject({ applicable: false });
    const before = dumpDatabase(app.backend);
    const own = await app.as('thuky')(
      'audits.create',
      await plan({ leadAuditorId: app.users['tuphap'], auditeeIds: [app.users['motcua']] }),
    );
    expect(own.ok === false && own.error.code).toBe('FORBIDDEN');
    expect(own.ok === false && own.error.message).toMatch(
      /^Hoàng Văn Đức \(Công chức chuyên môn\) làm việc trong quy trình được đánh giá .*: đánh giá viên không được đánh giá lĩnh vực mình làm việc\.$/,
    );
    const secretary = await app.as('thuky')(
      'audits.create',
      await plan({ auditorIds: [app.users['thuky']] }),
    );
    expect(secretary.ok === false && secretary.error.message).toContain(
      'Lê Minh Chất (Thư ký ISO)',
    );
    const closed = await app.as('thuky')(
      'audits.create',
      await plan({ year: 2025, date: '2025-11-20' }),
    );
    expect(closed).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Năm 2025 đã kết thúc: không lập kế hoạch đánh giá cho năm đã khóa sổ.',
      },
    });
    const byAuditor = await app.as('danhgia')('audits.create', await plan());
    expect(byAuditor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('is approved by the leader and reaches the auditor inbox; the checklist skips 8.3', async () => {
    app = await startDemoDesk();
    const created = await app.ok('thuky')('audits.create', await plan());
    expect(created.code).toBe('DGNB-2026-01');
    const got = await app.ok('thuky')('audits.get', { id: created.id });
    const clauses = (got.record.data['checklist'] as { clause: string }[]).map((i) => i.clause);
    expect([...new Set(clauses)]).toEqual(['7.5', '8.5']);
    const leaderInbox = await app.ok('chutich')('qms.inbox', {});
    expect(leaderInbox.items.find((i) => i.id === created.id)?.task).toBe(
      'Phê duyệt kế hoạch đánh giá nội bộ',
    );
    const byIso = await app.as('thuky')('qms.transition', {
      id: created.id,
      transition: 'approve',
      rev: got.record.rev,
    });
    expect(byIso.ok).toBe(false);
    await app.ok('chutich')('qms.transition', {
      id: created.id,
      transition: 'approve',
      rev: got.record.rev,
    });
    const inbox = await app.ok('danhgia')('qms.inbox', {});
    expect(inbox.items.find((i) => i.id === created.id)).toMatchObject({
      source: 'audit_checklist',
      task: 'Thực hiện đánh giá nội bộ (0/6 câu hỏi)',
      link: `/qms/audits/${created.id}/checklist`,
    });
    const list = await app.ok('thuky')('audits.list', { year: 2026 });
    expect(list.map((r) => [r.code, r.stateLabel, r.leadAuditorName, r.questions])).toEqual([
      ['DGNB-2026-01', 'Kế hoạch đã duyệt', 'Vũ Quốc Kiểm', 6],
    ]);
  });
});

describe('doing the audit', () => {
  it('starts at the first answer, samples real dossiers, and a NC finding opens a linked nonconformity', async () => {
    app = await startDemoDesk();
    const late = await returnedLateDossier(app);
    const created = await approvedAudit();
    let got = await app.ok('danhgia')('audits.get', { id: created.id });
    expect(got.onTeam).toBe(true);
    const items = got.record.data['checklist'] as { id: string }[];
    const first = await app.ok('danhgia')('audits.answer', {
      id: created.id,
      itemId: items[0]?.id ?? '',
      result: 'conform',
      note: 'Tài liệu đúng lần ban hành',
    });
    expect(first).toMatchObject({ answered: 1, total: 6 });
    const outsider = await app.as('tuphap')('audits.answer', {
      id: created.id,
      itemId: items[1]?.id ?? '',
      result: 'nc',
    });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    got = await app.ok('danhgia')('audits.get', { id: created.id });
    expect(got.record.state).toBe('in_progress');

    got = await app.ok('danhgia')('audits.drawSample', {
      id: created.id,
      rev: got.record.rev,
      size: 5,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    const sample = got.record.data['sample'] as {
      dossierId: string;
      code: string;
      outcome: string;
      lateSteps: number;
      steps: number;
    }[];
    expect(sample).toEqual([
      expect.objectContaining({
        dossierId: late.dossier.id,
        code: late.dossier.code,
        outcome: 'late',
        steps: 5,
      }),
    ]);
    const empty = await app.as('danhgia')('audits.drawSample', {
      id: created.id,
      rev: got.record.rev,
      size: 5,
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(empty).toMatchObject({
      ok: false,
      error: { message: 'Không có hồ sơ nào của các quy trình này trong kỳ đã chọn.' },
    });
    await app.ok('danhgia')('audits.checkSample', {
      id: created.id,
      dossierId: late.dossier.id,
      receivedOk: true,
      stepsOk: false,
      formsOk: true,
      note: 'Trễ 2 ngày ở bước ký',
    });

    const finding = await app.ok('danhgia')('audits.addFinding', {
      auditId: created.id,
      type: 'minor_nc',
      clause: '8.5',
      description: 'Hồ sơ khai sinh trả kết quả trễ hạn, không có văn bản xin lỗi',
      evidence: `Hồ sơ ${late.dossier.code}`,
      dossierId: late.dossier.id,
      ownerId: app.users['tuphap'],
      deadline: '2026-12-26',
    });
    expect(finding.code).toBe('DGNB-2026-01-PH01');
    const nc = await app.ok('thuky')('qms.get', { id: finding.nonconformityId ?? '' });
    expect(nc).toMatchObject({
      kind: 'nonconformity',
      state: 'open',
      ownerName: 'Hoàng Văn Đức',
      dueDate: '2026-12-26',
      sourceKind: 'finding',
      sourceId: finding.id,
      data: { source: 'internal_audit' },
    });
    const back = await app.ok('thuky')('nonconformities.list', {
      sourceKind: 'finding',
      sourceId: finding.id,
    });
    expect(back.rows.map((r) => [r.code, r.sourceLabel])).toEqual([[nc.code, 'Đánh giá nội bộ']]);
    got = await app.ok('thuky')('audits.get', { id: created.id });
    expect(got.findings).toEqual([
      expect.objectContaining({
        code: 'DGNB-2026-01-PH01',
        typeLabel: 'Không phù hợp nhẹ',
        nonconformity: { id: nc.id, code: nc.code, stateLabel: 'Mới phát hiện' },
      }),
    ]);
    const ofi = await app.ok('danhgia')('audits.addFinding', {
      auditId: created.id,
      type: 'ofi',
      clause: '7.5',
      description: 'Nên số hóa sổ theo dõi',
    });
    expect(ofi.nonconformityId).toBeNull();

    got = await app.ok('danhgia')('audits.get', { id: created.id });
    const early = await app.as('danhgia')('qms.transition', {
      id: created.id,
      transition: 'report',
      rev: got.record.rev,
      comment: 'Cơ bản phù hợp',
    });
    expect(early).toMatchObject({
      ok: false,
      error: { message: 'Còn 5 câu hỏi trong danh mục kiểm tra chưa đánh giá.' },
    });
    for (const item of items.slice(1))
      await app.ok('danhgia')('audits.answer', {
        id: created.id,
        itemId: item.id,
        result: 'conform',
      });
    got = await app.ok('danhgia')('audits.get', { id: created.id });
    const reported = await app.ok('danhgia')('qms.transition', {
      id: created.id,
      transition: 'report',
      rev: got.record.rev,
      comment: 'Hệ thống cơ bản phù hợp, 1 điểm không phù hợp nhẹ',
    });
    expect(reported).toMatchObject({
      state: 'reported',
      data: { conclusion: 'Hệ thống cơ bản phù hợp, 1 điểm không phù hợp nhẹ' },
    });
    const inbox = await app.ok('danhgia')('qms.inbox', {});
    expect(inbox.items.some((i) => i.id === created.id)).toBe(false);

    const report = await app.ok('thuky')('audits.print', { which: 'report', id: created.id });
    expect(report.title).toBe('Báo cáo đánh giá nội bộ Số: DGNB-2026-01');
    for (const text of [
      late.dossier.code,
      'DGNB-2026-01-PH01',
      nc.code,
      'Không phù hợp nhẹ',
      'Hệ thống cơ bản phù hợp',
      'Vũ Quốc Kiểm',
    ])
      expect(report.html).toContain(text);
    const plan = await app.ok('thuky')('audits.print', { which: 'plan', id: created.id });
    expect(plan.html).toContain('KẾ HOẠCH ĐÁNH GIÁ NỘI BỘ');
    expect(plan.html).toContain('Thông tin dạng văn bản');
    expect(plan.html).toContain('26/11/2026');
    const programme = await app.ok('thuky')('audits.print', { which: 'programme', year: 2026 });
    expect(programme.html).toContain('Lĩnh vực hộ tịch');
    const docx = await app.ok('thuky')('audits.exportDocx', { which: 'report', id: created.id });
    expect(docx.fileName).toBe('bao-cao-danh-gia_DGNB-2026-01.docx');
    const zip = Buffer.from(docx.base64, 'base64');
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const mammoth = await import('mammoth');
    const { value: text } = await mammoth.extractRawText({ buffer: zip });
    expect(text).toContain('BÁO CÁO ĐÁNH GIÁ NỘI BỘ');
    expect(text).toContain('DGNB-2026-01-PH01');
    expect(text).toContain('Hệ thống cơ bản phù hợp, 1 điểm không phù hợp nhẹ');
  });
});

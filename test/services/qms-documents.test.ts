// Document control in services: the seeded register, a procedure revision driving the desk
// from its effective date (not before; old dossiers keep their version), acknowledgements,
// and bad input refused in Vietnamese with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import { procedureId, receiveInput, startDemoDesk, vn, type DeskApp } from '../support/desk';
import { documentByCode, draftAndReview, NEW_STEPS } from '../support/qms';

let app: DeskApp;
afterEach(() => app.close());

describe('the seeded register', () => {
  it('has a procedure document in force for every catalog procedure, found without diacritics', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const catalog = await app.ok('motcua')('catalog.list', {});
    const docs = await app.ok('motcua')('documents.list', {});
    const procedures = docs.filter((d) => d.procedureCode !== null);
    expect(procedures.map((d) => d.procedureCode).sort()).toEqual(
      catalog.map((p) => p.code).sort(),
    );
    expect(procedures.every((d) => d.inForce?.issueNo === 1 && d.nextReview === '2027-11-23')).toBe(
      true,
    );
    expect(
      docs.filter((d) => d.docType === 'procedure' && !d.procedureCode).map((d) => d.code),
    ).toEqual(['QT-01', 'QT-02', 'QT-03', 'QT-04', 'QT-05']);
    for (const q of [
      'khai sinh',
      'KHAI SINH',
      'đăng ký khai sinh',
      'dang ky khai sinh',
      'qt-ht-01',
    ]) {
      const hits = await app.ok('motcua')('documents.list', { query: q });
      expect(hits.map((h) => h.code)).toContain('QT-HT-01');
      expect(hits.every((h) => /khai sinh|QT-HT-01/i.test(`${h.title} ${h.code}`))).toBe(true);
    }
    // A replaced law is on the register with what replaced it; procedures cite the new one.
    const old = docs.find((d) => d.external?.number === '61/2018/NĐ-CP');
    expect(old?.external?.replacedById).toBe(
      docs.find((d) => d.external?.number === '118/2025/NĐ-CP')?.id,
    );
    expect(procedures.every((d) => d.flags.length === 0)).toBe(true);
  });
});

describe('a procedure revision drives the desk', () => {
  it('switches the step table on its effective date, not before; old dossiers keep theirs', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const pid = await procedureId(app, '1.004873');
    const reviewed = await draftAndReview(app, 'QT-HT-02');
    const pending = reviewed.revisions.find((r) => r.state === 'in_review');
    expect(pending?.data.reviewed).toMatchObject({ name: 'Trần Thị Lãnh', on: '2026-11-23' });
    const approved = await app.ok('chutich')('qms.transition', {
      id: pending!.id,
      transition: 'approve',
      rev: pending!.rev,
      date: '2026-11-30',
    });
    expect(approved).toMatchObject({
      state: 'approved',
      data: { catalogVersion: 2, effectiveDate: '2026-11-30' },
    });

    app.clock.now = vn('2026-11-27', '09:00');
    await app.relogin();
    const before = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap']),
    );
    expect(before.plan).toHaveLength(5);
    let doc = await documentByCode(app, 'QT-HT-02', 'motcua');
    expect(doc.row.inForce?.issueNo).toBe(1);

    app.clock.now = vn('2026-11-30', '08:00');
    await app.relogin();
    const after = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap']),
    );
    expect(after.plan.map((s) => [s.name, s.hours])).toEqual(
      NEW_STEPS.map((s) => [s.name, s.hours]),
    );
    const old = await app.ok('motcua')('dossiers.get', { id: before.dossier.id });
    expect(old.plan).toHaveLength(5);

    doc = await documentByCode(app, 'QT-HT-02', 'thuky');
    expect(doc.revisions.map((r) => [r.data.issueNo, r.state])).toEqual([
      [2, 'effective'],
      [1, 'superseded'],
    ]);
    expect(doc.row.nextReview).toBe('2027-11-30');
    const history = await app.ok('thuky')('qms.history', { id: doc.revisions[0].id });
    expect(history.map((h) => h.transition)).toEqual([
      'create',
      'edit',
      'submit',
      'review',
      'approve',
      'take_effect',
    ]);
  });

  it('lists acknowledgements outstanding and takes them from the inbox', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const reviewed = await draftAndReview(app, 'QT-HT-02');
    const pending = reviewed.revisions.find((r) => r.state === 'in_review')!;
    await app.ok('chutich')('qms.transition', {
      id: pending.id,
      transition: 'approve',
      rev: pending.rev,
      date: '2026-11-23',
    });
    const doc = await documentByCode(app, 'QT-HT-02', 'thuky');
    expect(doc.row.inForce?.issueNo).toBe(2);
    expect(doc.acknowledgements?.done).toEqual([]);
    expect(doc.acknowledgements?.outstanding.map((o) => o.name)).toEqual([
      'Bùi Văn Phong',
      'Đặng Thị Thư',
      'Hoàng Văn Đức',
      'Lê Minh Chất',
      'Phạm Thị Hoa',
      'Trần Thị Lãnh',
    ]);
    const inbox = await app.ok('motcua')('qms.inbox', {});
    const line = inbox.items.find((i) => i.source === 'acknowledgement' && i.code === 'QT-HT-02');
    expect(line).toMatchObject({
      id: pending.id,
      link: `/qms/documents/${doc.document.id}`,
      overdue: false,
    });
    const acked = await app.ok('motcua')('documents.acknowledge', { revisionId: pending.id });
    expect(acked.mustAcknowledge).toBe(false);
    expect(acked.acknowledgements?.done.map((d) => d.name)).toEqual(['Phạm Thị Hoa']);
    expect(acked.acknowledgements?.outstanding.map((o) => o.name)).not.toContain('Phạm Thị Hoa');
    const again = await app.as('motcua')('documents.acknowledge', { revisionId: pending.id });
    expect(again.ok === false && again.error.message).toBe('Bạn đã xác nhận đọc bản này.');
    const after = await app.ok('motcua')('qms.inbox', {});
    expect(after.items.some((i) => i.id === pending.id)).toBe(false);
    // The auditor's role is not concerned: nothing to acknowledge, and refused if tried.
    const auditor = await app.as('danhgia')('documents.acknowledge', { revisionId: pending.id });
    expect(auditor.ok === false && auditor.error.code).toBe('FORBIDDEN');
  });
});

describe('bad input', () => {
  it('refuses files that are not DOCX/PDF, empty step tables, past dates and wrong roles, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const doc = await documentByCode(app, 'QT-HT-02');
    const opened = await app.ok('thuky')('documents.newRevision', { documentId: doc.document.id });
    const draft = opened.revisions.find((r) => r.state === 'draft')!;
    const before = dumpDatabase(app.backend);
    const fake = Buffer.from(
      'PK\u0003\u0004 this is a zip without a Word document inside it....',
    ).toString('base64');
    const notDocx = await app.as('thuky')('documents.attachFile', {
      revisionId: draft.id,
      rev: draft.rev,
      fileName: 'quy-trinh.docx',
      base64: fake,
    });
    expect(notDocx.ok === false && notDocx.error.message).toContain(
      'không phải tài liệu Word (.docx) hoặc PDF',
    );
    const empty = await app.as('thuky')('documents.attachFile', {
      revisionId: draft.id,
      rev: draft.rev,
      fileName: 'rong.pdf',
      base64: '',
    });
    expect(empty.ok === false && empty.error.message).toContain('Tệp rỗng (0 byte)');
    const noSteps = await app.as('thuky')('documents.saveDraft', {
      revisionId: draft.id,
      rev: draft.rev,
      changeSummary: 'x',
      sections: {},
      steps: [],
    });
    expect(noSteps.ok === false && noSteps.error.message).toBe(
      'Bảng các bước của quy trình không được để trống.',
    );
    const tooLong = await app.as('thuky')('documents.saveDraft', {
      revisionId: draft.id,
      rev: draft.rev,
      changeSummary: 'x',
      sections: {},
      steps: NEW_STEPS.map((s) => ({ ...s, hours: 10 })),
    });
    expect(tooLong.ok === false && tooLong.error.message).toContain('vượt quá thời hạn giải quyết');
    const byDesk = await app.as('motcua')('qms.transition', {
      id: draft.id,
      transition: 'submit',
      rev: draft.rev,
    });
    expect(byDesk).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Vai trò của bạn không được gửi xem xét.' },
    });
    const deskDraft = await app.as('motcua')('documents.newRevision', {
      documentId: doc.document.id,
    });
    expect(deskDraft.ok === false && deskDraft.error.code).toBe('FORBIDDEN');
    expect(dumpDatabase(app.backend)).toBe(before);

    await app.ok('thuky')('qms.transition', { id: draft.id, transition: 'submit', rev: draft.rev });
    const self = await app.as('thuky')('qms.transition', {
      id: draft.id,
      transition: 'review',
      rev: draft.rev + 1,
    });
    expect(self.ok === false && self.error.message).toBe(
      'Người xem xét không được là người soạn thảo tài liệu.',
    );
    await app.ok('chutich')('qms.transition', {
      id: draft.id,
      transition: 'review',
      rev: draft.rev + 1,
    });
    const beforeApprove = dumpDatabase(app.backend);
    const past = await app.as('chutich')('qms.transition', {
      id: draft.id,
      transition: 'approve',
      rev: draft.rev + 2,
      date: '2026-11-20',
    });
    expect(past.ok === false && past.error.message).toBe(
      'Ngày hiệu lực không được ở trong quá khứ.',
    );
    const notLeader = await app.as('thuky')('qms.transition', {
      id: draft.id,
      transition: 'approve',
      rev: draft.rev + 2,
      date: '2026-11-30',
    });
    expect(notLeader.ok === false && notLeader.error.code).toBe('FORBIDDEN');
    expect(dumpDatabase(app.backend)).toBe(beforeApprove);
    const rejected = await app.ok('chutich')('qms.transition', {
      id: draft.id,
      transition: 'reject',
      rev: draft.rev + 2,
      comment: 'Bổ sung mục Phạm vi',
    });
    expect(rejected).toMatchObject({
      state: 'draft',
      data: { rejectComment: 'Bổ sung mục Phạm vi', reviewed: null },
    });
    const inbox = await app.ok('thuky')('qms.inbox', {});
    expect(inbox.items.find((i) => i.id === draft.id)?.task).toBe('Hoàn thiện dự thảo tài liệu');
  });

  it('stores a real DOCX by sha256 and gives it back', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const doc = await documentByCode(app, 'QT-01');
    const opened = await app.ok('thuky')('documents.newRevision', { documentId: doc.document.id });
    const draft = opened.revisions.find((r) => r.state === 'draft')!;
    const { Document, Packer, Paragraph } = await import('docx');
    const bytes = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Quy trình kiểm soát tài liệu')] }] }),
    );
    const saved = await app.ok('thuky')('documents.attachFile', {
      revisionId: draft.id,
      rev: draft.rev,
      fileName: 'QT-01 lần 2.docx',
      base64: Buffer.from(bytes).toString('base64'),
    });
    const withFile = saved.revisions.find((r) => r.id === draft.id)!;
    expect(withFile.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(withFile.data.file).toMatchObject({ name: 'QT-01 lần 2.docx', size: bytes.length });
    const back = await app.ok('thuky')('documents.file', { revisionId: draft.id });
    expect(Buffer.from(back.base64, 'base64').equals(Buffer.from(bytes))).toBe(true);
    // A draft's file is for those who manage documents only.
    const desk = await app.as('motcua')('documents.file', { revisionId: draft.id });
    expect(desk.ok === false && desk.error.code).toBe('FORBIDDEN');
  });
});

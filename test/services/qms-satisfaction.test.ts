// Ratings and feedback in services: a rating taken on the return dialog in the return's own
// transaction (a bad one returns nothing), copied later from a paper slip only for a returned
// dossier, one per dossier until voided; feedback with its deadline counted in working days on
// the office calendar, in its handler's inbox, answered on time, opening a linked
// nonconformity in one click; the register's Excel.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import {
  forwardAllSteps,
  procedureId,
  receiveInput,
  startDemoDesk,
  vn,
  type DeskApp,
} from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

async function readyDossier() {
  const pid = await procedureId(app, '1.001193');
  const d = await app.ok('motcua')(
    'dossiers.receive',
    receiveInput(pid, app.users['tuphap'] ?? ''),
  );
  return forwardAllSteps(app, d, 5);
}

describe('ratings', () => {
  it('are taken on return with the result, on the scale, and shown for the dossier', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    const ready = await readyDossier();
    const returned = await app.ok('motcua')('dossiers.return', {
      id: ready.dossier.id,
      expectedStep: ready.dossier.currentStep,
      rating: { level: 'unsatisfied', criteria: { attitude: 'unsatisfied' }, comment: 'Chờ lâu' },
    });
    expect(returned.dossier.status).toBe('returned');
    const rating = await app.ok('thuky')('ratings.ofDossier', { dossierId: ready.dossier.id });
    expect(rating).toMatchObject({
      kind: 'rating',
      code: ready.dossier.code,
      sourceKind: 'dossier',
      sourceId: ready.dossier.id,
      data: {
        level: 'unsatisfied',
        satisfied: false,
        criteria: { attitude: 'unsatisfied' },
        comment: 'Chờ lâu',
        channel: 'desk',
        ratedOn: '2026-11-23',
        returnedOn: '2026-11-23',
      },
    });
    // One rating per dossier: a paper slip for it is refused.
    const again = await app.as('motcua')('ratings.record', {
      dossierId: ready.dossier.id,
      ratedOn: '2026-11-23',
      level: 'satisfied',
    });
    expect(again.ok === false && again.error.code).toBe('CONFLICT');
  });

  it('a level not on the scale refuses the whole return, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    const ready = await readyDossier();
    const before = dumpDatabase(app.backend);
    const r = await app.as('motcua')('dossiers.return', {
      id: ready.dossier.id,
      expectedStep: ready.dossier.currentStep,
      rating: { level: 'rat_hai_long' },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Mức đánh giá không có trong thang đánh giá.' },
    });
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('from a paper slip: refused before return, then recorded, voided and typed again', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    const ready = await readyDossier();
    const before = dumpDatabase(app.backend);
    const early = await app.as('motcua')('ratings.record', {
      dossierId: ready.dossier.id,
      ratedOn: '2026-11-23',
      level: 'satisfied',
    });
    expect(early).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `Hồ sơ ${ready.dossier.code} chưa trả kết quả nên chưa thể ghi đánh giá sự hài lòng.`,
      },
    });
    expect(dumpDatabase(app.backend)).toBe(before);
    await app.ok('motcua')('dossiers.return', {
      id: ready.dossier.id,
      expectedStep: ready.dossier.currentStep,
    });
    expect(await app.ok('motcua')('ratings.ofDossier', { dossierId: ready.dossier.id })).toBeNull();
    const slip = await app.ok('motcua')('ratings.record', {
      dossierId: ready.dossier.id,
      ratedOn: '2026-11-23',
      level: 'satisfied',
    });
    expect(slip.data).toMatchObject({ channel: 'paper', satisfied: true });
    const voided = await app.ok('thuky')('qms.transition', {
      id: slip.id,
      transition: 'void',
      rev: slip.rev,
      comment: 'Nhập nhầm mức',
    });
    expect(voided.state).toBe('void');
    const retyped = await app.ok('motcua')('ratings.record', {
      dossierId: ready.dossier.id,
      ratedOn: '2026-11-23',
      level: 'unsatisfied',
    });
    expect(retyped.data).toMatchObject({ satisfied: false });
    const shown = await app.ok('motcua')('ratings.ofDossier', { dossierId: ready.dossier.id });
    expect(shown?.id).toBe(retyped.id);
  });
});

describe('feedback register', () => {
  const input = (over: object = {}) => ({
    type: 'feedback' as const,
    channel: 'phone' as const,
    receivedOn: '2026-11-23',
    senderName: 'Trần Thị Bình',
    senderContact: '0987654321',
    content: 'Hồ sơ khai sinh hẹn trả nhưng chưa có kết quả',
    ownerId: app.users['tuphap'] ?? '',
    handlingDays: 10,
    ...over,
  });

  it('counts the deadline in working days (24/11 is a holiday), reaches the handler, answers on time', async () => {
    app = await startDemoDesk(vn('2026-11-23', '15:30'));
    const created = await app.ok('motcua')('feedback.create', input());
    expect(created).toMatchObject({ code: 'PAKN-2026-001', deadline: '2026-12-08' });
    const inbox = await app.ok('tuphap')('qms.inbox', {});
    expect(inbox.items.find((i) => i.id === created.id)).toMatchObject({
      task: 'Trả lời phản ánh, kiến nghị',
      link: `/qms/feedback/${created.id}`,
      overdue: false,
    });
    const rec = await app.ok('tuphap')('qms.get', { id: created.id });
    const answered = await app.ok('tuphap')('qms.transition', {
      id: created.id,
      transition: 'answer',
      rev: rec.rev,
      comment: 'Đã liên hệ, hẹn trả kết quả ngày 24/11',
      date: '2026-11-23',
    });
    expect(answered).toMatchObject({ state: 'answered', dueDate: null, data: { onTime: true } });
    const after = await app.ok('tuphap')('qms.inbox', {});
    expect(after.items.some((i) => i.id === created.id)).toBe(false);
    const list = await app.ok('thuky')('feedback.list', { state: 'answered' });
    expect(list.rows.map((r) => [r.code, r.typeLabel, r.onTime])).toEqual([
      ['PAKN-2026-001', 'Phản ánh', true],
    ]);
  });

  it('an overdue entry is red in the register and opens a linked nonconformity in one click', async () => {
    app = await startDemoDesk(vn('2026-11-23', '15:30'));
    const created = await app.ok('motcua')('feedback.create', input({ handlingDays: 1 }));
    app.clock.now = vn('2026-11-30', '09:00');
    await app.relogin();
    const overdue = await app.ok('thuky')('feedback.list', { state: 'overdue' });
    expect(overdue.rows.map((r) => [r.code, r.overdue])).toEqual([['PAKN-2026-001', true]]);
    const draft = await app.ok('thuky')('nonconformities.draft', {
      sourceKind: 'feedback',
      sourceId: created.id,
    });
    expect(draft).toMatchObject({
      source: 'complaint',
      sourceKind: 'feedback',
      sourceId: created.id,
      detectedOn: '2026-11-30',
    });
    expect(draft.description).toContain('tiếp nhận ngày 23/11/2026 (điện thoại)');
    const { sourceLabel, ...fields } = draft;
    expect(sourceLabel).toBe('Phản ánh PAKN-2026-001');
    const nc = await app.ok('thuky')('nonconformities.create', fields);
    const linked = await app.ok('thuky')('nonconformities.list', {
      sourceKind: 'feedback',
      sourceId: created.id,
    });
    expect(linked.rows.map((r) => [r.id, r.sourceLabel])).toEqual([[nc.id, 'Phản ánh, kiến nghị']]);
    const file = await app.ok('thuky')('feedback.exportExcel', { state: 'all' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(6).getCell(2).value).toBe('PAKN-2026-001');
    expect(sheet?.getRow(6).getCell(10).value).toBe('25/11/2026');
    expect(sheet?.getRow(6).getCell(12).value).toBe('Quá hạn, chưa trả lời');
  });

  it('refuses an unknown dossier, a future date and zero days in Vietnamese, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '15:30'));
    const before = dumpDatabase(app.backend);
    const unknown = await app.as('motcua')('feedback.create', input({ dossierCode: 'KHONG-CO' }));
    expect(unknown.ok === false && unknown.error.message).toBe(
      'Không tìm thấy hồ sơ có mã KHONG-CO.',
    );
    const future = await app.as('motcua')('feedback.create', input({ receivedOn: '2026-11-24' }));
    expect(future.ok === false && future.error.message).toBe(
      'Ngày tiếp nhận không được sau ngày hôm nay.',
    );
    const zero = await app.as('motcua')('feedback.create', input({ handlingDays: 0 }));
    expect(zero.ok === false && zero.error.details?.join(' ')).toContain(
      'Số ngày xử lý ít nhất là 1',
    );
    expect(dumpDatabase(app.backend)).toBe(before);
  });
});

// Risks and opportunities in services: the typical risks seeded per procedure, a risk treated
// through shared actions and re-assessed (residual score), its review date reaching the
// owner's inbox when due, the rules over its actions (nothing written on a refusal), bad input
// refused in Vietnamese, the register's heat map and its Excel.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../core/contract';
import { dumpDatabase } from '../support/backend';
import { startDemoDesk, vn, type DeskApp } from '../support/desk';
import { movers } from '../support/qms';

let app: DeskApp;
afterEach(() => app.close());

const NEW_RISK: OpInput<'risks.create'> = {
  type: 'risk',
  processType: 'procedure',
  processCode: '2.000815',
  title: 'Nhận bản chính giả mạo khi chứng thực',
  description: 'Bản chính do người dân xuất trình bị làm giả, tẩy xóa',
  cause: 'Chưa có đèn soi, kính lúp',
  consequence: 'Chứng thực sai, cơ quan liên đới trách nhiệm',
  likelihood: 3,
  impact: 5,
  identifiedOn: '2026-11-20',
  reviewOn: '2026-12-20',
};

const { move, moveOk } = movers(() => app);
const action = (riskId: string, owner = 'tuphap') =>
  app.ok('thuky')('actions.create', {
    title: 'Trang bị đèn soi giấy tờ',
    description: 'Mua đèn UV và kính lúp cho bộ phận chứng thực',
    ownerId: app.users[owner] ?? '',
    dueDate: '2026-12-05',
    sourceKind: 'risk',
    sourceId: riskId,
  });

describe('typical risks seeded per procedure', () => {
  it('every seeded procedure has its risks in the register, with the heat map of them', async () => {
    app = await startDemoDesk();
    const reg = await app.ok('thuky')('risks.list', {});
    const procs = await app.ok('thuky')('risks.processes', {});
    const catalog = procs.filter((p) => p.type === 'procedure');
    expect(catalog.length).toBeGreaterThan(10);
    for (const p of catalog)
      expect(
        reg.rows.some((r) => r.processCode === p.code),
        p.name,
      ).toBe(true);
    expect(reg.rows.some((r) => r.type === 'opportunity')).toBe(true);
    const risks = reg.rows.filter((r) => r.type === 'risk');
    const heatTotal = reg.heatInherent.flat().reduce((s, n) => s + n, 0);
    expect(heatTotal).toBe(risks.length);
    const r = risks[0];
    expect(r && reg.heatInherent[r.likelihood - 1]?.[r.impact - 1]).toBeGreaterThan(0);
    expect(risks.every((x) => x.ownerName === null && x.state === 'identified')).toBe(true);
    expect(risks[0]?.code).toMatch(/^RR-2026-\d{3}$/);
  });
});

describe('a risk treated through actions', () => {
  it('goes from identified to treated to watched with its residual score', async () => {
    app = await startDemoDesk();
    const { id, code } = await app.ok('thuky')('risks.create', NEW_RISK);
    expect(code).toMatch(/^RR-2026-\d{3}$/);
    let reg = await app.ok('thuky')('risks.list', { query: code });
    expect(reg.rows[0]).toMatchObject({ score: 15, level: 'high', residualScore: null });
    // A high risk cannot just be accepted; a treatment needs an action first.
    const accept = await move('thuky', id, 'accept', { comment: 'x', date: '2026-12-30' });
    expect(accept.ok === false && accept.error.code).toBe('CONFLICT');
    const before = dumpDatabase(app.backend);
    const bare = await move('thuky', id, 'treat', { fields: { treatment: 'reduce' } });
    expect(bare.ok === false && bare.error.message).toBe(
      'Phải lập ít nhất một hành động xử lý trước khi quyết định biện pháp xử lý.',
    );
    expect(dumpDatabase(app.backend)).toEqual(before);

    const act = await action(id);
    await moveOk('thuky', id, 'treat', { fields: { treatment: 'reduce', plan: 'Trang bị đèn' } });
    // The action's owner sees it in the inbox; the risk cannot be re-assessed before it is done.
    const inbox = await app.ok('tuphap')('qms.inbox', {});
    expect(inbox.items.some((i) => i.id === act.id && i.task === 'Thực hiện hành động')).toBe(true);
    const early = await move('thuky', id, 'evaluate', {
      comment: 'x',
      date: '2026-12-30',
      fields: { likelihood: 1, impact: 5 },
    });
    expect(early.ok === false && early.error.message).toBe(
      'Chưa thể đánh giá lại: còn 1 hành động xử lý chưa thực hiện xong.',
    );
    await moveOk('tuphap', act.id, 'complete', { comment: 'Đã trang bị đèn UV' });

    const watched = await moveOk('thuky', id, 'evaluate', {
      comment: 'Đã có đèn soi, khả năng xảy ra còn thấp',
      date: '2027-03-01',
      fields: { likelihood: 1, impact: 5 },
    });
    expect(watched).toMatchObject({ state: 'monitored', dueDate: '2027-03-01' });
    // Re-assessing verified the action's effect.
    expect(await app.ok('thuky')('qms.get', { id: act.id })).toMatchObject({ state: 'verified' });
    reg = await app.ok('thuky')('risks.list', { query: code });
    expect(reg.rows[0]).toMatchObject({
      score: 15,
      level: 'high',
      residualScore: 5,
      residualLevel: 'medium',
      treatmentLabel: 'Giảm thiểu',
      actionsOpen: 0,
      actionsTotal: 1,
    });
    // Heat maps: before treatment in the 3×5 cell, now in the 1×5 cell.
    const all = await app.ok('thuky')('risks.list', {});
    const cell = await app.ok('thuky')('risks.list', { likelihood: 1, impact: 5 });
    expect(cell.rows.map((r) => r.code)).toContain(code);
    expect(all.heatCurrent[0]?.[4]).toBe(cell.rows.length);
  });

  it('is not re-assessed by whoever carried out one of its actions; nothing written', async () => {
    app = await startDemoDesk();
    const { id } = await app.ok('thuky')('risks.create', NEW_RISK);
    const act = await action(id, 'thuky');
    await moveOk('thuky', id, 'treat', { fields: { treatment: 'reduce' } });
    await moveOk('thuky', act.id, 'complete', { comment: 'Đã trang bị' });
    const before = dumpDatabase(app.backend);
    const own = await move('thuky', id, 'evaluate', {
      comment: 'Tốt',
      date: '2026-12-30',
      fields: { likelihood: 1, impact: 5 },
    });
    expect(own.ok === false && own.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Người thực hiện hành động không tự kiểm tra hiệu lực của hành động đó.',
    });
    expect(dumpDatabase(app.backend)).toEqual(before);
    await moveOk('chutich', id, 'evaluate', {
      comment: 'Tốt',
      date: '2026-12-30',
      fields: { likelihood: 1, impact: 5 },
    });
  });

  it('shows the review date in the owner’s inbox only once it is due', async () => {
    app = await startDemoDesk();
    const { id } = await app.ok('thuky')('risks.create', {
      ...NEW_RISK,
      likelihood: 1,
      impact: 2,
      ownerId: app.users['tuphap'] ?? null,
    });
    await moveOk('thuky', id, 'accept', { comment: 'Mức thấp', date: '2026-12-10' });
    const due = (items: { id: string; task: string }[]) =>
      items.some((i) => i.id === id && i.task === 'Xem xét rủi ro, cơ hội đến hạn');
    expect(due((await app.ok('tuphap')('qms.inbox', {})).items)).toBe(false);
    app.clock.now = vn('2026-12-10', '08:00');
    await app.relogin();
    const inbox = await app.ok('tuphap')('qms.inbox', {});
    expect(due(inbox.items)).toBe(true);
    expect(due((await app.ok('thuky')('qms.inbox', {})).items)).toBe(false);
    // Reviewed: the next date moves it out of the inbox again.
    await moveOk('thuky', id, 'review', {
      comment: 'Không thay đổi',
      date: '2027-03-10',
      fields: { likelihood: 1, impact: 2 },
    });
    expect(due((await app.ok('tuphap')('qms.inbox', {})).items)).toBe(false);
    app.clock.now = vn('2026-12-11', '08:00');
    await app.relogin();
    const reg = await app.ok('thuky')('risks.list', { state: 'due' });
    expect(reg.rows.some((r) => r.id === id)).toBe(false);
  });

  it('cancelling a risk cancels its open actions; an opportunity is pursued', async () => {
    app = await startDemoDesk();
    const { id } = await app.ok('thuky')('risks.create', NEW_RISK);
    const act = await action(id);
    await moveOk('chutich', id, 'cancel', { comment: 'Trùng với RR khác' });
    expect((await app.ok('thuky')('qms.get', { id: act.id })).state).toBe('cancelled');
    const opp = await app.ok('thuky')('risks.create', {
      ...NEW_RISK,
      type: 'opportunity',
      processType: 'internal',
      processCode: '',
      processName: 'Kiểm soát hồ sơ',
      title: 'Số hóa sổ hộ tịch',
      benefit: 'Tra cứu nhanh',
    });
    expect(opp.code).toMatch(/^CH-2026-\d{3}$/);
    await action(opp.id);
    const wrong = await move('thuky', opp.id, 'treat', { fields: { treatment: 'reduce' } });
    expect(wrong.ok === false && wrong.error.code).toBe('INVALID_INPUT');
    await moveOk('thuky', opp.id, 'treat', { fields: { treatment: 'pursue' } });
  });
});

describe('bad input', () => {
  it('refuses likelihood 0 or 6 and a review date before the record’s date, writing nothing', async () => {
    app = await startDemoDesk();
    const before = dumpDatabase(app.backend);
    const zero = await app.as('thuky')('risks.create', { ...NEW_RISK, likelihood: 0 });
    expect(zero.ok === false && zero.error.code).toBe('INVALID_INPUT');
    expect(zero.ok === false && zero.error.details).toEqual(['Khả năng xảy ra phải từ 1 đến 5']);
    const six = await app.as('thuky')('risks.create', { ...NEW_RISK, impact: 6 });
    expect(six.ok === false && six.error.details).toEqual(['Mức độ ảnh hưởng phải từ 1 đến 5']);
    const early = await app.as('thuky')('risks.create', { ...NEW_RISK, reviewOn: '2026-11-19' });
    expect(early.ok === false && early.error.message).toBe(
      'Ngày xem xét lại không được trước ngày nhận diện.',
    );
    const future = await app.as('thuky')('risks.create', {
      ...NEW_RISK,
      identifiedOn: '2026-11-30',
      reviewOn: '2026-12-30',
    });
    expect(future.ok === false && future.error.message).toBe(
      'Ngày nhận diện không được sau ngày hôm nay.',
    );
    const unknown = await app.as('thuky')('risks.create', { ...NEW_RISK, processCode: '9.999999' });
    expect(unknown.ok === false && unknown.error.message).toBe(
      'Thủ tục hành chính không có trong danh mục.',
    );
    const desk = await app.as('motcua')('risks.create', NEW_RISK);
    expect(desk.ok === false && desk.error.code).toBe('FORBIDDEN');
    expect(dumpDatabase(app.backend)).toEqual(before);
    // A re-assessment of 6 and a past review date are refused by the transition too.
    const { id } = await app.ok('thuky')('risks.create', NEW_RISK);
    const snapshot = dumpDatabase(app.backend);
    const six2 = await move('thuky', id, 'review', {
      comment: 'x',
      date: '2026-12-30',
      fields: { likelihood: 6, impact: 1 },
    });
    expect(six2.ok === false && six2.error.message).toBe('Khả năng xảy ra phải từ 1 đến 5');
    const past = await move('thuky', id, 'review', {
      comment: 'x',
      date: '2026-11-01',
      fields: { likelihood: 2, impact: 1 },
    });
    expect(past.ok === false && past.error.message).toBe(
      'Ngày xem xét lại không được ở trong quá khứ.',
    );
    expect(dumpDatabase(app.backend)).toEqual(snapshot);
  });
});

describe('register in Excel', () => {
  it('has a row per risk with its score, level and residual', async () => {
    app = await startDemoDesk();
    const { code } = await app.ok('thuky')('risks.create', NEW_RISK);
    const file = await app.ok('thuky')('risks.exportExcel', { query: code });
    expect(file.fileName).toMatch(/^so-dang-ky-rui-ro-co-hoi_2026-11-23\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).getCell(1).value).toBe('SỔ ĐĂNG KÝ RỦI RO VÀ CƠ HỘI');
    expect(sheet?.getRow(5).getCell(8).value).toBe('Khả năng (1-5)');
    const row = sheet?.getRow(6);
    expect(row?.getCell(2).value).toBe(code);
    expect(row?.getCell(10).value).toBe(15);
    expect(row?.getCell(11).value).toBe('Cao');
    expect(row?.getCell(16).value).toBe('Lê Minh Chất');
    expect(sheet?.rowCount).toBe(6);
  });
});

// Nonconformity and corrective action in services: opened from a late dossier and linked back;
// the rules over its actions enforced in the transition's transaction (nothing written on a
// refusal); the app moving it on when the last action is done; the register, Excel and print.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import {
  procedureId,
  receiveInput,
  returnedLateDossier,
  startDemoDesk,
  vn,
  type DeskApp,
} from '../support/desk';
import { movers } from '../support/qms';

let app: DeskApp;
afterEach(() => app.close());

async function lateNc() {
  const dossier = await returnedLateDossier(app);
  const draft = await app.ok('thuky')('nonconformities.draft', {
    sourceKind: 'dossier',
    sourceId: dossier.dossier.id,
  });
  const { sourceLabel, ...fields } = draft;
  expect(sourceLabel).toBe(`Hồ sơ ${dossier.dossier.code}`);
  const created = await app.ok('thuky')('nonconformities.create', {
    ...fields,
    correction: 'Đã xin lỗi người dân',
  });
  return { dossier, draft: fields, nc: await app.ok('thuky')('qms.get', { id: created.id }) };
}

const { move, moveOk } = movers(() => app);

const ANALYSIS = {
  fields: {
    correction: 'Đã xin lỗi và trả kết quả',
    whys: ['Hồ sơ chờ ký 2 ngày', 'Lãnh đạo đi họp', 'Chưa có ủy quyền ký thay'],
    rootCause: 'Chưa có quy định ký thay khi lãnh đạo vắng',
    category: 'method',
  },
};

async function planAction(ncId: string, owner = 'tuphap') {
  return app.ok('thuky')('actions.create', {
    title: 'Ban hành quy định ký thay',
    description: 'Trình Chủ tịch quyết định ủy quyền Phó Chủ tịch ký thay',
    ownerId: app.users[owner] ?? '',
    dueDate: '2026-12-05',
    sourceKind: 'nonconformity',
    sourceId: ncId,
  });
}

describe('nonconformity from a late dossier', () => {
  it('is pre-filled from the dossier, numbered, and the dossier lists it back', async () => {
    app = await startDemoDesk();
    const { dossier, draft, nc } = await lateNc();
    expect(dossier.dossier.outcome).toBe('late');
    expect(draft).toMatchObject({
      source: 'late_dossier',
      sourceKind: 'dossier',
      sourceId: dossier.dossier.id,
      detectedOn: '2026-11-25',
      deadline: '2026-12-25',
      title: `Hồ sơ ${dossier.dossier.code} giải quyết quá hạn`,
    });
    expect(draft.description).toContain('hẹn trả 17:00 23/11/2026');
    expect(nc).toMatchObject({
      kind: 'nonconformity',
      code: 'SKPH-2026-001',
      state: 'open',
      ownerName: 'Lê Minh Chất',
      dueDate: '2026-12-25',
      sourceKind: 'dossier',
      sourceId: dossier.dossier.id,
      data: { source: 'late_dossier', correction: 'Đã xin lỗi người dân' },
    });
    const linked = await app.ok('motcua')('nonconformities.list', {
      sourceKind: 'dossier',
      sourceId: dossier.dossier.id,
    });
    expect(linked.rows.map((r) => [r.code, r.sourceLabel, r.stateLabel])).toEqual([
      ['SKPH-2026-001', 'Hồ sơ trễ hạn', 'Mới phát hiện'],
    ]);
    const inbox = await app.ok('thuky')('qms.inbox', {});
    expect(inbox.items.find((i) => i.id === nc.id)).toMatchObject({
      task: 'Phân tích nguyên nhân sự không phù hợp',
      link: `/qms/nonconformities/${nc.id}`,
      overdue: false,
    });
  });

  it('refuses a dossier that was not late, and bad dates, in Vietnamese, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const { draft } = await lateNc();
    const before = dumpDatabase(app.backend);
    const early = await app.as('thuky')('nonconformities.create', {
      ...draft,
      deadline: '2026-11-20',
    });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Hạn khắc phục không được trước ngày phát hiện.' },
    });
    const future = await app.as('thuky')('nonconformities.create', {
      ...draft,
      detectedOn: '2026-12-01',
      deadline: '2026-12-30',
    });
    expect(future.ok === false && future.error.message).toBe(
      'Ngày phát hiện không được sau ngày hôm nay.',
    );
    const byDesk = await app.as('motcua')('nonconformities.create', draft);
    expect(byDesk.ok === false && byDesk.error.code).toBe('FORBIDDEN');
    expect(dumpDatabase(app.backend)).toEqual(before);
    // A dossier returned on time is no late dossier.
    app.clock.now = vn('2026-11-26', '08:00');
    await app.relogin();
    const pid = await procedureId(app, '1.004873');
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap'] ?? ''),
    );
    const notLate = await app.as('thuky')('nonconformities.draft', {
      sourceKind: 'dossier',
      sourceId: d.dossier.id,
    });
    expect(notLate.ok === false && notLate.error.message).toBe(
      `Hồ sơ ${d.dossier.code} không trễ hạn.`,
    );
  });
});

describe('nonconformity life with its corrective actions', () => {
  it('runs open → analysed → planned → implemented (by the app) → verified → closed', async () => {
    app = await startDemoDesk();
    const { nc } = await lateNc();
    await moveOk('thuky', nc.id, 'analyse', ANALYSIS);
    const noAction = await move('thuky', nc.id, 'plan', { date: '2026-12-10' });
    expect(noAction.ok === false && noAction.error.message).toBe(
      'Phải lập ít nhất một hành động khắc phục trước khi hoàn tất kế hoạch.',
    );
    const action = await planAction(nc.id);
    const planned = await moveOk('thuky', nc.id, 'plan', { date: '2026-12-10' });
    expect(planned).toMatchObject({ state: 'planned', data: { verifyOn: '2026-12-10' } });
    const inbox = await app.ok('tuphap')('qms.inbox', {});
    expect(inbox.items.map((i) => i.task)).toContain('Thực hiện hành động');
    await moveOk('tuphap', action.id, 'complete', { comment: 'Đã có quyết định ủy quyền' });
    const implemented = await app.ok('thuky')('qms.get', { id: nc.id });
    expect(implemented.state).toBe('implemented');
    const early = await move('chutich', nc.id, 'verify', { comment: 'Có hiệu lực' });
    expect(early.ok === false && early.error.message).toBe(
      'Chưa đến ngày kiểm tra hiệu lực (10/12/2026).',
    );
    // The chairman is asked to check it from that day, not while the buttons are still hidden.
    const checkTask = 'Kiểm tra hiệu lực hành động khắc phục';
    const waiting = await app.ok('chutich')('qms.inbox', {});
    expect(waiting.items.filter((i) => i.task === checkTask)).toEqual([]);
    app.clock.now = vn('2026-12-10', '09:00');
    await app.relogin();
    const due = await app.ok('chutich')('qms.inbox', {});
    expect(due.items.filter((i) => i.task === checkTask).map((i) => i.id)).toEqual([nc.id]);
    const verified = await moveOk('chutich', nc.id, 'verify', {
      comment: 'Không còn hồ sơ chờ ký quá hạn',
    });
    expect(verified.data.verified).toMatchObject({ name: 'Trần Thị Lãnh', on: '2026-12-10' });
    expect((await app.ok('thuky')('qms.get', { id: action.id })).state).toBe('verified');
    const closed = await moveOk('chutich', nc.id, 'close');
    expect(closed).toMatchObject({
      state: 'closed',
      dueDate: null,
      data: { closedOn: '2026-12-10' },
    });
    const history = await app.ok('thuky')('qms.history', { id: nc.id });
    expect(history.map((h) => [h.transition, h.userName])).toEqual([
      ['create', 'Lê Minh Chất'],
      ['analyse', 'Lê Minh Chất'],
      ['plan', 'Lê Minh Chất'],
      ['implement', 'Hệ thống'],
      ['verify', 'Trần Thị Lãnh'],
      ['close', 'Trần Thị Lãnh'],
    ]);
  });

  it('cannot close with an open action; nothing is written', async () => {
    app = await startDemoDesk();
    const { nc } = await lateNc();
    await moveOk('thuky', nc.id, 'analyse', ANALYSIS);
    const action = await planAction(nc.id);
    await moveOk('thuky', nc.id, 'plan', { date: '2026-11-25' });
    await moveOk('tuphap', action.id, 'complete', { comment: 'Xong' });
    await moveOk('chutich', nc.id, 'verify', { comment: 'Có hiệu lực' });
    // A further action decided after the check keeps it open.
    await planAction(nc.id, 'vanthu');
    const before = dumpDatabase(app.backend);
    const refused = await move('chutich', nc.id, 'close');
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Chưa thể đóng: còn 1 hành động khắc phục chưa được kiểm tra hiệu lực.',
      },
    });
    expect(dumpDatabase(app.backend)).toEqual(before);
  });

  it("cannot be verified by its action's owner; not effective reopens the actions", async () => {
    app = await startDemoDesk();
    const { nc } = await lateNc();
    await moveOk('thuky', nc.id, 'analyse', ANALYSIS);
    // The ISO secretary carries the action out himself.
    const action = await planAction(nc.id, 'thuky');
    await moveOk('thuky', nc.id, 'plan', { date: '2026-11-25' });
    await moveOk('thuky', action.id, 'complete', { comment: 'Đã làm' });
    const before = dumpDatabase(app.backend);
    const self = await move('thuky', nc.id, 'verify', { comment: 'Tự thấy hiệu quả' });
    expect(self).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message:
          'Người thực hiện hành động khắc phục không tự xác nhận hiệu lực của sự không phù hợp đó.',
      },
    });
    expect(dumpDatabase(app.backend)).toEqual(before);
    const reopened = await moveOk('chutich', nc.id, 'ineffective', {
      comment: 'Vẫn còn hồ sơ chờ ký',
    });
    expect(reopened.state).toBe('planned');
    expect((await app.ok('thuky')('qms.get', { id: action.id })).state).toBe('open');
  });

  it('cancel needs a reason and cancels its open actions; a cancelled one takes no action', async () => {
    app = await startDemoDesk();
    const { nc } = await lateNc();
    const action = await planAction(nc.id);
    await moveOk('chutich', nc.id, 'cancel', { comment: 'Trùng với SKPH khác' });
    expect((await app.ok('thuky')('qms.get', { id: action.id })).state).toBe('cancelled');
    const late = await app.as('thuky')('actions.create', {
      title: 'x',
      description: 'y',
      ownerId: app.users['tuphap'] ?? '',
      dueDate: '2026-12-05',
      sourceKind: 'nonconformity',
      sourceId: nc.id,
    });
    expect(late.ok === false && late.error.message).toBe(
      'Không thể thêm hành động khi sự không phù hợp đang ở trạng thái "Đã hủy".',
    );
  });

  it('is overdue in the register and the inbox after its deadline', async () => {
    app = await startDemoDesk();
    const { nc } = await lateNc();
    app.clock.now = vn('2026-12-28', '09:00');
    await app.relogin();
    const overdue = await app.ok('thuky')('nonconformities.list', { state: 'overdue' });
    expect(overdue.rows.map((r) => [r.id, r.overdue])).toEqual([[nc.id, true]]);
    const inbox = await app.ok('thuky')('qms.inbox', {});
    expect(inbox.items[0]).toMatchObject({ id: nc.id, overdue: true });
    const search = await app.ok('thuky')('nonconformities.list', { query: 'QUA HAN' });
    expect(search.total).toBe(1);
    expect((await app.ok('thuky')('nonconformities.list', { query: 'khác' })).total).toBe(0);
  });

  it('pages the register newest first with the total of every page, by year', async () => {
    app = await startDemoDesk();
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) {
      app.clock.now += 60_000; // one a minute, so newest first is their order
      const created = await app.ok('thuky')('nonconformities.create', {
        source: 'other',
        title: `Sai sót số ${i}`,
        description: 'Phát hiện khi kiểm tra',
        detectedOn: '2026-11-23',
        deadline: '2026-12-23',
      });
      made.push(created.code);
    }
    const page = (n: number, extra = {}) =>
      app.ok('thuky')('nonconformities.list', { page: n, pageSize: 2, ...extra });
    const pages = [await page(1), await page(2), await page(3)];
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.code))).toEqual([...made].reverse());
    expect((await page(4)).rows).toEqual([]);
    expect((await page(1, { year: 2026 })).total).toBe(5);
    expect((await page(1, { year: 2025 })).total).toBe(0);
    const excel = await app.ok('thuky')('nonconformities.exportExcel', { pageSize: 2 });
    expect(excel.base64.length).toBeGreaterThan(0);
  });
});

describe('nonconformity outputs', () => {
  it('prints the report and exports the register to Excel', async () => {
    app = await startDemoDesk();
    const { nc, dossier } = await lateNc();
    await moveOk('thuky', nc.id, 'analyse', ANALYSIS);
    await planAction(nc.id);
    const printed = await app.ok('thuky')('nonconformities.print', { id: nc.id });
    expect(printed.title).toBe('Phiếu xử lý sự không phù hợp SKPH-2026-001');
    expect(printed.html).toContain('PHIẾU XỬ LÝ SỰ KHÔNG PHÙ HỢP VÀ HÀNH ĐỘNG KHẮC PHỤC');
    expect(printed.html).toContain(`Hồ sơ ${dossier.dossier.code}`);
    expect(printed.html).toContain('Chưa có quy định ký thay khi lãnh đạo vắng');
    expect(printed.html).toContain('Ban hành quy định ký thay');
    expect(printed.html).toContain('Tại sao 3?');
    const file = await app.ok('thuky')('nonconformities.exportExcel', {});
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(5).getCell(2).value).toBe('Số');
    expect(sheet.getRow(6).getCell(2).value).toBe('SKPH-2026-001');
    expect(sheet.getRow(6).getCell(4).value).toBe('Hồ sơ trễ hạn');
    expect(sheet.getRow(6).getCell(8).text).toContain('Ban hành quy định ký thay');
  });
});

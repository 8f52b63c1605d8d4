// The record mechanism in services: one transition handler for every kind writes the row,
// its history line, the audit row and the outbox ops together; a refusal writes nothing;
// the inbox gathers what waits on each user.
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import { procedureId, receiveInput, startDemoDesk, vn, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

const rows = (sql: string, ...args: unknown[]) =>
  app.backend
    .database()
    .prepare(sql)
    .all(...args) as Record<string, unknown>[];

async function newAction(dueDate = '2026-11-30') {
  return app.ok('thuky')('actions.create', {
    title: 'Cập nhật biểu mẫu tiếp nhận',
    description: 'In lại mẫu 01 theo Thông tư 03/2025',
    ownerId: app.users['tuphap'],
    dueDate,
    sourceKind: null,
    sourceId: null,
  });
}

describe('the record mechanism', () => {
  it('creates and moves an action with history, audit and outbox rows in each transaction', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const created = await newAction();
    expect(created).toMatchObject({
      kind: 'action',
      state: 'open',
      rev: 1,
      ownerName: 'Hoàng Văn Đức',
    });
    const done = await app.ok('tuphap')('qms.transition', {
      id: created.id,
      transition: 'complete',
      rev: 1,
      comment: 'Đã in lại và phát cho Một cửa',
    });
    expect(done).toMatchObject({ state: 'done', rev: 2 });
    expect(done.data.result).toBe('Đã in lại và phát cho Một cửa');
    const verified = await app.ok('chutich')('qms.transition', {
      id: created.id,
      transition: 'verify',
      rev: 2,
      comment: 'Đã kiểm tra tại bộ phận Một cửa',
    });
    expect(verified.state).toBe('verified');
    const history = await app.ok('thuky')('qms.history', { id: created.id });
    expect(history.map((h) => [h.transition, h.fromState, h.toState, h.userName])).toEqual([
      ['create', null, 'open', 'Lê Minh Chất'],
      ['complete', 'open', 'done', 'Hoàng Văn Đức'],
      ['verify', 'done', 'verified', 'Trần Thị Lãnh'],
    ]);
    expect(history[2]?.toLabel).toBe('Đã kiểm tra hiệu lực');
    const audit = rows(
      "SELECT operation FROM audit_log WHERE entity = 'qms_action' ORDER BY at, rowid",
    );
    expect(audit.map((a) => a.operation)).toEqual([
      'qms.action.create',
      'qms.action.complete',
      'qms.action.verify',
    ]);
    const outbox = rows(
      'SELECT entity, row FROM outbox WHERE entity LIKE ? ORDER BY client_seq',
      'qms_%',
    );
    expect(outbox.map((o) => o.entity)).toEqual([
      'qms_record',
      'qms_history',
      'qms_record',
      'qms_history',
      'qms_record',
      'qms_history',
    ]);
    expect(JSON.parse(String(outbox[4]?.row))).toMatchObject({
      id: created.id,
      state: 'verified',
      rev: 3,
    });
  });

  it('a refused transition writes nothing and says why in Vietnamese', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const created = await newAction();
    const before = dumpDatabase(app.backend);
    const byOther = await app.as('motcua')('qms.transition', {
      id: created.id,
      transition: 'complete',
      rev: 1,
      comment: 'Xong',
    });
    expect(byOther).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'Chỉ người được giao mới báo cáo kết quả hành động này.',
      },
    });
    const noResult = await app.as('tuphap')('qms.transition', {
      id: created.id,
      transition: 'complete',
      rev: 1,
    });
    expect(noResult.ok === false && noResult.error.message).toBe(
      'Phải nhập ý kiến / lý do để báo cáo đã thực hiện.',
    );
    const stale = await app.as('tuphap')('qms.transition', {
      id: created.id,
      transition: 'complete',
      rev: 5,
      comment: 'Xong',
    });
    expect(stale.ok === false && stale.error.code).toBe('CONFLICT');
    const wrongState = await app.as('chutich')('qms.transition', {
      id: created.id,
      transition: 'verify',
      rev: 1,
      comment: 'Tốt',
    });
    expect(wrongState.ok === false && wrongState.error.message).toContain(
      'Không thể xác nhận hiệu lực',
    );
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('refuses an action due in the past or given to nobody, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const before = dumpDatabase(app.backend);
    const past = await app.as('thuky')('actions.create', {
      title: 'A',
      description: 'B',
      ownerId: app.users['tuphap'],
      dueDate: '2026-11-22',
    });
    expect(past.ok === false && past.error.message).toBe(
      'Hạn hoàn thành không được ở trong quá khứ.',
    );
    const byDesk = await app.as('motcua')('actions.create', {
      title: 'A',
      description: 'B',
      ownerId: app.users['tuphap'],
      dueDate: '2026-11-30',
    });
    expect(byDesk.ok === false && byDesk.error.code).toBe('FORBIDDEN');
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('the inbox lists dossier steps held and actions due, overdue first', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const pid = await procedureId(app, '1.004873');
    const dossier = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap']),
    );
    const soon = await newAction('2026-11-25');
    await newAction('2026-11-30');
    app.clock.now = vn('2026-11-26', '09:00');
    await app.relogin();
    const inbox = await app.ok('tuphap')('qms.inbox', {});
    expect(inbox.items.map((i) => [i.source, i.overdue])).toEqual([
      ['dossier_step', true],
      ['action', true],
      ['action', false],
    ]);
    // The specialist's step (due 24/11) before the action due on 25/11, both overdue.
    expect(inbox.items[0]).toMatchObject({
      id: dossier.dossier.id,
      link: `/dossiers/${dossier.dossier.id}`,
    });
    expect(inbox.items[1]).toMatchObject({ id: soon.id, link: `/qms/actions/${soon.id}` });
    expect(inbox.overdue).toBe(2);
    expect((await app.ok('chutich')('qms.inbox', {})).items).toEqual([]);
    await app.ok('tuphap')('qms.transition', {
      id: soon.id,
      transition: 'complete',
      rev: 1,
      comment: 'Xong',
    });
    const leader = await app.ok('chutich')('qms.inbox', {});
    expect(leader.items.map((i) => [i.task, i.id])).toEqual([
      ['Kiểm tra hiệu lực hành động', soon.id],
    ]);
  });
});

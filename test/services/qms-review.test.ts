// Management review in services: planned only by a leader or the ISO secretary with a leader
// in the chair (bad input refused in Vietnamese, nothing written), the period from 1 January or
// the day after the last review held, the planned meeting in the secretary's inbox, the inputs
// assembled live from the office's dossiers, frozen on hold and unchanged by later data, the
// decided actions carried with their current state into the next review, the minutes printed.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../core/contract';
import { dumpDatabase } from '../support/backend';
import { returnedLateDossier, startDemoDesk, vn, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

type Detail = OpOutput<'reviews.get'>;
const input = (d: Detail, key: string) => {
  const found = d.inputs.find((i) => i.key === key);
  if (!found) throw new Error(`no input ${key}`);
  return found;
};

function meeting(date: string, over: object = {}) {
  return {
    date,
    chairId: app.users['chutich'] ?? '',
    secretaryId: app.users['thuky'] ?? '',
    participantIds: [app.users['phochutich'] ?? '', app.users['motcua'] ?? ''],
    guests: 'Đại diện Đảng ủy xã',
    ...over,
  };
}

/** Plans a review, writes its decisions and one action, and holds it as the chairman. */
async function heldReview(date: string) {
  const planned = await app.ok('thuky')('reviews.plan', meeting(date));
  await app.ok('thuky')('reviews.note', {
    id: planned.id,
    key: 'decisions',
    text: 'Duy trì hệ thống quản lý chất lượng; bổ sung máy tính cho Bộ phận Một cửa.',
  });
  const action = await app.ok('chutich')('actions.create', {
    title: 'Bổ sung 01 máy tính',
    description: 'Mua và lắp đặt máy tính cho Bộ phận Một cửa',
    ownerId: app.users['motcua'] ?? '',
    dueDate: '2026-12-15',
    sourceKind: 'review',
    sourceId: planned.id,
  });
  const got = await app.ok('chutich')('reviews.get', { id: planned.id });
  await app.ok('chutich')('qms.transition', {
    id: planned.id,
    transition: 'hold',
    rev: got.record.rev,
  });
  return { id: planned.id, code: planned.code, actionId: action.id, before: got };
}

describe('planning a management review', () => {
  it('refuses the wrong people and bad input in Vietnamese, writing nothing', async () => {
    app = await startDemoDesk();
    const before = dumpDatabase(app.backend);
    const byDesk = await app.as('motcua')('reviews.plan', meeting('2026-11-27'));
    expect(byDesk).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'Chỉ lãnh đạo hoặc Thư ký ISO được lập kế hoạch họp xem xét của lãnh đạo.',
      },
    });
    const noChair = await app.as('thuky')('reviews.plan', meeting('2026-11-27', { chairId: null }));
    expect(noChair).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Phải chọn người chủ trì cuộc họp (lãnh đạo UBND xã).',
      },
    });
    const notLeader = await app.as('thuky')(
      'reviews.plan',
      meeting('2026-11-27', { chairId: app.users['thuky'] }),
    );
    expect(notLeader.ok === false && notLeader.error.message).toBe(
      'Người chủ trì phải là lãnh đạo UBND xã (tài khoản đang hoạt động).',
    );
    const badDate = await app.as('thuky')('reviews.plan', meeting('2026-02-30'));
    expect(badDate).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: ['Ngày không hợp lệ'] },
    });
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('runs from 1 January to the meeting and waits on the ISO secretary', async () => {
    app = await startDemoDesk();
    const planned = await app.ok('thuky')('reviews.plan', meeting('2026-11-27'));
    expect(planned.code).toBe('XXLD-2026-001');
    const got = await app.ok('thuky')('reviews.get', { id: planned.id });
    expect(got.record.data).toMatchObject({
      year: 2026,
      periodFrom: '2026-01-01',
      periodTo: '2026-11-27',
      participantIds: [app.users['phochutich'], app.users['motcua']],
    });
    expect(got.live).toBe(true);
    expect(got.previous).toBeNull();
    expect(got.inputs).toHaveLength(12);
    expect(input(got, 'previous_actions').lines[0]).toMatch(/^Đây là lần xem xét đầu tiên/);
    const inbox = await app.ok('thuky')('qms.inbox', {});
    expect(inbox.items.find((i) => i.id === planned.id)).toMatchObject({
      task: 'Chuẩn bị họp xem xét của lãnh đạo',
      link: `/qms/reviews/${planned.id}`,
    });
    const second = await app.as('chutich')('reviews.plan', meeting('2026-12-20'));
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const list = await app.ok('chutich')('reviews.list', { year: 2026 });
    expect(list.map((r) => [r.code, r.chairName, r.stateLabel])).toEqual([
      ['XXLD-2026-001', 'Trần Thị Lãnh', 'Đang chuẩn bị'],
    ]);
  });
});

describe('holding the review', () => {
  it('assembles the inputs from the dossiers live, then freezes them on hold', async () => {
    app = await startDemoDesk();
    const late = await returnedLateDossier(app);
    await app.ok('thuky')('nonconformities.create', {
      source: 'late_dossier',
      sourceKind: 'dossier',
      sourceId: late.dossier.id,
      title: 'Hồ sơ khai sinh trả trễ hạn',
      description: 'Trả kết quả chậm 02 ngày',
      detectedOn: '2026-11-25',
      deadline: '2026-12-10',
    });
    const planned = await app.ok('thuky')('reviews.plan', meeting('2026-11-25'));
    const live = await app.ok('thuky')('reviews.get', { id: planned.id });
    expect(input(live, 'process_performance').figures).toMatchObject({
      resolved: 1,
      onTime: 0,
      onTimeRate: 0,
    });
    expect(input(live, 'process_performance').lines[1]).toMatch(
      /^1\.001193 .*: 0\/1 đúng hạn \(0 %\), kỳ trước chưa có hồ sơ để so sánh$/,
    );
    expect(input(live, 'monitoring').figures).toMatchObject({ received: 1, resolved: 1 });
    expect(input(live, 'nonconformities')).toMatchObject({
      figures: { opened: 1, open: 1, overdue: 0 },
      lines: [
        'Phát sinh trong kỳ: 1; đóng trong kỳ: 0; đang xử lý: 1 (quá hạn 0).',
        'Hành động khắc phục: 0 đã thực hiện, 0 đang thực hiện.',
        'Nguồn hồ sơ trễ hạn: 1',
      ],
    });
    // The risk register (seeded per procedure): its levels now, no treatment action yet.
    const register = await app.ok('thuky')('risks.list', { type: 'risk' });
    const high = register.rows.filter((r) => r.level === 'high').length;
    expect(high).toBeGreaterThan(0);
    expect(input(live, 'risk_actions')).toMatchObject({
      figures: { liveHigh: high, total: 0, treated: 0 },
    });
    expect(input(live, 'risk_actions').lines).toEqual([
      expect.stringMatching(
        new RegExp(`^Rủi ro đang theo dõi: ${register.total} \\(mức cao ${high}, `),
      ),
    ]);

    await app.ok('thuky')('reviews.note', {
      id: planned.id,
      key: 'process_performance',
      text: 'Hồ sơ khai sinh trễ hạn do thiếu người ký',
    });
    const byDesk = await app.as('motcua')('reviews.note', {
      id: planned.id,
      key: 'resources',
      text: 'x',
    });
    expect(byDesk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noDecision = await app.as('chutich')('qms.transition', {
      id: planned.id,
      transition: 'hold',
      rev: (await app.ok('chutich')('reviews.get', { id: planned.id })).record.rev,
    });
    expect(noDecision.ok === false && noDecision.error.message).toBe(
      'Phải ghi kết luận, quyết định của cuộc họp trước khi ghi nhận đã họp.',
    );
    await app.ok('thuky')('reviews.note', {
      id: planned.id,
      key: 'decisions',
      text: 'Phân công lại người ký thay khi Chủ tịch đi vắng.',
    });
    const rev = (await app.ok('thuky')('reviews.get', { id: planned.id })).record.rev;
    const byDeskHold = await app.as('motcua')('qms.transition', {
      id: planned.id,
      transition: 'hold',
      rev,
    });
    expect(byDeskHold).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await app.ok('chutich')('qms.transition', { id: planned.id, transition: 'hold', rev });
    const held = await app.ok('thuky')('reviews.get', { id: planned.id });
    expect(held.record.state).toBe('held');
    expect(held.live).toBe(false);
    expect(held.inputs).toEqual(live.inputs);

    // New data after the meeting: a second late dossier. The held minutes do not move.
    await returnedLateDossier(app);
    const after = await app.ok('thuky')('reviews.get', { id: planned.id });
    expect(after.inputs).toEqual(live.inputs);
    expect(input(after, 'monitoring').figures['received']).toBe(1);
    const edit = await app.as('thuky')('reviews.note', {
      id: planned.id,
      key: 'decisions',
      text: 'sửa sau',
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const printed = await app.ok('thuky')('reviews.print', { id: planned.id });
    expect(printed.title).toBe('Biên bản họp xem xét của lãnh đạo Số: XXLD-2026-001');
    for (const text of [
      '0/1 đúng hạn',
      'Hồ sơ khai sinh trễ hạn do thiếu người ký',
      'Phân công lại người ký thay',
      'từ ngày 01/01/2026 đến ngày 25/11/2026',
      'Trần Thị Lãnh',
    ])
      expect(printed.html).toContain(text);
    const word = await app.ok('thuky')('reviews.exportDocx', { id: planned.id });
    expect(word.fileName).toBe('bien-ban-xem-xet-lanh-dao_XXLD-2026-001.docx');
    expect(Buffer.from(word.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('is not held before the meeting day', async () => {
    app = await startDemoDesk();
    const planned = await app.ok('thuky')('reviews.plan', meeting('2026-11-27'));
    await app.ok('thuky')('reviews.note', { id: planned.id, key: 'decisions', text: 'Kết luận' });
    const got = await app.ok('chutich')('reviews.get', { id: planned.id });
    const early = await app.as('chutich')('qms.transition', {
      id: planned.id,
      transition: 'hold',
      rev: got.record.rev,
    });
    expect(early.ok === false && early.error.message).toBe(
      'Chưa đến ngày họp: không ghi nhận cuộc họp trước ngày họp.',
    );
  });
});

describe('the next review', () => {
  it('starts the day after the last one held and lists its actions with their current state', async () => {
    app = await startDemoDesk(vn('2026-06-30', '15:00'));
    const first = await heldReview('2026-06-30');
    const held = await app.ok('thuky')('reviews.get', { id: first.id });
    expect(held.record.data['decidedActions']).toEqual([
      {
        title: 'Bổ sung 01 máy tính',
        description: 'Mua và lắp đặt máy tính cho Bộ phận Một cửa',
        ownerName: 'Phạm Thị Hoa',
        dueDate: '2026-12-15',
      },
    ]);
    const lateAction = await app.as('chutich')('actions.create', {
      title: 'Sau cuộc họp',
      description: 'x',
      ownerId: app.users['motcua'] ?? '',
      dueDate: '2026-12-15',
      sourceKind: 'review',
      sourceId: first.id,
    });
    expect(lateAction).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    app.clock.now = vn('2026-11-23', '15:30');
    await app.relogin();
    const before = await app.as('thuky')('reviews.plan', meeting('2026-06-30'));
    expect(before.ok === false && before.error.message).toBe(
      'Ngày họp phải sau cuộc họp xem xét gần nhất (XXLD-2026-001, ngày 30/06/2026).',
    );
    const next = await app.ok('thuky')('reviews.plan', meeting('2026-12-18'));
    const got = await app.ok('thuky')('reviews.get', { id: next.id });
    expect(got.record.data).toMatchObject({ periodFrom: '2026-07-01', periodTo: '2026-12-18' });
    expect(got.previous).toMatchObject({ code: 'XXLD-2026-001', date: '2026-06-30' });
    expect(input(got, 'previous_actions')).toMatchObject({
      figures: { total: 1, done: 0, open: 1 },
      lines: [
        '0/1 hành động đã thực hiện (0 đã kiểm tra hiệu lực); đang thực hiện 1.',
        'Bổ sung 01 máy tính — Phạm Thị Hoa, hạn 15/12/2026: Đang thực hiện',
      ],
    });

    const action = await app.ok('motcua')('qms.get', { id: first.actionId });
    await app.ok('motcua')('qms.transition', {
      id: first.actionId,
      transition: 'complete',
      rev: action.rev,
      comment: 'Đã lắp đặt máy tính mới',
    });
    const later = await app.ok('thuky')('reviews.get', { id: next.id });
    expect(input(later, 'previous_actions').lines[1]).toBe(
      'Bổ sung 01 máy tính — Phạm Thị Hoa, hạn 15/12/2026: Đã thực hiện, chờ kiểm tra',
    );
    // The first review's minutes keep what was decided, whatever became of it.
    const minutes = await app.ok('thuky')('reviews.print', { id: first.id });
    expect(minutes.html).toContain('Bổ sung 01 máy tính');
    expect(minutes.html).toContain('15/12/2026');
  });
});

// The desk end to end in services: receive with working-time appointments, hand-offs by
// the right roles, supplement, apology, return and classification; bad input writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../core/contract';
import { dumpDatabase } from '../support/backend';
import {
  forwardAllSteps,
  procedureId,
  receiveInput,
  startDemoDesk,
  vn,
  type DeskApp,
} from '../support/desk';

type Detail = OpOutput<'dossiers.get'>;
let app: DeskApp;
afterEach(() => app.close());

const forwardAll = (d: Detail, stepMinutes = 20) => forwardAllSteps(app, d, stepMinutes);

describe('receiving', () => {
  it('same-day birth registration at 15:30 is due the next working day (24/11 is a holiday from 2026)', async () => {
    app = await startDemoDesk(vn('2026-11-23', '15:30'));
    const pid = await procedureId(app, '1.001193');
    const d = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    expect(d.dossier.dueAt).toBe(vn('2026-11-25', '17:00'));
    expect(d.dossier.code).toMatch(/^000\.00\.12\.H56-261123-0001$/);
    expect(d.dossier.formSet).toBe('tt03-2025');
    expect(d.dossier.status).toBe('processing');
    expect(d.steps.map((s) => s.stepNo)).toEqual([1, 2]);
    expect(d.steps[1].assigneeName).toBe('Hoàng Văn Đức');
    const second = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap']),
    );
    expect(second.dossier.code).toMatch(/-0002$/);
    expect(second.dossier.bookLine).toBe(d.dossier.bookLine + 1);
  });

  it('at 14:59 the same-day dossier is due the same day', async () => {
    app = await startDemoDesk(vn('2026-11-23', '14:59'));
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.001193'), app.users['tuphap']),
    );
    expect(d.dossier.dueAt).toBe(vn('2026-11-23', '17:00'));
  });

  it('a 3-working-day dossier received just before Tết 2027 is due after the holiday', async () => {
    app = await startDemoDesk(vn('2027-02-03', '10:00'));
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.004873'), app.users['tuphap']),
    );
    const cal = await app.ok('motcua')('calendar.get', { year: 2027 });
    const off = new Set(cal.daysOff.map((x) => x.date));
    expect(off.has('2027-02-08')).toBe(true); // Tết: mùng 3
    // Wed 3 Feb received; working days after: Thu 4, then Tết, then the next two working days.
    const due = new Date(d.dossier.dueAt + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(due > '2027-02-10').toBe(true);
    expect(off.has(due)).toBe(false);
  });

  it('a double submit of the same request makes exactly one dossier', async () => {
    app = await startDemoDesk();
    const input = receiveInput(await procedureId(app, '1.001193'), app.users['tuphap']);
    const [a, b] = await Promise.all([
      app.ok('motcua')('dossiers.receive', input),
      app.ok('motcua')('dossiers.receive', input),
    ]);
    expect(a.dossier.id).toBe(b.dossier.id);
    expect((await app.ok('motcua')('dossiers.list', { status: 'all' })).total).toBe(1);
  });

  it('bad input gives a clear error and writes nothing', async () => {
    app = await startDemoDesk();
    const pid = await procedureId(app, '1.001193');
    const before = dumpDatabase(app.backend);
    const cases: [Parameters<typeof receiveInput>[2], string][] = [
      [
        {
          applicant: {
            fullName: 'Nguyễn Văn A',
            idKind: 'cccd',
            idNumber: '12345',
            address: '',
            phone: '',
            email: '',
          },
        },
        'Số căn cước/CCCD phải gồm đúng 12 chữ số',
      ],
      [
        { documents: [{ name: 'Tờ khai', kind: 'original', count: -1 }] },
        'Số lượng phải lớn hơn 0',
      ],
      [{ sets: 0 }, 'Số bộ hồ sơ phải lớn hơn 0'],
      [{ feeVnd: -2000 }, 'Phí, lệ phí không được âm'],
      [{ procedureId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' }, 'Thủ tục không tồn tại'],
      [{ assigneeId: app.users['chutich'] }, 'phải có vai trò phụ trách bước này'],
    ];
    for (const [over, message] of cases) {
      const r = await app.as('motcua')(
        'dossiers.receive',
        receiveInput(pid, app.users['tuphap'], over),
      );
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(`${r.error.message} ${(r.error.details ?? []).join(' ')}`).toContain(message);
    }
    const impossible = await app.as('motcua')('dossiers.list', { from: '2026-02-30' });
    expect(impossible.ok).toBe(false);
    expect(dumpDatabase(app.backend)).toBe(before);
  });
});

describe('processing', () => {
  it('forwards through every step as the right roles, returns, and classifies each step', async () => {
    app = await startDemoDesk(vn('2026-11-25', '08:00'));
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.001193'), app.users['tuphap']),
    );
    const ready = await forwardAll(d);
    expect(ready.dossier.status).toBe('ready');
    app.clock.now += 10 * 60_000;
    const done = await app.ok('motcua')('dossiers.return', {
      id: d.dossier.id,
      expectedStep: ready.dossier.currentStep,
      note: '',
    });
    expect(done.dossier.status).toBe('returned');
    expect(done.dossier.outcome).toBe('on_time');
    expect(done.steps.every((s) => s.finishedAt !== null && s.outcome !== null)).toBe(true);
    expect(done.events.map((e) => e.kind)).toContain('result_signed');
    const dash = await app.ok('motcua')('dashboard.get', {});
    expect(dash.month).toMatchObject({ resolved: 1, onTime: 1, rate: 1 });
  });

  it('judges each step against its own working hours: early, on time, late (exact times)', async () => {
    app = await startDemoDesk(vn('2026-11-25', '08:00'));
    // Xác nhận tình trạng hôn nhân: 3 working days; steps 1 h, 12 h, 4 h, 2 h, 1 h.
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.004873'), app.users['tuphap']),
    );
    expect(d.dossier.dueAt).toBe(vn('2026-11-30', '17:00'));
    const step = async (holder: string, to: string, time: string, cur: Detail) => {
      app.clock.now = vn(time.slice(0, 10), time.slice(11));
      await app.relogin(); // hours pass between steps: sessions time out
      return app.ok(holder)('dossiers.forward', {
        id: d.dossier.id,
        expectedStep: cur.dossier.currentStep,
        toUserId: app.users[to],
        note: '',
      });
    };
    // Specialist: 12 h from Wed 08:00, due Thu 14:30; done Thu 09:00, 3.5 working hours early.
    expect(d.steps[1].dueAt).toBe(vn('2026-11-26', '14:30'));
    const s2 = await step('tuphap', 'chutich', '2026-11-26 09:00', d);
    // Leader: 4 h from Thu 09:00, due 15:00; done 14:30, within the last hour.
    expect(s2.steps[2].dueAt).toBe(vn('2026-11-26', '15:00'));
    const s3 = await step('chutich', 'vanthu', '2026-11-26 14:30', s2);
    // Records clerk: 2 h from 14:30, due 16:30; done 16:45.
    const s4 = await step('vanthu', 'motcua', '2026-11-26 16:45', s3);
    app.clock.now = vn('2026-11-27', '08:00');
    await app.relogin();
    const done = await app.ok('motcua')('dossiers.return', {
      id: d.dossier.id,
      expectedStep: s4.dossier.currentStep,
      note: '',
    });
    expect(done.steps.map((s) => s.outcome)).toEqual([
      'on_time', // reception: 1 h, done at once with exactly one hour left
      'early',
      'on_time',
      'late',
      'on_time', // return: due Fri 08:15, done 08:00
    ]);
    expect(done.dossier.outcome).toBe('early');
  });

  it('refuses a forward by a role that does not own the step, and a stale step', async () => {
    app = await startDemoDesk();
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.001193'), app.users['tuphap']),
    );
    const before = dumpDatabase(app.backend);
    const byLeader = await app.as('chutich')('dossiers.forward', {
      id: d.dossier.id,
      expectedStep: 2,
      toUserId: app.users['chutich'],
      note: '',
    });
    expect(byLeader).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!byLeader.ok) expect(byLeader.error.message).toContain('Bạn không thể chuyển bước');
    const byClerk = await app.as('vanthu')('dossiers.forward', {
      id: d.dossier.id,
      expectedStep: 2,
      toUserId: app.users['chutich'],
      note: '',
    });
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stale = await app.as('tuphap')('dossiers.forward', {
      id: d.dossier.id,
      expectedStep: 1,
      toUserId: app.users['chutich'],
      note: '',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const wrongTarget = await app.as('tuphap')('dossiers.forward', {
      id: d.dossier.id,
      expectedStep: 2,
      toUserId: app.users['vanthu'],
      note: '',
    });
    expect(wrongTarget).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('a supplement pauses the clock: the appointment moves by the working time spent waiting', async () => {
    app = await startDemoDesk(vn('2026-11-25', '08:00'));
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.004873'), app.users['tuphap']),
    );
    const due = d.dossier.dueAt;
    const s = await app.ok('tuphap')('dossiers.requestSupplement', {
      id: d.dossier.id,
      expectedStep: 2,
      items: ['Bản sao giấy khai sinh'],
      reason: 'Thiếu giấy tờ',
    });
    expect(s.dossier.status).toBe('supplement');
    app.clock.now = vn('2026-11-26', '08:00');
    await app.relogin();
    const r = await app.ok('motcua')('dossiers.resumeSupplement', {
      id: d.dossier.id,
      expectedStep: 2,
      note: '',
    });
    expect(r.dossier.status).toBe('processing');
    // Due Mon 30/11 17:00; paused 7.5 working hours (08:00–17:00 less lunch, then 07:30–08:00).
    expect(due).toBe(vn('2026-11-30', '17:00'));
    expect(r.dossier.dueAt).toBe(vn('2026-12-01', '17:00'));
  });

  it('apology extends once, only before the due time; the outcome stays late', async () => {
    app = await startDemoDesk(vn('2026-11-25', '08:00'));
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.004873'), app.users['tuphap']),
    );
    const ext = await app.ok('tuphap')('dossiers.apologize', {
      id: d.dossier.id,
      expectedStep: 2,
      newDueDate: '2026-12-07',
      reason: 'Cần xác minh thêm',
    });
    expect(ext.dossier.extended).toBe(true);
    expect(ext.dossier.dueAt).toBe(vn('2026-12-07', '17:00'));
    expect(ext.actions).not.toContain('apologize');
    const again = await app.as('tuphap')('dossiers.apologize', {
      id: d.dossier.id,
      expectedStep: 2,
      newDueDate: '2026-12-08',
      reason: 'Lần hai',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    app.clock.now = vn('2026-12-04', '09:00');
    await app.relogin();
    const ready = await forwardAll(ext);
    const done = await app.ok('motcua')('dossiers.return', {
      id: d.dossier.id,
      expectedStep: ready.dossier.currentStep,
      note: '',
    });
    expect(done.dossier.outcome).toBe('late');
  });

  it('refuse and stop end the dossier; the leader signs a stop', async () => {
    app = await startDemoDesk();
    const pid = await procedureId(app, '1.004873');
    const a = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    const refused = await app.ok('tuphap')('dossiers.refuse', {
      id: a.dossier.id,
      expectedStep: 2,
      reason: 'Không thuộc thẩm quyền',
    });
    expect(refused.dossier.status).toBe('refused');
    expect(refused.actions).toEqual([]);
    const b = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    expect(
      await app.as('tuphap')('dossiers.stop', { id: b.dossier.id, expectedStep: 2, reason: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stopped = await app.ok('chutich')('dossiers.stop', {
      id: b.dossier.id,
      expectedStep: 2,
      reason: 'Người nộp rút hồ sơ',
    });
    expect(stopped.dossier.status).toBe('stopped');
    const form = await app.ok('chutich')('forms.render', { dossierId: b.dossier.id, kind: 'stop' });
    expect(form.html).toContain('Người nộp rút hồ sơ');
  });
});

describe('finding dossiers', () => {
  it('finds by any part of the dossier code and by the start of the ID number', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const pid = await procedureId(app, '1.001193');
    const first = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap'], {
        applicant: {
          fullName: 'Lò Văn Pả',
          idKind: 'cccd',
          idNumber: '025190001234',
          address: '',
          phone: '',
          email: '',
        },
      }),
    );
    const second = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap']),
    );
    expect(first.dossier.code).toBe('000.00.12.H56-261123-0001');
    expect(second.dossier.code).toBe('000.00.12.H56-261123-0002');
    const codes = async (query: string) =>
      (await app.ok('motcua')('dossiers.list', { query })).rows.map((r) => r.code).sort();
    expect(await codes('0002')).toEqual([second.dossier.code]);
    expect(await codes('H56-261123')).toEqual([first.dossier.code, second.dossier.code]);
    expect(await codes('h56-261123-0001')).toEqual([first.dossier.code]);
    expect(await codes('12.H56')).toEqual([first.dossier.code, second.dossier.code]);
    expect(await codes('025190')).toEqual([first.dossier.code]);
    expect(await codes('261124')).toEqual([]);
    expect(await codes('0003')).toEqual([]);
  });

  it('finds "Nguyễn Văn Đức" by "nguyen van duc", by code prefix and by ID number', async () => {
    app = await startDemoDesk();
    const pid = await procedureId(app, '1.001193');
    const duc = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap'], {
        applicant: {
          fullName: 'Trần Thị Lan',
          idKind: 'cmnd',
          idNumber: '123456789',
          address: '',
          phone: '',
          email: '',
        },
      }),
    );
    for (const query of [
      'nguyen van duc',
      'Nguyễn Văn Đức',
      'NGUYEN duc',
      'đức',
      duc.dossier.code,
      '001099012345',
      '0010990',
    ]) {
      const r = await app.ok('motcua')('dossiers.list', { query });
      expect(
        r.rows.map((x) => x.applicantName),
        query,
      ).toEqual(['Nguyễn Văn Đức']);
    }
    expect(
      (await app.ok('motcua')('dossiers.list', { query: 'lan' })).rows.map((x) => x.applicantName),
    ).toEqual(['Trần Thị Lan']);
    expect((await app.ok('motcua')('dossiers.list', { query: 'khong co ai' })).total).toBe(0);
    expect((await app.ok('tuphap')('dossiers.list', { mine: true })).total).toBe(2);
    expect((await app.ok('motcua')('dossiers.list', { mine: true })).total).toBe(0);
  });

  it('receipt and control slip carry the names, codes and times', async () => {
    app = await startDemoDesk(vn('2026-11-23', '15:30'));
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.001193'), app.users['tuphap']),
    );
    const receipt = await app.ok('motcua')('forms.render', {
      dossierId: d.dossier.id,
      kind: 'receipt',
    });
    for (const s of [
      d.dossier.code,
      'Nguyễn Văn Đức',
      '15:30',
      '23/11/2026',
      '17:00',
      '25/11/2026',
      'Phạm Thị Hoa',
    ])
      expect(receipt.html).toContain(s);
    const slip = await app.ok('motcua')('forms.render', {
      dossierId: d.dossier.id,
      kind: 'control_slip',
    });
    for (const s of [d.dossier.code, 'Phạm Thị Hoa', 'Hoàng Văn Đức'])
      expect(slip.html).toContain(s);
    const book = await app.ok('motcua')('book.get', { from: '2026-11-01', to: '2026-11-30' });
    expect(book.rows).toBe(1);
    expect(book.html).toContain(d.dossier.code);
  });
});

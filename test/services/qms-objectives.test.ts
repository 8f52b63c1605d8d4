// Quality objectives in services: a measurement keeps its value and window (more dossiers later
// never change it; a new measurement differs), the satisfaction figure reads the ratings taken
// on return, a missed objective is concluded and opens a linked nonconformity in one click,
// and bad input (a 140 % target, a window not yet over, a hand value for a computed indicator)
// is refused in Vietnamese with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import {
  forwardAllSteps,
  procedureId,
  receiveInput,
  returnedLateDossier,
  startDemoDesk,
  vn,
  type DeskApp,
} from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

async function returnedOnTime(level: string) {
  const pid = await procedureId(app, '1.001193');
  const d = await app.ok('motcua')(
    'dossiers.receive',
    receiveInput(pid, app.users['tuphap'] ?? ''),
  );
  const ready = await forwardAllSteps(app, d, 5);
  return app.ok('motcua')('dossiers.return', {
    id: ready.dossier.id,
    expectedStep: ready.dossier.currentStep,
    rating: { level },
  });
}

const PLAN = {
  what: 'Kiểm soát hồ sơ sắp đến hạn hằng ngày',
  resources: 'Phần mềm ISO Xã',
  who: 'Công chức Một cửa',
  when: 'Cả năm',
  evaluation: 'Đo lường hằng quý',
};

async function objective(indicator: string, target = 95) {
  return app.ok('thuky')('objectives.create', {
    year: 2026,
    statement: `Mục tiêu ${indicator}`,
    indicator: indicator as 'on_time_rate',
    target,
    plan: PLAN,
    frequency: 'quarterly',
  });
}

const row = async (id: string) =>
  (await app.ok('thuky')('objectives.list', { year: 2026 })).rows.find((r) => r.record.id === id)!;

describe('objectives and their measurements', () => {
  it('a recorded measurement never changes; a new one sees the new data', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    await returnedOnTime('satisfied');
    const onTime = await objective('on_time_rate');
    const satisfaction = await objective('satisfaction_rate', 90);
    expect(onTime.code).toBe('MT-2026-001');
    const first = await app.ok('thuky')('objectives.measure', {
      objectiveId: onTime.id,
      from: '2026-11-01',
      to: '2026-11-23',
      label: 'Tháng 11/2026 (đến 23/11)',
    });
    expect(first).toMatchObject({ value: 100, numerator: 1, denominator: 1, met: true });
    const sat = await app.ok('thuky')('objectives.measure', {
      objectiveId: satisfaction.id,
      from: '2026-11-01',
      to: '2026-11-23',
      label: 'Tháng 11/2026',
    });
    expect(sat).toMatchObject({ value: 100, numerator: 1, denominator: 1 });

    await returnedLateDossier(app); // returned 25/11, late
    const second = await app.ok('thuky')('objectives.measure', {
      objectiveId: onTime.id,
      from: '2026-11-01',
      to: '2026-11-25',
      label: 'Tháng 11/2026 (đến 25/11)',
    });
    expect(second).toMatchObject({ value: 50, numerator: 1, denominator: 2, met: false });
    const listed = await row(onTime.id);
    expect(listed.measurements.map((m) => [m.label, m.value, m.from, m.to, m.measuredOn])).toEqual([
      ['Tháng 11/2026 (đến 23/11)', 100, '2026-11-01', '2026-11-23', '2026-11-23'],
      ['Tháng 11/2026 (đến 25/11)', 50, '2026-11-01', '2026-11-25', '2026-11-25'],
    ]);
    expect(listed.met).toBe(false);
    expect(listed.record.dueDate).toBe('2026-12-31');
  });

  it('every objective computed at once matches each computed alone', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    await returnedOnTime('unsatisfied');
    await returnedOnTime('satisfied');
    await returnedLateDossier(app);
    const keys = [
      'on_time_rate',
      'online_share',
      'satisfaction_rate',
      'qd766_ratio',
      'feedback_on_time',
      'nc_closed_on_time',
      'procedures_reviewed',
    ];
    const made = [];
    for (const key of keys) made.push(await objective(key, 50));
    await objective('manual');
    for (const [from, to] of [
      ['2026-01-01', '2026-11-25'],
      ['2026-11-24', '2026-11-25'],
    ] as const) {
      const all = await app.ok('thuky')('objectives.computeAll', { year: 2026, from, to });
      const alone = [];
      for (const o of made)
        alone.push({
          objectiveId: o.id,
          ...(await app.ok('thuky')('objectives.compute', { objectiveId: o.id, from, to })),
        });
      expect(all.rows).toEqual(alone);
    }
    const whole = await app.ok('thuky')('objectives.computeAll', {
      year: 2026,
      from: '2026-01-01',
      to: '2026-11-25',
    });
    expect(whole.rows[0]).toMatchObject({ numerator: 2, denominator: 3 });
    expect(whole.rows[2]).toMatchObject({ numerator: 1, denominator: 2 });
    const backwards = await app.as('thuky')('objectives.computeAll', {
      year: 2026,
      from: '2026-11-25',
      to: '2026-11-01',
    });
    expect(backwards.ok === false && backwards.error.message).toBe(
      'Đến ngày không được trước từ ngày.',
    );
  });

  it('a missed objective is concluded so and opens a linked nonconformity', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    await returnedOnTime('unsatisfied');
    const sat = await objective('satisfaction_rate', 90);
    await app.ok('thuky')('objectives.measure', {
      objectiveId: sat.id,
      from: '2026-01-01',
      to: '2026-11-23',
      label: 'Năm 2026 (đến 23/11)',
    });
    const rec = (await row(sat.id)).record;
    const wrong = await app.as('thuky')('qms.transition', {
      id: sat.id,
      transition: 'conclude_met',
      rev: rec.rev,
    });
    expect(wrong.ok === false && wrong.error.message).toBe(
      'Kết quả đo lường gần nhất chưa đạt chỉ tiêu, không thể kết luận "đạt".',
    );
    await app.ok('thuky')('qms.transition', {
      id: sat.id,
      transition: 'conclude_missed',
      rev: rec.rev,
      comment: 'Người dân chưa hài lòng về thời gian chờ',
    });
    const list = await app.ok('thuky')('objectives.list', { year: 2026 });
    expect([list.met, list.missed, list.pending]).toEqual([0, 1, 0]);
    const draft = await app.ok('thuky')('nonconformities.draft', {
      sourceKind: 'objective',
      sourceId: sat.id,
    });
    expect(draft).toMatchObject({
      source: 'missed_objective',
      sourceLabel: 'Mục tiêu MT-2026-001',
    });
    expect(draft.description).toContain('chỉ tiêu đạt ít nhất 90 %, kết quả 0 %');
    const { sourceLabel, ...fields } = draft;
    expect(sourceLabel).toBe('Mục tiêu MT-2026-001');
    const nc = await app.ok('thuky')('nonconformities.create', fields);
    const linked = await app.ok('thuky')('nonconformities.list', {
      sourceKind: 'objective',
      sourceId: sat.id,
    });
    expect(linked.rows.map((r) => [r.id, r.sourceLabel])).toEqual([
      [nc.id, 'Mục tiêu chất lượng không đạt'],
    ]);
  });

  it('refuses bad input in Vietnamese, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    const ok = await objective('on_time_rate');
    const manual = await app.ok('thuky')('objectives.create', {
      year: 2026,
      statement: 'Tập huấn nghiệp vụ cho công chức',
      indicator: 'manual',
      unit: 'lớp',
      target: 2,
      plan: PLAN,
      frequency: 'yearly',
    });
    const before = dumpDatabase(app.backend);
    const high = await app.as('thuky')('objectives.create', {
      year: 2026,
      statement: 'Quá cao',
      indicator: 'on_time_rate',
      target: 140,
      plan: PLAN,
      frequency: 'yearly',
    });
    expect(high.ok === false && high.error.message).toBe(
      'Chỉ tiêu tính theo phần trăm phải từ 0 đến 100 %.',
    );
    const future = await app.as('thuky')('objectives.measure', {
      objectiveId: ok.id,
      from: '2026-10-01',
      to: '2026-12-31',
      label: 'Quý IV/2026',
    });
    expect(future.ok === false && future.error.message).toBe(
      'Kỳ đo lường chưa kết thúc: chỉ đo đến hết ngày hôm nay.',
    );
    const typed = await app.as('thuky')('objectives.measure', {
      objectiveId: ok.id,
      from: '2026-10-01',
      to: '2026-11-23',
      label: 'Quý IV/2026',
      value: 99,
    });
    expect(typed.ok === false && typed.error.message).toBe(
      'Chỉ số này được tính tự động, không nhập tay.',
    );
    const noValue = await app.as('thuky')('objectives.measure', {
      objectiveId: manual.id,
      from: '2026-01-01',
      to: '2026-11-23',
      label: 'Năm 2026',
    });
    expect(noValue.ok === false && noValue.error.message).toBe('Phải nhập kết quả đo lường.');
    const byDesk = await app.as('motcua')('objectives.create', {
      year: 2026,
      statement: 'x',
      indicator: 'on_time_rate',
      target: 90,
      plan: PLAN,
      frequency: 'yearly',
    });
    expect(byDesk.ok === false && byDesk.error.code).toBe('FORBIDDEN');
    expect(dumpDatabase(app.backend)).toBe(before);
  });
});

// Each computed indicator on hand-made data with known answers: an empty period, a dossier
// returned late after a supplement, a refused dossier, by field and by procedure, the QĐ 766
// ratio counting a dossier once; and objectives: periods, targets, conclusions.
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import {
  computeIndicator,
  feedbackOnTime,
  meetsTarget,
  ncClosedOnTime,
  onlineShare,
  onTimeRate,
  proceduresReviewed,
  qd766Ratio,
  satisfactionRate,
  tally,
  type DossierFact,
  type IndicatorFacts,
} from '../../../core/qms/indicators';
import { objectiveData, objectiveKind, periodsOf } from '../../../core/qms/objective';
import { actor, record } from './support';

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const Q2 = { from: '2026-04-01', to: '2026-06-30' };

const d = (id: string, over: Partial<DossierFact>): DossierFact => ({
  id,
  procedureId: 'khai-sinh',
  field: 'Hộ tịch',
  channel: 'direct',
  receivedOn: '2026-02-02',
  resolvedOn: '2026-02-02',
  outcome: 'on_time',
  ...over,
});

const facts: IndicatorFacts = {
  dossiers: [
    d('a', { outcome: 'early', channel: 'online' }),
    d('b', {}),
    // Supplement requested, clock restarted, still returned after the original appointment.
    d('c', { receivedOn: '2026-02-10', resolvedOn: '2026-03-05', outcome: 'late' }),
    // Refused at the counter: no result came back, no outcome.
    d('r', { receivedOn: '2026-03-02', resolvedOn: '2026-03-02', outcome: null }),
    d('x', { procedureId: 'dat-dai', field: 'Đất đai', outcome: 'late', channel: 'online' }),
    // Still open at the end of the quarter.
    d('o', { receivedOn: '2026-03-30', resolvedOn: null, outcome: null }),
  ],
  ratings: [
    { dossierId: 'a', satisfied: true, returnedOn: '2026-02-02' },
    { dossierId: 'b', satisfied: false, returnedOn: '2026-02-02' },
    { dossierId: 'c', satisfied: false, returnedOn: '2026-03-05' },
  ],
  feedback: [
    // About dossier a: the QĐ 766 ratio counts it; answered on time.
    {
      dossierId: 'a',
      receivedOn: '2026-02-03',
      deadline: '2026-02-17',
      answeredOn: '2026-02-10',
      cancelled: false,
    },
    // Answered late.
    {
      dossierId: null,
      receivedOn: '2026-03-02',
      deadline: '2026-03-16',
      answeredOn: '2026-03-20',
      cancelled: false,
    },
    // Due after "today": not counted yet.
    {
      dossierId: null,
      receivedOn: '2026-03-25',
      deadline: '2026-03-31',
      answeredOn: null,
      cancelled: false,
    },
    {
      dossierId: 'x',
      receivedOn: '2026-02-03',
      deadline: '2026-02-17',
      answeredOn: null,
      cancelled: true,
    },
  ],
  nonconformities: [
    { detectedOn: '2026-01-05', deadline: '2026-02-05', closedOn: '2026-02-01', cancelled: false },
    { detectedOn: '2026-01-05', deadline: '2026-02-05', closedOn: null, cancelled: false },
    { detectedOn: '2026-01-05', deadline: '2026-02-05', closedOn: null, cancelled: true },
  ],
  procedureDocs: [
    { reviewedOn: ['2026-02-01'] },
    { reviewedOn: ['2025-06-01'] },
    { reviewedOn: [] },
  ],
};
const ASOF = '2026-03-28';

describe('computed indicators', () => {
  it('on-time rate: early and on time over resolved; late after a supplement counts late; refused and open do not count', () => {
    expect(onTimeRate(facts, Q1)).toEqual({ value: 50, numerator: 2, denominator: 4 });
    expect(onTimeRate(facts, Q1, { field: 'Hộ tịch' })).toEqual({
      value: 66.7,
      numerator: 2,
      denominator: 3,
    });
    expect(onTimeRate(facts, Q1, { procedureId: 'dat-dai' })).toEqual({
      value: 0,
      numerator: 0,
      denominator: 1,
    });
  });

  it('an empty period measures nothing (null), never 0 % or 100 %', () => {
    for (const key of [
      'on_time_rate',
      'online_share',
      'satisfaction_rate',
      'qd766_ratio',
      'feedback_on_time',
      'nc_closed_on_time',
    ] as const)
      expect(computeIndicator(key, facts, Q2, '2026-07-01').value).toBeNull();
  });

  it('online share of received, satisfaction of rated', () => {
    expect(onlineShare(facts, Q1)).toEqual({ value: 33.3, numerator: 2, denominator: 6 });
    expect(satisfactionRate(facts, Q1)).toEqual({ value: 33.3, numerator: 1, denominator: 3 });
  });

  it('QĐ 766: resolved minus unsatisfied, complained about or late, each dossier once', () => {
    // Resolved a, b, c, x: a complained about, b unsatisfied, c late and unsatisfied, x late
    // (its feedback was cancelled, so only lateness counts) → 0 of 4.
    expect(qd766Ratio(facts, Q1)).toEqual({ value: 0, numerator: 0, denominator: 4 });
    const calm = { ...facts, feedback: [], ratings: [] };
    expect(qd766Ratio(calm, Q1)).toEqual({ value: 50, numerator: 2, denominator: 4 });
  });

  it('feedback answered and nonconformities closed by their deadline, among those due', () => {
    expect(feedbackOnTime(facts, Q1, ASOF)).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(ncClosedOnTime(facts, Q1, ASOF)).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(proceduresReviewed(facts, { from: '2026-01-01', to: '2026-12-31' })).toEqual({
      value: 33.3,
      numerator: 1,
      denominator: 3,
    });
  });

  it('counts a window into the tally every indicator is defined on', () => {
    const t = tally(facts, Q1);
    expect(t.dossiers).toEqual([
      // a, b, c, the refused r and the open o received; a, b and c came back, c late.
      {
        procedureId: 'khai-sinh',
        field: 'Hộ tịch',
        received: 5,
        receivedOnline: 1,
        resolved: 3,
        late: 1,
      },
      {
        procedureId: 'dat-dai',
        field: 'Đất đai',
        received: 1,
        receivedOnline: 1,
        resolved: 1,
        late: 1,
      },
    ]);
    // Not late yet against QĐ 766: a (complained about) and b (unsatisfied); c is late already.
    expect(t.unhappy).toBe(2);
    expect(t.ratings).toEqual({ rated: 3, satisfied: 1 });
    expect(t.feedback).toHaveLength(3);
    expect(t.nonconformities).toHaveLength(2);
    expect(tally(facts, Q2)).toMatchObject({ dossiers: [], unhappy: 0, feedback: [] });
  });

  it('a target is a floor, or a ceiling when it says "no more than"', () => {
    expect(meetsTarget(95, 95)).toBe(true);
    expect(meetsTarget(94.9, 95)).toBe(false);
    expect(meetsTarget(3, 5, true)).toBe(true);
    expect(meetsTarget(null, 95)).toBeNull();
  });
});

const objective = (over: object = {}) =>
  objectiveData.parse({
    year: 2026,
    statement: '100 % hồ sơ giải quyết đúng hạn',
    indicator: 'on_time_rate',
    target: 95,
    frequency: 'quarterly',
    ...over,
  });

describe('objectives', () => {
  it('refuses a percentage target above 100 and a computed indicator in another unit', () => {
    const high = objectiveData.safeParse({ ...objective(), target: 140 });
    expect(!high.success && high.error.issues[0]?.message).toBe(
      'Chỉ tiêu tính theo phần trăm phải từ 0 đến 100 %.',
    );
    const unit = objectiveData.safeParse({ ...objective(), unit: 'ngày', target: 3 });
    expect(!unit.success && unit.error.issues[0]?.message).toBe(
      'Chỉ số tính tự động được đo bằng phần trăm.',
    );
    expect(
      objectiveData.safeParse({ ...objective(), indicator: 'manual', unit: 'lớp', target: 4 })
        .success,
    ).toBe(true);
  });

  it('has the periods of its frequency', () => {
    expect(periodsOf(2026, 'quarterly').map((p) => [p.label, p.from, p.to])).toEqual([
      ['Quý I/2026', '2026-01-01', '2026-03-31'],
      ['Quý II/2026', '2026-04-01', '2026-06-30'],
      ['Quý III/2026', '2026-07-01', '2026-09-30'],
      ['Quý IV/2026', '2026-10-01', '2026-12-31'],
    ]);
    expect(periodsOf(2028, 'monthly')[1]).toEqual({
      label: 'Tháng 2/2028',
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(periodsOf(2026, 'yearly')).toEqual([
      { label: 'Năm 2026', from: '2026-01-01', to: '2026-12-31' },
    ]);
  });

  it('is concluded met or missed only as its last measurement says, by a manager', () => {
    const iso = actor('iso', 'iso_coordinator');
    const at = (lastValue: number | null, who = iso, name = 'conclude_met') =>
      checkTransition(objectiveKind, name, {
        record: record('objective', 'active', objective({ lastValue })),
        actor: who,
        input: {},
        today: '2026-12-31',
      });
    expect(at(96)).toMatchObject({ ok: true, to: 'met' });
    expect(at(90, iso, 'conclude_missed')).toMatchObject({ ok: true, to: 'missed' });
    const wrong = at(90);
    expect(!wrong.ok && wrong.failure.message).toBe(
      'Kết quả đo lường gần nhất chưa đạt chỉ tiêu, không thể kết luận "đạt".',
    );
    const none = at(null, iso, 'conclude_missed');
    expect(!none.ok && none.failure.message).toBe(
      'Chưa có kết quả đo lường nào để kết luận mục tiêu.',
    );
    const desk = at(96, actor('desk', 'desk_officer'));
    expect(!desk.ok && desk.failure.code).toBe('FORBIDDEN');
  });
});

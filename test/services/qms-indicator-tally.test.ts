// The indicators' fast path: the tally of a window counted in SQL (services loadTally) is the
// tally core defines on the per-dossier facts (core tally of loadFacts), and every computed
// indicator gives the same figure either way, on a hand-made office: on time, online, a
// dossier returned late after a supplement, a refused one, one still open, satisfied and
// unsatisfied ratings, feedback about a dossier (answered, and one cancelled), feedback about
// none; over its month, a part of it, ten years and an empty period.
import { afterEach, describe, expect, it } from 'vitest';
import {
  computeIndicator,
  indicatorOf,
  INDICATOR_KEYS,
  tally,
  type ComputedKey,
  type IndicatorScope,
  type Tally,
  type Window,
} from '../../core/qms/indicators';
import type { Ctx } from '../../services/context';
import { loadFacts, loadTally } from '../../services/qms/indicator-facts';
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

type Detail = Awaited<ReturnType<ReturnType<DeskApp['ok']>>>;

async function at(date: string, time = '08:00') {
  app.clock.now = vn(date, time);
  await app.relogin();
}

/** Received now on `code`, handed on to the end and returned (with a rating when given). */
async function returned(code: string, over: { channel?: 'online'; level?: string } = {}) {
  const pid = await procedureId(app, code);
  const d = await app.ok('motcua')(
    'dossiers.receive',
    receiveInput(pid, app.users['tuphap'] ?? '', over.channel ? { channel: over.channel } : {}),
  );
  const ready = await forwardAllSteps(app, d, 5);
  return app.ok('motcua')('dossiers.return', {
    id: d.dossier.id,
    expectedStep: ready.dossier.currentStep,
    ...(over.level ? { rating: { level: over.level } } : {}),
  });
}

async function feedbackAbout(dossier: Detail | null, receivedOn: string) {
  return app.ok('motcua')('feedback.create', {
    type: 'feedback',
    channel: 'phone',
    receivedOn,
    content: 'Hồ sơ trả chậm, cán bộ hướng dẫn chưa rõ',
    dossierCode: dossier ? (dossier as { dossier: { code: string } }).dossier.code : '',
    ownerId: app.users['tuphap'] ?? '',
    handlingDays: 5,
  });
}

async function transition(id: string, name: string, extra: object) {
  const rec = await app.ok('thuky')('qms.get', { id });
  return app.ok('thuky')('qms.transition', { id, transition: name, rev: rec.rev, ...extra });
}

/** The hand-made office: November 2026. */
async function handMadeOffice() {
  app = await startDemoDesk(vn('2026-11-02', '08:00'));
  await returned('1.001193', { level: 'satisfied' });
  await returned('1.001193', { channel: 'online', level: 'unsatisfied' });
  // Received, supplement requested and brought in three days later, returned late: unhappy too
  // (it counts once against the QĐ 766 ratio).
  const pid = await procedureId(app, '1.004873');
  const receive = () =>
    app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap'] ?? ''));
  const c = await receive();
  await app.ok('tuphap')('dossiers.requestSupplement', {
    id: c.dossier.id,
    expectedStep: 2,
    items: ['Bản sao giấy khai sinh'],
    reason: 'Thiếu giấy tờ',
  });
  await at('2026-11-03');
  const refused = await receive();
  await app.ok('tuphap')('dossiers.refuse', {
    id: refused.dossier.id,
    expectedStep: 2,
    reason: 'Không thuộc thẩm quyền',
  });
  await at('2026-11-05');
  const resumed = await app.ok('motcua')('dossiers.resumeSupplement', {
    id: c.dossier.id,
    expectedStep: 2,
    note: '',
  });
  const complained = await returned('1.001193');
  const calm = await returned('1.001193');
  await at('2026-11-20');
  const ready = await forwardAllSteps(app, resumed, 5);
  const late = await app.ok('motcua')('dossiers.return', {
    id: c.dossier.id,
    expectedStep: ready.dossier.currentStep,
    rating: { level: 'unsatisfied' },
  });
  expect(late.dossier.outcome).toBe('late');
  // Still open at the end of the month.
  await receive();
  const about = await feedbackAbout(complained, '2026-11-20');
  const cancelled = await feedbackAbout(calm, '2026-11-20');
  await feedbackAbout(null, '2026-11-20');
  await at('2026-11-23');
  await transition(about.id, 'answer', { comment: 'Đã giải thích', date: '2026-11-23' });
  await transition(cancelled.id, 'cancel', { comment: 'Nhập trùng' });
  await at('2026-11-30', '16:00');
}

const ctxOf = (a: DeskApp) => ({ conn: { sqlite: a.backend.database() } }) as Pick<Ctx, 'conn'>;

/** A tally in a comparable order. */
const sorted = (t: Tally) => ({
  ...t,
  dossiers: [...t.dossiers].sort((a, b) => a.procedureId.localeCompare(b.procedureId)),
  feedback: [...t.feedback].sort((a, b) => a.deadline.localeCompare(b.deadline)),
  nonconformities: [...t.nonconformities].sort((a, b) => a.deadline.localeCompare(b.deadline)),
});

const COMPUTED = INDICATOR_KEYS.filter((k): k is ComputedKey => k !== 'manual');
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const WINDOWS: Window[] = [
  NOVEMBER,
  { from: '2026-11-02', to: '2026-11-05' },
  { from: '2017-01-01', to: '2026-11-30' },
  { from: '2026-07-01', to: '2026-07-31' },
];

describe('the indicators counted in SQL', () => {
  it('are the tally core defines on the per-dossier facts, and give the same figures', async () => {
    await handMadeOffice();
    const ctx = ctxOf(app);
    const asOf = '2026-11-30';
    for (const w of WINDOWS) {
      const fast = loadTally(ctx, w);
      const facts = loadFacts(ctx, w);
      expect(sorted(fast), `${w.from} → ${w.to}`).toEqual(sorted(tally(facts, w)));
      const scopes: IndicatorScope[] = [
        {},
        ...fast.dossiers.map((c) => ({ procedureId: c.procedureId })),
        ...fast.dossiers.map((c) => ({ field: c.field })),
      ];
      for (const key of COMPUTED)
        for (const scope of scopes)
          expect(indicatorOf(key, fast, asOf, scope)).toEqual(
            computeIndicator(key, facts, w, asOf, scope),
          );
    }

    // The month by hand: 7 received (1 online), 5 resolved (the refused one has no outcome, one
    // is still open), 1 late; rated 3, 1 satisfied; QĐ 766: the late one, the unsatisfied one
    // and the one complained about count against (the cancelled complaint does not): 2 of 5.
    const november = loadTally(ctx, NOVEMBER);
    const figure = (key: ComputedKey) => indicatorOf(key, november, asOf);
    expect(figure('on_time_rate')).toEqual({ value: 80, numerator: 4, denominator: 5 });
    expect(figure('online_share')).toEqual({ value: 14.3, numerator: 1, denominator: 7 });
    expect(figure('satisfaction_rate')).toEqual({ value: 33.3, numerator: 1, denominator: 3 });
    expect(figure('qd766_ratio')).toEqual({ value: 40, numerator: 2, denominator: 5 });
    // Two entries due in the month, not cancelled: one answered in time, one not yet due.
    expect(november.feedback).toHaveLength(2);
    expect(figure('feedback_on_time')).toEqual({ value: 100, numerator: 1, denominator: 1 });

    // An empty period measures nothing.
    const july = loadTally(ctx, { from: '2026-07-01', to: '2026-07-31' });
    expect(july.dossiers).toEqual([]);
    for (const key of COMPUTED.filter((k) => k !== 'procedures_reviewed'))
      expect(indicatorOf(key, july, asOf).value).toBeNull();
  });
});

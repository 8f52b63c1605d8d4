// The lived-in demo office (setup.demo with history): months of dossiers in every state and a
// quality-system year, made through the operations' handlers in time order, so the dashboard,
// the tracking book, the lists and every role's "Việc cần làm" show what they are for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateOf } from '../../core/calendar/civil-time';
import { DEMO_HISTORY_DAYS } from '../../services/foundation/demo/office';
import { startDemoDesk, vn, type DeskApp } from '../support/desk';
import { sqlOf } from '../support/sql';

/** A Wednesday afternoon. */
const NOW = vn('2026-11-25', '15:00');
const DAY_MS = 86_400_000;

let app: DeskApp;
let seedMs = 0;
const { all, one } = sqlOf(() => app);

beforeAll(async () => {
  const t0 = performance.now();
  app = await startDemoDesk(NOW, {}, { history: true });
  seedMs = performance.now() - t0;
  console.log(`[demo-office] setup.demo with history: ${(seedMs / 1000).toFixed(2)} s`);
}, 120_000);
afterAll(() => app.close());

describe('the lived-in demo office', () => {
  it('holds months of dossiers in every state, none after now', () => {
    const count = (where: string) => one<number>(`SELECT count(*) FROM dossiers WHERE ${where}`);
    expect(count('1')).toBeGreaterThan(150);
    for (const status of ['processing', 'ready', 'supplement', 'returned', 'refused', 'stopped'])
      expect(count(`status = '${status}'`), status).toBeGreaterThan(0);
    for (const outcome of ['early', 'on_time', 'late'])
      expect(count(`outcome = '${outcome}'`), outcome).toBeGreaterThan(0);
    // Open at several steps of the procedure, extended with an apology, resumed after a supplement.
    expect(
      one<number>(
        "SELECT count(DISTINCT current_step) FROM dossiers WHERE status IN ('processing', 'ready')",
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(count("extended = 1 AND status = 'processing'")).toBeGreaterThan(0);
    expect(count("extended = 1 AND status = 'returned'")).toBeGreaterThan(0);
    expect(
      one<number>("SELECT count(*) FROM dossier_events WHERE kind = 'supplement_received'"),
    ).toBeGreaterThan(0);
    expect(one<number>('SELECT min(received_at) FROM dossiers')).toBeGreaterThan(
      NOW - DEMO_HISTORY_DAYS * DAY_MS,
    );
    const months = new Set(
      all<{ at: number }>('SELECT received_at AS at FROM dossiers').map((r) =>
        civilDateOf(r.at).slice(0, 7),
      ),
    );
    expect(months.size).toBeGreaterThanOrEqual(4);
    for (const [table, column] of [
      ['dossiers', 'updated_at'],
      ['dossier_steps', 'finished_at'],
      ['dossier_events', 'at'],
      ['audit_log', 'at'],
      ['qms_history', 'at'],
      ['outbox', 'created_at'],
    ] as const)
      expect(one<number>(`SELECT count(*) FROM ${table} WHERE ${column} > ?`, NOW), table).toBe(0);
  });

  it('was written by the handlers in time order: audit chain, codes, book lines, outbox', async () => {
    // Every audit row follows the one before it in time, and the chain is whole.
    const times = all<{ at: number }>('SELECT at FROM audit_log ORDER BY seq').map((r) => r.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await app.ok('admin')('audit.verify', { fresh: true })).toMatchObject({ broken: null });
    // Each dossier: its receive audit row at its reception, its sync snapshot queued.
    expect(
      one<number>(
        "SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = d.id AND a.operation = 'dossiers.receive' AND a.at = d.received_at)",
      ),
    ).toBe(0);
    expect(
      one<number>(
        "SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'dossier' AND o.entity_id = d.id)",
      ),
    ).toBe(0);
    // Book lines and the day's code sequence follow the order of reception.
    const rows = all<{ code: string; at: number; line: number }>(
      'SELECT code, received_at AS at, book_line AS line FROM dossiers ORDER BY received_at',
    );
    expect(rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 1));
    const perDay = new Map<string, number[]>();
    for (const r of rows)
      perDay.set(civilDateOf(r.at), [
        ...(perDay.get(civilDateOf(r.at)) ?? []),
        Number(r.code.slice(-4)),
      ]);
    for (const seqs of perDay.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('fills the dashboard and the tracking book: received and due today, overdue, by month', async () => {
    const dash = await app.ok('motcua')('dashboard.get', {});
    expect(dash.today).toBe('2026-11-25');
    expect(dash.receivedToday).toBeGreaterThan(0);
    expect(dash.dueToday).toBeGreaterThan(0);
    expect(dash.overdue).toBeGreaterThan(0);
    expect(dash.open).toBeGreaterThan(dash.overdue);
    expect(dash.byMonth.length).toBeGreaterThanOrEqual(4);
    expect(dash.year.rate).toBeGreaterThan(0.75);
    expect(dash.year.rate).toBeLessThan(1);
    expect(dash.byProcedure.length).toBeGreaterThan(8);
    const book = await app.ok('motcua')('book.get', { from: '2026-11-01', to: '2026-11-30' });
    expect(book.rows).toBe(
      one<number>(
        'SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at <= ?',
        vn('2026-11-01', '00:00'),
        NOW,
      ),
    );
    expect(book.rows).toBeGreaterThan(40);
    const overdue = await app.ok('motcua')('dossiers.list', { status: 'overdue' });
    expect(overdue.total).toBe(dash.overdue);
  });

  it('gives every role something in Việc cần làm: dossier steps, reviews, approvals, nonconformities, feedback', async () => {
    const tasks = async (user: string) => (await app.ok(user)('qms.inbox', {})).items;
    const specialist = await tasks('tuphap');
    const steps = specialist.filter((i) => i.source === 'dossier_step');
    expect(steps.some((i) => i.overdue)).toBe(true);
    expect(
      steps.some((i) => !i.overdue && i.dueAt !== null && civilDateOf(i.dueAt) === '2026-11-25'),
    ).toBe(true);
    expect((await tasks('thuky')).map((i) => i.task)).toEqual(
      expect.arrayContaining(['Xem xét tài liệu', 'Phân tích nguyên nhân sự không phù hợp']),
    );
    expect((await tasks('chutich')).map((i) => i.task)).toContain(
      'Phê duyệt kế hoạch đánh giá nội bộ',
    );
    expect((await tasks('vanthu')).map((i) => i.task)).toContain('Trả lời phản ánh, kiến nghị');
    expect((await tasks('motcua')).some((i) => i.source === 'dossier_step')).toBe(true);
  });

  it('lived a quality-system year: a revised procedure, the audit programme, nonconformities, feedback, ratings', async () => {
    const docs = await app.ok('thuky')('documents.list', { query: 'QT-02' });
    expect(docs.find((d) => d.code === 'QT-02')?.inForce?.issueNo).toBe(2);
    // One periodic review overdue (QT-04, reviewed every 3 months), waiting on the secretary.
    const register = await app.ok('thuky')('documents.list', {});
    expect(register.filter((d) => d.reviewOverdue).map((d) => d.code)).toEqual(['QT-04']);
    const reviews = (await app.ok('thuky')('qms.inbox', {})).items.filter(
      (i) => i.task === 'Rà soát định kỳ tài liệu',
    );
    expect(reviews.map((i) => [i.code, i.overdue])).toEqual([['QT-04', true]]);
    const audits = await app.ok('thuky')('audits.list', { year: 2026 });
    expect(audits.map((a) => a.state).sort()).toEqual(['planned', 'reported']);
    const reported = audits.find((a) => a.state === 'reported');
    expect(reported?.findings).toBe(2);
    // The reported audit checked a sample of real birth registrations, two with Mẫu 06 unsigned.
    const detail = await app.ok('thuky')('audits.get', { id: reported?.id ?? '' });
    const sample = detail.record.data['sample'] as {
      procedureName: string;
      formsOk: boolean | null;
      stepsOk: boolean | null;
    }[];
    expect(sample).toHaveLength(5);
    expect(sample.every((s) => s.procedureName.includes('khai sinh'))).toBe(true);
    expect(sample.filter((s) => s.formsOk === false)).toHaveLength(2);
    expect(sample.every((s) => s.stepsOk !== null)).toBe(true);
    const ncs = await app.ok('thuky')('nonconformities.list', {});
    expect(ncs.rows.filter((r) => r.state === 'closed').map((r) => r.source)).toEqual([
      'late_dossier',
    ]);
    expect(ncs.rows.map((r) => r.state).sort()).toEqual(['closed', 'implemented', 'open']);
    const feedback = await app.ok('thuky')('feedback.list', {});
    expect(feedback.rows.map((r) => [r.state, r.onTime]).sort()).toEqual([
      ['answered', true],
      ['received', null],
    ]);
    const rated = one<number>("SELECT count(*) FROM qms_records WHERE kind = 'rating'");
    expect(rated).toBeGreaterThan(50);
    expect(rated).toBeLessThan(
      one<number>("SELECT count(*) FROM dossiers WHERE status = 'returned'"),
    );
  });

  it('lived its risk register: treated, re-assessed, accepted with a review now due', async () => {
    const reg = await app.ok('thuky')('risks.list', { state: 'all', pageSize: 500 });
    const by = (title: string) => reg.rows.find((r) => r.title.includes(title));
    expect(by('bản chính giả mạo')).toMatchObject({
      state: 'monitored',
      score: 15,
      residualScore: 5,
      ownerName: 'Hoàng Văn Đức',
    });
    expect(by('mất dữ liệu phần mềm')).toMatchObject({ state: 'treating', actionsOpen: 1 });
    expect(by('nghỉ thai sản')).toMatchObject({ state: 'monitored', residualScore: 6 });
    expect(by('trực tuyến qua Cổng')).toMatchObject({ type: 'opportunity', state: 'treating' });
    const accepted = by('trao Giấy chứng nhận kết hôn');
    expect(accepted).toMatchObject({
      state: 'monitored',
      reviewDue: true,
      treatmentLabel: 'Chấp nhận, theo dõi',
    });
    const inbox = await app.ok('thuky')('qms.inbox', {});
    expect(inbox.items.some((i) => i.id === accepted?.id && i.overdue)).toBe(true);
    const desk = await app.ok('motcua')('qms.inbox', {});
    expect(desk.items.some((i) => i.source === 'action' && i.overdue)).toBe(true);
  });

  it('announced its conformity, measured its objectives, held its review, drafted its report', async () => {
    const announcement = await app.ok('thuky')('announcements.overview', {});
    expect(announcement).toMatchObject({ due: false, draft: null });
    expect(announcement.inForce?.data['decisionNo']).toMatch(/\/QĐ-UBND$/);

    const objectives = await app.ok('thuky')('objectives.list', { year: 2026 });
    expect(objectives.rows).toHaveLength(4);
    const measured = objectives.rows.filter((r) => r.measurements.length > 0);
    // Monthly objectives measured after each whole month of the history (September, October).
    expect(measured.map((r) => r.measurements.length)).toEqual([2, 2, 2]);
    for (const r of measured)
      for (const m of r.measurements) {
        expect(m.value).not.toBeNull();
        expect(m.to < civilDateOf(NOW)).toBe(true);
      }
    // Each measured one stands against its target; the year's verdicts come at the year's end.
    expect(measured.map((r) => typeof r.met)).toEqual(['boolean', 'boolean', 'boolean']);
    expect(objectives.pending).toBe(4);

    const reviews = await app.ok('thuky')('reviews.list', { year: 2026 });
    expect(reviews.map((r) => [r.state, r.actions, r.actionsOpen])).toEqual([['held', 2, 2]]);
    const held = await app.ok('thuky')('reviews.get', { id: reviews[0]?.id ?? '' });
    expect(held.live).toBe(false);
    expect(held.inputs.find((i) => i.key === 'objectives')?.hasData).toBe(true);

    const surveys = await app.ok('thuky')('surveys.list', {});
    expect(surveys.map((r) => r.state)).toEqual(['open']);
    const results = await app.ok('thuky')('surveys.results', { id: surveys[0]?.id ?? '' });
    expect(results.forms).toBe(24);

    const yearly = await app.ok('thuky')('yearly.list', {});
    expect(yearly.reports.map((r) => [r.code, r.state])).toEqual([['BCN-2026', 'draft']]);
  });

  it('is the same office every time for the same day', async () => {
    const other = await startDemoDesk(NOW, {}, { history: true });
    const empty = await startDemoDesk(NOW);
    try {
      const content = (a: DeskApp) =>
        a.backend
          .database()
          .prepare(
            'SELECT code, applicant_name, status, received_at, due_at, outcome, current_step FROM dossiers ORDER BY code',
          )
          .all();
      expect(content(other)).toEqual(content(app));
      // Without history, the demo office starts empty (the tests' office).
      expect(content(empty)).toEqual([]);
    } finally {
      other.close();
      empty.close();
    }
  }, 120_000);
});

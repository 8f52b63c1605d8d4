// The risk register read in SQL (services/qms/risk-register.ts) on a hand-made set of risks
// and opportunities: every filter (search, state, type, process, level, a heat-map cell), the
// two heat maps' cell counts and the pages, each checked against the set itself; and the
// count and heat maps reading the risk index, not the records' JSON.
import { count } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../core/contract';
import { RISK_OPEN_STATES } from '../../core/qms/risk';
import { riskLevel } from '../../core/qms/risk-scale';
import { fold } from '../../core/text/fold';
import * as schema from '../../db/schema';
import { registerConditions } from '../../services/qms/risk-register';
import { startDemoDesk, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

interface Hand {
  code: string;
  title: string;
  type: 'risk' | 'opportunity';
  state: string;
  process: string;
  l: number;
  i: number;
  residual?: [number, number];
  reviewOn: string;
  /** Minutes after the first record (ties are ordered by code). */
  at: number;
}

// Today is 2026-11-23 in startDemoDesk.
const SET: Hand[] = [
  {
    code: 'RR-2026-001',
    title: 'Hồ sơ thất lạc',
    type: 'risk',
    state: 'identified',
    process: 'Tiếp nhận',
    l: 3,
    i: 5,
    reviewOn: '2026-12-01',
    at: 1,
  },
  {
    code: 'RR-2026-002',
    title: 'Trả kết quả trễ hẹn',
    type: 'risk',
    state: 'treating',
    process: 'Tiếp nhận',
    l: 2,
    i: 2,
    reviewOn: '2026-11-20',
    at: 2,
  },
  {
    code: 'RR-2026-003',
    title: 'Sai sót khi chứng thực',
    type: 'risk',
    state: 'monitored',
    process: 'Chứng thực',
    l: 4,
    i: 4,
    residual: [1, 5],
    reviewOn: '2027-01-10',
    at: 3,
  },
  {
    code: 'RR-2026-004',
    title: 'Mất dữ liệu hộ tịch',
    type: 'risk',
    state: 'closed',
    process: 'Hộ tịch',
    l: 5,
    i: 5,
    residual: [2, 2],
    reviewOn: '2026-10-01',
    at: 4,
  },
  {
    code: 'CH-2026-001',
    title: 'Nhận hồ sơ trực tuyến',
    type: 'opportunity',
    state: 'identified',
    process: 'Tiếp nhận',
    l: 3,
    i: 3,
    reviewOn: '2027-02-01',
    at: 5,
  },
  {
    code: 'RR-2026-005',
    title: 'Thiếu biểu mẫu',
    type: 'risk',
    state: 'identified',
    process: 'Chứng thực',
    l: 1,
    i: 5,
    reviewOn: '2026-11-23',
    at: 6,
  },
  {
    code: 'RR-2026-006',
    title: 'Hồ sơ giả mạo',
    type: 'risk',
    state: 'cancelled',
    process: 'Chứng thực',
    l: 2,
    i: 3,
    reviewOn: '2026-12-15',
    at: 7,
  },
  {
    code: 'RR-2026-008',
    title: 'Máy tính hỏng',
    type: 'risk',
    state: 'treating',
    process: 'Hộ tịch',
    l: 3,
    i: 4,
    reviewOn: '2026-12-20',
    at: 8,
  },
  {
    code: 'RR-2026-007',
    title: 'Hồ sơ nộp thiếu',
    type: 'risk',
    state: 'monitored',
    process: 'Tiếp nhận',
    l: 5,
    i: 4,
    residual: [3, 4],
    reviewOn: '2026-11-01',
    at: 8,
  },
  {
    code: 'CH-2026-002',
    title: 'Số hóa sổ hộ tịch',
    type: 'opportunity',
    state: 'closed',
    process: 'Hộ tịch',
    l: 4,
    i: 5,
    reviewOn: '2026-09-01',
    at: 9,
  },
  {
    code: 'RR-2026-009',
    title: 'Mất điện',
    type: 'risk',
    state: 'identified',
    process: 'Hộ tịch',
    l: 1,
    i: 1,
    reviewOn: '2027-03-01',
    at: 10,
  },
  {
    code: 'RR-2026-010',
    title: 'Nhầm lẫn lệ phí',
    type: 'risk',
    state: 'treating',
    process: 'Tiếp nhận',
    l: 2,
    i: 5,
    residual: [2, 1],
    reviewOn: '2026-12-05',
    at: 11,
  },
];
const TODAY = '2026-11-23';
const T0 = Date.parse('2026-11-01T08:00:00+07:00');

/** The set written straight into an office whose own seeded risks were taken out. */
function writeSet(): Map<string, string> {
  const db = app.backend.database();
  db.prepare("DELETE FROM qms_records WHERE kind = 'risk' OR source_kind = 'risk'").run();
  const insert = db.prepare(
    `INSERT INTO qms_records (id, kind, state, code, title, search_text, due_date, source_kind,
       source_id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids = new Map<string, string>();
  for (const h of SET) {
    const id = crypto.randomUUID();
    ids.set(h.code, id);
    const data = {
      type: h.type,
      processType: 'internal',
      processCode: '',
      processName: h.process,
      description: h.title,
      cause: '',
      consequence: '',
      benefit: '',
      likelihood: h.l,
      impact: h.i,
      identifiedOn: '2026-11-01',
      reviewOn: h.reviewOn,
      treatment: null,
      treatmentPlan: '',
      residualLikelihood: h.residual?.[0] ?? null,
      residualImpact: h.residual?.[1] ?? null,
      evaluated: null,
      reviewed: null,
      closeReason: '',
      seed: false,
    };
    const at = T0 + h.at * 60_000;
    const fields = [h.state, h.code, h.title, fold(`${h.code} ${h.title}`), h.reviewOn];
    insert.run(id, 'risk', ...fields, null, null, JSON.stringify(data), at, at);
  }
  // RR-2026-008 has an open action and a cancelled one.
  for (const state of ['open', 'cancelled'])
    insert.run(
      crypto.randomUUID(),
      'action',
      state,
      `HD-${state}`,
      'Sửa máy',
      'hd sua may',
      '2026-12-01',
      'risk',
      ids.get('RR-2026-008'),
      JSON.stringify({}),
      T0,
      T0,
    );
  return ids;
}

type List = OpInput<'risks.list'>;
const live = (h: Hand) => (RISK_OPEN_STATES as readonly string[]).includes(h.state);
const now = (h: Hand): [number, number] => h.residual ?? [h.l, h.i];

/** What the register must answer, worked out on the set by hand-written rules. */
function expected(f: Required<Omit<List, 'page' | 'pageSize'>>) {
  const base = SET.filter(
    (h) =>
      (!f.query || fold(`${h.code} ${h.title}`).includes(fold(f.query))) &&
      (f.state === 'all' || (f.state === 'closed' ? h.state === 'closed' : live(h)) || false) &&
      (f.state !== 'due' || h.reviewOn <= TODAY) &&
      (f.type === 'all' || h.type === f.type) &&
      (!f.processName || h.process === f.processName),
  );
  const heat = (cell: (h: Hand) => [number, number]) => {
    const m = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    for (const h of base.filter((x) => x.type === 'risk' && live(x))) {
      const [l, i] = cell(h);
      const row = m[l - 1];
      if (row) row[i - 1] = (row[i - 1] ?? 0) + 1;
    }
    return m;
  };
  const rows = base
    .filter((h) => f.level === 'all' || riskLevel(now(h)[0] * now(h)[1]) === f.level)
    .filter(
      (h) =>
        f.likelihood === null ||
        f.impact === null ||
        (h.type === 'risk' && now(h)[0] === f.likelihood && now(h)[1] === f.impact),
    )
    .sort((a, b) => b.at - a.at || a.code.localeCompare(b.code));
  return {
    codes: rows.map((h) => h.code),
    heatInherent: heat((h) => [h.l, h.i]),
    heatCurrent: heat(now),
  };
}

const DEFAULTS = {
  query: '',
  type: 'all',
  state: 'live',
  level: 'all',
  likelihood: null,
  impact: null,
  processName: '',
} as const;

describe('the risk register read in SQL', () => {
  it('filters, counts the heat maps and pages as the set says', async () => {
    app = await startDemoDesk();
    writeSet();
    const cases: List[] = [
      {},
      { state: 'all' },
      { state: 'closed' },
      { state: 'due' },
      { query: 'ho so', state: 'all' },
      { query: 'HỒ SƠ' },
      { type: 'opportunity', state: 'all' },
      { type: 'risk' },
      { processName: 'Tiếp nhận', state: 'all' },
      { level: 'high' },
      { level: 'medium', state: 'all' },
      { level: 'low', state: 'all' },
      { likelihood: 1, impact: 5 },
      { likelihood: 3, impact: 4, state: 'all' },
      { likelihood: 3, impact: 3, state: 'all' },
      { level: 'medium', processName: 'Chứng thực', query: 'chung thuc' },
    ];
    for (const c of cases) {
      const want = expected({ ...DEFAULTS, ...c });
      const all = await app.ok('thuky')('risks.list', { ...c, pageSize: 500 });
      expect(
        all.rows.map((r) => r.code),
        JSON.stringify(c),
      ).toEqual(want.codes);
      expect(all.total, JSON.stringify(c)).toBe(want.codes.length);
      expect(all.heatInherent, JSON.stringify(c)).toEqual(want.heatInherent);
      expect(all.heatCurrent, JSON.stringify(c)).toEqual(want.heatCurrent);
      // Pages of 3 cut the same order, each with the full total and heat maps.
      for (let page = 1; page <= Math.ceil(want.codes.length / 3) + 1; page++) {
        const p = await app.ok('thuky')('risks.list', { ...c, page, pageSize: 3 });
        expect(p.rows.map((r) => r.code)).toEqual(want.codes.slice((page - 1) * 3, page * 3));
        expect(p.total).toBe(want.codes.length);
        expect(p.heatCurrent).toEqual(want.heatCurrent);
      }
    }
  });

  it('knows the figures of the set (scores, levels, heat cells, actions of a page row)', async () => {
    app = await startDemoDesk();
    writeSet();
    const reg = await app.ok('thuky')('risks.list', {});
    // Live: 001, 002, 003, 005, 007, 008, 009, 010 and the live opportunity CH-001.
    expect(reg.total).toBe(9);
    expect(reg.rows.slice(0, 4).map((r) => r.code)).toEqual([
      'RR-2026-010',
      'RR-2026-009',
      'RR-2026-007',
      'RR-2026-008',
    ]);
    // Eight live risks; before treatment 3×5 holds 001, now 1×5 holds 003 and 005.
    expect(reg.heatInherent.flat().reduce((s, n) => s + n, 0)).toBe(8);
    expect(reg.heatInherent[2]?.[4]).toBe(1);
    expect(reg.heatCurrent[0]?.[4]).toBe(2);
    expect(reg.heatCurrent[3]?.[3]).toBe(0);
    const high = await app.ok('thuky')('risks.list', { level: 'high' });
    // 001 (15), 007 now 12, 008 (12); 003 is 16 before treatment but 5 now.
    expect(high.rows.map((r) => r.code).sort()).toEqual([
      'RR-2026-001',
      'RR-2026-007',
      'RR-2026-008',
    ]);
    const r8 = reg.rows.find((r) => r.code === 'RR-2026-008');
    expect(r8).toMatchObject({ actionsOpen: 1, actionsTotal: 1, score: 12, level: 'high' });
    const r10 = reg.rows.find((r) => r.code === 'RR-2026-010');
    expect(r10).toMatchObject({ score: 10, residualScore: 2, residualLevel: 'low' });
  });

  it('counts and draws the heat maps from the risk index alone', async () => {
    app = await startDemoDesk();
    const db = drizzle({ client: app.backend.database(), schema });
    const where = registerConditions(TODAY, { ...DEFAULTS, level: 'high', page: 1, pageSize: 50 });
    const q = db.select({ n: count() }).from(schema.qmsRecords).where(where.rows).toSQL();
    const plan = app.backend
      .database()
      .prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .all(...q.params)
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('COVERING INDEX qms_records_risk_register_idx');
  });
});

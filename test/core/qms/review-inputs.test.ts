// The management review's 9.3.2 inputs on hand-made facts: every item present in the
// standard's order whatever data there is, the figures right, "Chưa có dữ liệu" where a source
// is empty, the on-time trend worded against the previous period, and the minutes' blocks.
import { describe, expect, it } from 'vitest';
import {
  assembleReviewInputs,
  NO_DATA,
  REVIEW_INPUT_KEYS,
  trendText,
  type ReviewFacts,
  type ReviewInput,
} from '../../../core/qms/review-inputs';
import { reviewMinutesDoc } from '../../../core/qms/review-print';
import { reviewData } from '../../../core/qms/review';

const EMPTY: ReviewFacts = {
  asOf: '2026-11-30',
  previousPeriod: { from: '2025-02-02', to: '2025-12-31' },
  previousActions: null,
  revisions: [],
  withdrawn: [],
  external: [],
  ratings: { rated: 0, satisfied: 0 },
  qd766: { good: 0, resolved: 0 },
  feedback: { received: 0, answered: 0, onTime: 0, pending: 0 },
  objectives: [],
  procedures: [],
  received: 0,
  receivedOnline: 0,
  nonconformities: {
    opened: 0,
    closed: 0,
    open: 0,
    overdue: 0,
    actionsOpen: 0,
    actionsDone: 0,
    bySource: [],
  },
  audits: [],
  improvements: [],
  riskActions: null,
  risks: null,
  resources: '',
};

const FULL: ReviewFacts = {
  ...EMPTY,
  previousActions: [
    {
      title: 'Bổ sung máy scan',
      ownerName: 'Phạm Thị Hoa',
      dueDate: '2026-06-30',
      state: 'verified',
      stateLabel: 'Đã kiểm tra hiệu lực',
    },
    {
      title: 'Tập huấn quy trình mới',
      ownerName: 'Hoàng Văn Đức',
      dueDate: '2026-10-15',
      state: 'open',
      stateLabel: 'Đang thực hiện',
    },
    {
      title: 'Niêm yết thủ tục',
      ownerName: '',
      dueDate: null,
      state: 'done',
      stateLabel: 'Đã thực hiện, chờ kiểm tra',
    },
  ],
  revisions: [
    {
      code: 'QT-HT-01',
      title: 'Quy trình đăng ký khai sinh',
      issueNo: 2,
      effectiveDate: '2026-03-01',
      summary: 'Gộp bước đóng dấu',
    },
  ],
  withdrawn: [{ code: 'HD-02', title: 'Hướng dẫn cũ', on: '2026-04-02' }],
  external: [
    {
      number: '123/2025/NĐ-CP',
      title: 'Nghị định về hộ tịch',
      change: 'effective',
      on: '2026-01-15',
    },
  ],
  ratings: { rated: 40, satisfied: 38 },
  qd766: { good: 45, resolved: 48 },
  feedback: { received: 3, answered: 2, onTime: 1, pending: 1 },
  objectives: [
    {
      code: 'MT-2026-001',
      statement: 'Giải quyết đúng hạn',
      target: 95,
      atMost: false,
      unit: '%',
      stateLabel: 'Đang theo dõi',
      met: true,
      last: { value: 97.5, label: 'Quý III/2026' },
    },
    {
      code: 'MT-2026-002',
      statement: 'Không để phản ánh quá hạn',
      target: 0,
      atMost: true,
      unit: 'vụ',
      stateLabel: 'Không đạt',
      met: false,
      last: { value: 2, label: 'Quý III/2026' },
    },
    {
      code: 'MT-2026-003',
      statement: 'Rà soát quy trình',
      target: 100,
      atMost: false,
      unit: '%',
      stateLabel: 'Đang theo dõi',
      met: null,
      last: null,
    },
  ],
  procedures: [
    {
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      resolved: 40,
      onTime: 38,
      previousResolved: 20,
      previousOnTime: 18,
    },
    {
      code: '1.000894',
      name: 'Chứng thực bản sao',
      resolved: 8,
      onTime: 6,
      previousResolved: 10,
      previousOnTime: 9,
    },
    {
      code: '2.000001',
      name: 'Ấp trứng',
      resolved: 0,
      onTime: 0,
      previousResolved: 0,
      previousOnTime: 0,
    },
  ],
  received: 60,
  receivedOnline: 15,
  nonconformities: {
    opened: 3,
    closed: 2,
    open: 2,
    overdue: 1,
    actionsOpen: 2,
    actionsDone: 4,
    bySource: [
      ['Hồ sơ trễ hạn', 2],
      ['Đánh giá nội bộ', 1],
    ],
  },
  audits: [
    {
      code: 'DGNB-2026-01',
      area: 'Lĩnh vực hộ tịch',
      date: '2026-05-20',
      stateLabel: 'Đã báo cáo',
      findings: { minor_nc: 1, observation: 2, ofi: 1, conformity: 3 },
    },
  ],
  improvements: ['DGNB-2026-01: Số hóa sổ hộ tịch'],
  riskActions: [],
  risks: null,
  resources: 'Thiếu 01 máy tính tại Bộ phận Một cửa\n\nĐề nghị bổ sung kinh phí',
};

const byKey = (inputs: readonly ReviewInput[], key: string): ReviewInput => {
  const found = inputs.find((i) => i.key === key);
  if (!found) throw new Error(`no input ${key}`);
  return found;
};

describe('assembleReviewInputs', () => {
  it('has every 9.3.2 item in order, "Chưa có dữ liệu" where the source is empty', () => {
    const inputs = assembleReviewInputs(EMPTY);
    expect(inputs.map((i) => i.key)).toEqual([...REVIEW_INPUT_KEYS]);
    expect(inputs.map((i) => i.clause)).toEqual([
      '9.3.2 a',
      '9.3.2 b',
      '9.3.2 c1',
      '9.3.2 c2',
      '9.3.2 c3',
      '9.3.2 c4',
      '9.3.2 c5',
      '9.3.2 c6',
      '9.3.2 c7',
      '9.3.2 d',
      '9.3.2 e',
      '9.3.2 f',
    ]);
    const empty = inputs.filter((i) => !i.hasData).map((i) => i.key);
    expect(empty).toEqual([
      'context_changes',
      'satisfaction',
      'objectives',
      'process_performance',
      'monitoring',
      'audit_results',
      'external_providers',
      'resources',
      'risk_actions',
      'improvement',
    ]);
    for (const key of empty) expect(byKey(inputs, key).lines).toEqual([NO_DATA]);
    expect(byKey(inputs, 'previous_actions').lines).toEqual([
      'Đây là lần xem xét đầu tiên: chưa có hành động từ lần xem xét trước.',
    ]);
    expect(byKey(inputs, 'nonconformities').lines[0]).toMatch(/^Không phát sinh/);
    const received = assembleReviewInputs({ ...EMPTY, received: 2 });
    expect(byKey(received, 'monitoring').lines).toEqual([
      'Tiếp nhận 2 hồ sơ (trực tuyến 0, 0 %); chưa có hồ sơ được giải quyết xong.',
    ]);
  });

  it('counts the previous review actions and marks the overdue ones', () => {
    const a = byKey(assembleReviewInputs(FULL), 'previous_actions');
    expect(a.figures).toEqual({ total: 3, done: 2, verified: 1, open: 1, overdue: 1 });
    expect(a.lines).toEqual([
      '2/3 hành động đã thực hiện (1 đã kiểm tra hiệu lực); đang thực hiện 1, quá hạn 1.',
      'Bổ sung máy scan — Phạm Thị Hoa, hạn 30/06/2026: Đã kiểm tra hiệu lực',
      'Tập huấn quy trình mới — Hoàng Văn Đức, hạn 15/10/2026: Đang thực hiện (quá hạn)',
      'Niêm yết thủ tục — chưa giao: Đã thực hiện, chờ kiểm tra',
    ]);
    const none = byKey(assembleReviewInputs({ ...FULL, previousActions: [] }), 'previous_actions');
    expect(none.lines).toEqual(['Lần xem xét trước không đề ra hành động nào.']);
  });

  it('lists document, law and external changes with dd/mm/yyyy dates', () => {
    const c = byKey(assembleReviewInputs(FULL), 'context_changes');
    expect(c.figures).toEqual({ revisions: 1, withdrawn: 1, external: 1 });
    expect(c.lines).toEqual([
      'QT-HT-01 Quy trình đăng ký khai sinh: ban hành lần 2, hiệu lực từ 01/03/2026 — Gộp bước đóng dấu',
      'HD-02 Hướng dẫn cũ: hủy bỏ ngày 02/04/2026',
      'Văn bản 123/2025/NĐ-CP Nghị định về hộ tịch: có hiệu lực từ 15/01/2026',
    ]);
  });

  it('gives satisfaction, QĐ 766 and feedback figures', () => {
    const s = byKey(assembleReviewInputs(FULL), 'satisfaction');
    expect(s.figures).toMatchObject({
      rated: 40,
      satisfied: 38,
      satisfactionRate: 95,
      qd766Rate: 93.8,
      feedback: 3,
      feedbackOnTime: 1,
      feedbackPending: 1,
    });
    expect(s.lines).toEqual([
      'Người dân đánh giá 40 hồ sơ: 38 hài lòng (95 %), 2 không hài lòng.',
      'Tỷ lệ hài lòng theo QĐ 766/QĐ-TTg: 93,8 % (45/48 hồ sơ không trễ hạn, không bị phản ánh hay đánh giá không hài lòng).',
      'Phản ánh, kiến nghị: tiếp nhận 3, đã trả lời 2 (đúng hạn 1, trễ hạn 1), đang xử lý 1.',
    ]);
  });

  it('states each objective against its target with its latest measurement', () => {
    const o = byKey(assembleReviewInputs(FULL), 'objectives');
    expect(o.figures).toEqual({ total: 3, met: 1, missed: 1, unmeasured: 1 });
    expect(o.lines).toEqual([
      '1/3 mục tiêu đạt, 1 không đạt.',
      'MT-2026-001 Giải quyết đúng hạn (chỉ tiêu ≥ 95 %; kết quả Quý III/2026: 97,5 %) — đạt; đang theo dõi',
      'MT-2026-002 Không để phản ánh quá hạn (chỉ tiêu ≤ 0 vụ; kết quả Quý III/2026: 2 vụ) — không đạt; không đạt',
      'MT-2026-003 Rà soát quy trình (chỉ tiêu ≥ 100 %; chưa đo lường); đang theo dõi',
    ]);
  });

  it('gives the on-time rate by procedure, sorted in Vietnamese, with the trend', () => {
    const p = byKey(assembleReviewInputs(FULL), 'process_performance');
    expect(p.figures).toEqual({
      resolved: 48,
      onTime: 44,
      onTimeRate: 91.7,
      previousOnTimeRate: 90,
      procedures: 2,
    });
    expect(p.lines).toEqual([
      'Chung: 44/48 đúng hạn (91,7 %), tăng 1,7 điểm phần trăm so với kỳ trước (90 %). Kỳ trước: từ 02/02/2025 đến 31/12/2025.',
      '1.000894 Chứng thực bản sao: 6/8 đúng hạn (75 %), giảm 15 điểm phần trăm so với kỳ trước (90 %)',
      '1.001193 Đăng ký khai sinh: 38/40 đúng hạn (95 %), tăng 5 điểm phần trăm so với kỳ trước (90 %)',
    ]);
    const m = byKey(assembleReviewInputs(FULL), 'monitoring');
    expect(m.figures).toEqual({ received: 60, receivedOnline: 15, resolved: 48 });
    expect(m.lines).toEqual([
      'Tiếp nhận 60 hồ sơ (trực tuyến 15, 25 %); giải quyết 48 hồ sơ, đúng hạn 91,7 %.',
    ]);
  });

  it('words the trend for every case', () => {
    const p = {
      code: '',
      name: '',
      resolved: 10,
      onTime: 9,
      previousResolved: 20,
      previousOnTime: 18,
    };
    expect(trendText(p)).toBe('không đổi so với kỳ trước');
    expect(trendText({ ...p, previousResolved: 0, previousOnTime: 0 })).toBe(
      'kỳ trước chưa có hồ sơ để so sánh',
    );
    expect(trendText({ ...p, resolved: 0, onTime: 0 })).toBe(
      'trong kỳ chưa có hồ sơ giải quyết (kỳ trước 90 %)',
    );
    expect(trendText({ ...p, onTime: 7 })).toBe('giảm 20 điểm phần trăm so với kỳ trước (90 %)');
    expect(
      trendText({ ...p, resolved: 3, onTime: 1, previousResolved: 3, previousOnTime: 2 }),
    ).toBe('giảm 33,3 điểm phần trăm so với kỳ trước (66,7 %)');
  });

  it('sums nonconformities, audit findings and improvement opportunities', () => {
    const inputs = assembleReviewInputs(FULL);
    const nc = byKey(inputs, 'nonconformities');
    expect(nc.figures).toEqual({
      opened: 3,
      closed: 2,
      open: 2,
      overdue: 1,
      actionsOpen: 2,
      actionsDone: 4,
    });
    expect(nc.lines).toEqual([
      'Phát sinh trong kỳ: 3; đóng trong kỳ: 2; đang xử lý: 2 (quá hạn 1).',
      'Hành động khắc phục: 4 đã thực hiện, 2 đang thực hiện.',
      'Nguồn hồ sơ trễ hạn: 2',
      'Nguồn đánh giá nội bộ: 1',
    ]);
    const audit = byKey(inputs, 'audit_results');
    expect(audit.figures).toEqual({ audits: 1, majorNc: 0, minorNc: 1, observations: 2, ofi: 1 });
    expect(audit.lines).toEqual([
      'DGNB-2026-01 Lĩnh vực hộ tịch, ngày 20/05/2026 (đã báo cáo): 3 phù hợp, 1 không phù hợp nhẹ, 2 điểm cần lưu ý, 1 cơ hội cải tiến',
    ]);
    expect(byKey(inputs, 'improvement')).toMatchObject({
      lines: ['DGNB-2026-01: Số hóa sổ hộ tịch'],
      figures: { improvements: 1 },
      hasData: true,
    });
    expect(byKey(inputs, 'resources').lines).toEqual([
      'Thiếu 01 máy tính tại Bộ phận Một cửa',
      'Đề nghị bổ sung kinh phí',
    ]);
  });

  it('reads risk actions once a risk register exists, "Chưa có dữ liệu" before', () => {
    expect(byKey(assembleReviewInputs(FULL), 'risk_actions').lines).toEqual([NO_DATA]);
    const withRisks = assembleReviewInputs({
      ...FULL,
      riskActions: [
        {
          title: 'Sao lưu dữ liệu hằng tuần',
          ownerName: 'Lê Minh Chất',
          dueDate: '2026-12-31',
          state: 'open',
          stateLabel: 'Đang thực hiện',
        },
      ],
    });
    expect(byKey(withRisks, 'risk_actions')).toMatchObject({
      hasData: true,
      figures: { total: 1, open: 1, overdue: 0 },
      lines: [
        '0/1 hành động đã thực hiện (0 đã kiểm tra hiệu lực); đang thực hiện 1.',
        'Sao lưu dữ liệu hằng tuần — Lê Minh Chất, hạn 31/12/2026: Đang thực hiện',
      ],
    });
  });
});

describe('the risk register in the review (9.3.2 e, f)', () => {
  it('says the levels now, what each treatment did to its score, and the opportunities', () => {
    const inputs = assembleReviewInputs({
      ...FULL,
      riskActions: [
        {
          title: 'Trang bị đèn soi giấy tờ',
          ownerName: 'Hoàng Văn Đức',
          dueDate: '2026-10-31',
          state: 'verified',
          stateLabel: 'Đã kiểm tra hiệu lực',
        },
      ],
      risks: {
        live: { low: 4, medium: 3, high: 2 },
        treated: [
          { code: 'RR-2026-003', title: 'Bản chính giả mạo', inherent: 15, residual: 5 },
          { code: 'RR-2026-007', title: 'Mất điện kéo dài', inherent: 9, residual: 9 },
        ],
        opportunities: [
          { code: 'CH-2026-001', title: 'Số hóa sổ hộ tịch', stateLabel: 'Đang xử lý' },
        ],
      },
    });
    expect(byKey(inputs, 'risk_actions')).toMatchObject({
      hasData: true,
      figures: { liveHigh: 2, liveMedium: 3, liveLow: 4, treated: 2, effective: 1, total: 1 },
      lines: [
        'Rủi ro đang theo dõi: 9 (mức cao 2, trung bình 3, thấp 4).',
        'Đánh giá lại sau xử lý trong kỳ: 2 rủi ro, 1 giảm được mức điểm.',
        'RR-2026-003 Bản chính giả mạo: điểm 15 (cao) → 5 (trung bình) sau xử lý — có hiệu lực',
        'RR-2026-007 Mất điện kéo dài: điểm 9 (trung bình) → 9 (trung bình) sau xử lý — chưa có hiệu lực',
        '1/1 hành động đã thực hiện (1 đã kiểm tra hiệu lực); đang thực hiện 0.',
        'Trang bị đèn soi giấy tờ — Hoàng Văn Đức, hạn 31/10/2026: Đã kiểm tra hiệu lực',
      ],
    });
    const improvement = byKey(inputs, 'improvement');
    expect(improvement.lines.at(-1)).toBe('Cơ hội CH-2026-001: Số hóa sổ hộ tịch (đang xử lý)');
    expect(improvement.figures.opportunities).toBe(1);
  });
});

describe('the minutes', () => {
  it('print the meeting, every input with its note, the decisions and the actions', () => {
    const data = reviewData.parse({
      year: 2026,
      periodFrom: '2026-01-01',
      periodTo: '2026-11-27',
      date: '2026-11-27',
      chairId: 'u1',
      secretaryId: 'u2',
      participantIds: ['u3'],
      notes: { satisfaction: 'Duy trì hòm thư góp ý' },
      decisions: 'Giao bổ sung máy tính\nTiếp tục duy trì HTQLCL',
    });
    const inputs = assembleReviewInputs(FULL);
    const doc = reviewMinutesDoc({
      code: 'XXLD-2026-001',
      data,
      stateLabel: 'Đang chuẩn bị',
      names: new Map([
        ['u1', 'Trần Thị Lãnh'],
        ['u2', 'Lê Minh Chất'],
        ['u3', 'Phạm Thị Hoa'],
      ]),
      inputs,
      actions: [
        {
          title: 'Bổ sung máy tính',
          description: 'Mua 01 máy',
          ownerName: 'Phạm Thị Hoa',
          dueDate: '2027-01-31',
        },
      ],
      printedAt: Date.UTC(2026, 10, 27, 3),
    });
    expect(doc.subtitle).toBe('Số: XXLD-2026-001');
    const text = doc.blocks.map((b) => (b.kind === 'table' ? b.rows.flat().join(' ') : b.text));
    expect(text).toContain('từ ngày 01/01/2026 đến ngày 27/11/2026');
    expect(text).toContain('Phạm Thị Hoa');
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings.filter((h) => /^2\.\d+\. /.test(h))).toHaveLength(REVIEW_INPUT_KEYS.length);
    expect(text).toContain('Duy trì hòm thư góp ý');
    expect(text).toContain('Giao bổ sung máy tính');
    expect(text).toContain('1 Bổ sung máy tính\nMua 01 máy Phạm Thị Hoa 31/01/2027');
    expect(doc.signers).toEqual([
      { role: 'Thư ký', name: 'Lê Minh Chất' },
      { role: 'Chủ trì', name: 'Trần Thị Lãnh' },
    ]);
  });
});

// Risks and opportunities: the 5×5 score, the levels by thresholds (data), the data rules and
// every transition of the kind, allowed and refused.
import { describe, expect, it } from 'vitest';
import { availableTransitions, checkTransition, SYSTEM_ACTOR, type Actor } from '../../../core/qms';
import { currentScore, riskData, riskKind, type RiskData } from '../../../core/qms/risk';
import {
  DEFAULT_RISK_SCALE,
  riskLevel,
  riskScaleSchema,
  riskScore,
  type RiskScale,
} from '../../../core/qms/risk-scale';
import { actor, record, TODAY } from './support';

const iso = actor('u-iso', 'iso_coordinator');
const leader = actor('u-lead', 'leader');
const auditor = actor('u-audit', 'internal_auditor');
const specialist = actor('u-spec', 'specialist');

const data = (over: Partial<RiskData> = {}): RiskData =>
  riskData.parse({
    type: 'risk',
    processType: 'procedure',
    processCode: '2.000815',
    processName: 'Chứng thực bản sao từ bản chính',
    description: 'Chứng thực bản sao từ bản chính giả mạo',
    likelihood: 3,
    impact: 5,
    identifiedOn: '2026-03-01',
    reviewOn: '2026-06-01',
    ...over,
  });
const risk = (state: string, over: Partial<RiskData> = {}) =>
  record('risk', state, data(over), { ownerId: specialist.id });

const check = (
  name: string,
  rec: ReturnType<typeof risk>,
  who: Actor,
  input: { comment?: string; date?: string; fields?: Record<string, unknown> } = {},
) => checkTransition(riskKind, name, { record: rec, actor: who, input, today: TODAY });
const failure = (r: ReturnType<typeof check>) => (r.ok ? null : r.failure);

describe('risk scale', () => {
  it('scores likelihood × impact and levels it by the thresholds', () => {
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(3, 5)).toBe(15);
    expect(riskScore(5, 5)).toBe(25);
    // Default thresholds: low 1-4, medium 5-9, high 10-25 (edges on both sides).
    expect([1, 4, 5, 9, 10, 25].map((s) => riskLevel(s))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });

  it('takes the thresholds from the scale given (data, not code)', () => {
    const strict: RiskScale = riskScaleSchema.parse({
      ...DEFAULT_RISK_SCALE,
      levels: [
        { key: 'low', label: 'Thấp', min: 1, color: 'green' },
        { key: 'medium', label: 'Trung bình', min: 3, color: 'yellow' },
        { key: 'high', label: 'Cao', min: 6, color: 'red' },
      ],
    });
    expect(riskLevel(4, strict)).toBe('medium');
    expect(riskLevel(6, strict)).toBe('high');
    expect(riskLevel(4)).toBe('low');
  });

  it('refuses thresholds that do not rise or do not start at 1', () => {
    const bad = (levels: { key: string; min: number }[]) =>
      riskScaleSchema.safeParse({
        ...DEFAULT_RISK_SCALE,
        levels: levels.map((l) => ({ ...l, label: l.key, color: 'red' })),
      }).success;
    expect(
      bad([
        { key: 'low', min: 2 },
        { key: 'medium', min: 5 },
        { key: 'high', min: 10 },
      ]),
    ).toBe(false);
    expect(
      bad([
        { key: 'low', min: 1 },
        { key: 'medium', min: 10 },
        { key: 'high', min: 10 },
      ]),
    ).toBe(false);
  });

  it('uses the residual score once the treatment has been re-assessed', () => {
    expect(currentScore(data())).toBe(15);
    expect(currentScore(data({ residualLikelihood: 1, residualImpact: 5 }))).toBe(5);
  });
});

describe('risk data', () => {
  it.each([0, 6, 2.5])('refuses a likelihood of %s in Vietnamese', (likelihood) => {
    const r = riskData.safeParse({ ...data(), likelihood });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^Khả năng xảy ra phải .*1 đến 5$/);
  });

  it('refuses an impact of 6 and a review date before the day it was identified', () => {
    expect(riskData.safeParse({ ...data(), impact: 6 }).error?.issues[0]?.message).toBe(
      'Mức độ ảnh hưởng phải từ 1 đến 5',
    );
    const r = riskData.safeParse({ ...data(), reviewOn: '2026-02-28' });
    expect(r.error?.issues[0]?.message).toBe('Ngày xem xét lại không được trước ngày nhận diện.');
  });

  it('refuses half a residual assessment', () => {
    const r = riskData.safeParse({ ...data(), residualLikelihood: 2 });
    expect(r.success).toBe(false);
  });
});

describe('risk transitions', () => {
  it('treat: a manager chooses a treatment that fits the type', () => {
    const ok = check('treat', risk('identified'), iso, {
      fields: { treatment: 'reduce', plan: 'Trang bị đèn soi giấy tờ' },
    });
    expect(ok.ok && ok.to).toBe('treating');
    expect(ok.ok && ok.patch.data?.treatment).toBe('reduce');
    expect(failure(check('treat', risk('identified'), specialist, {}))?.code).toBe('FORBIDDEN');
    expect(
      failure(check('treat', risk('identified'), iso, { fields: { treatment: 'pursue' } }))
        ?.message,
    ).toMatch(/không áp dụng cho rủi ro/);
    expect(
      failure(
        check('treat', risk('identified', { type: 'opportunity' }), iso, {
          fields: { treatment: 'reduce' },
        }),
      )?.message,
    ).toMatch(/không áp dụng cho cơ hội/);
    expect(failure(check('treat', risk('identified'), iso, { fields: {} }))?.message).toBe(
      'Phải chọn biện pháp xử lý',
    );
    expect(
      failure(check('treat', risk('closed'), iso, { fields: { treatment: 'reduce' } }))?.code,
    ).toBe('CONFLICT');
  });

  it('accept: only a risk below the high level, with a reason and a review date not past', () => {
    const low = risk('identified', { likelihood: 2, impact: 2 });
    const ok = check('accept', low, leader, { comment: 'Mức thấp, theo dõi', date: '2026-09-01' });
    expect(ok.ok && ok.to).toBe('monitored');
    expect(ok.ok && ok.patch.dueDate).toBe('2026-09-01');
    expect(
      failure(check('accept', risk('identified'), leader, { comment: 'x', date: '2026-09-01' }))
        ?.code,
    ).toBe('CONFLICT');
    expect(failure(check('accept', low, leader, { date: '2026-09-01' }))?.code).toBe(
      'INVALID_INPUT',
    );
    expect(
      failure(check('accept', low, leader, { comment: 'x', date: '2026-03-01' }))?.message,
    ).toBe('Ngày xem xét lại không được ở trong quá khứ.');
    expect(failure(check('accept', low, auditor, { comment: 'x', date: '2026-09-01' }))?.code).toBe(
      'FORBIDDEN',
    );
    // The button is not offered for a high risk.
    expect(
      availableTransitions(riskKind, { record: risk('identified'), actor: leader, today: TODAY }),
    ).not.toContain('accept');
  });

  it('evaluate: records the residual score after treatment and the next review', () => {
    const input = {
      comment: 'Đã trang bị đèn',
      date: '2026-09-01',
      fields: { likelihood: 1, impact: 5 },
    };
    const ok = check('evaluate', risk('treating'), leader, input);
    expect(ok.ok && ok.to).toBe('monitored');
    expect(ok.ok && ok.patch.data).toMatchObject({ residualLikelihood: 1, residualImpact: 5 });
    expect(failure(check('evaluate', risk('treating'), specialist, input))?.code).toBe('FORBIDDEN');
    expect(failure(check('evaluate', risk('treating'), auditor, input))?.code).toBe('FORBIDDEN');
    expect(
      failure(
        check('evaluate', risk('treating'), iso, {
          ...input,
          fields: { likelihood: 0, impact: 5 },
        }),
      )?.message,
    ).toBe('Khả năng xảy ra phải từ 1 đến 5');
    expect(failure(check('evaluate', risk('identified'), iso, input))?.code).toBe('CONFLICT');
  });

  it('review: stays in its state, rescoring the inherent or the residual score', () => {
    const input = {
      comment: 'Xem xét quý II',
      date: '2026-06-30',
      fields: { likelihood: 2, impact: 5 },
    };
    const first = check('review', risk('identified'), iso, input);
    expect(first.ok && first.to).toBe('identified');
    expect(first.ok && first.patch.data).toMatchObject({ likelihood: 2, impact: 5 });
    const after = check(
      'review',
      risk('monitored', { residualLikelihood: 1, residualImpact: 5 }),
      iso,
      input,
    );
    expect(after.ok && after.to).toBe('monitored');
    expect(after.ok && after.patch.data).toMatchObject({
      residualLikelihood: 2,
      residualImpact: 5,
    });
    expect(after.ok && after.patch.dueDate).toBe('2026-06-30');
    expect(failure(check('review', risk('closed'), iso, input))?.code).toBe('CONFLICT');
    expect(failure(check('review', risk('identified'), specialist, input))?.code).toBe('FORBIDDEN');
    expect(failure(check('review', risk('identified'), iso, { ...input, comment: '' }))?.code).toBe(
      'INVALID_INPUT',
    );
  });

  it('assign: a manager puts someone in charge, the state stays', () => {
    const ok = check('assign', risk('monitored'), iso, { fields: { ownerId: 'u-x' } });
    expect(ok.ok && ok.to).toBe('monitored');
    expect(ok.ok && ok.patch.ownerId).toBe('u-x');
    expect(
      failure(check('assign', risk('monitored'), auditor, { fields: { ownerId: 'u-x' } }))?.code,
    ).toBe('FORBIDDEN');
    expect(failure(check('assign', risk('monitored'), iso, { fields: {} }))?.code).toBe(
      'INVALID_INPUT',
    );
  });

  it('close and cancel: managers, with a reason, from their states only', () => {
    expect(check('close', risk('monitored'), leader, { comment: 'Không còn' }).ok).toBe(true);
    expect(failure(check('close', risk('treating'), leader, { comment: 'x' }))?.code).toBe(
      'CONFLICT',
    );
    expect(failure(check('close', risk('monitored'), leader, {}))?.code).toBe('INVALID_INPUT');
    expect(check('cancel', risk('treating'), iso, { comment: 'Trùng' }).ok).toBe(true);
    expect(failure(check('cancel', risk('monitored'), iso, { comment: 'x' }))?.code).toBe(
      'CONFLICT',
    );
    expect(failure(check('cancel', risk('identified'), specialist, { comment: 'x' }))?.code).toBe(
      'FORBIDDEN',
    );
    expect(failure(check('close', risk('monitored'), SYSTEM_ACTOR, { comment: 'x' }))?.code).toBe(
      'FORBIDDEN',
    );
  });
});

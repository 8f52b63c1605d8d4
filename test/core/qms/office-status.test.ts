// The province's view of one office (core/qms/office-status.ts) on hand-made facts, and the
// ranking score's criteria (core/qms/office-score.ts).
import { describe, expect, it } from 'vitest';
import { officeScore, SCORE_CRITERIA, SCORE_MAX } from '../../../core/qms/office-score';
import { officeQmsStatus, type PushedRecord } from '../../../core/qms/office-status';

const r = (
  kind: string,
  state: string,
  data: Record<string, unknown>,
  dueDate: string | null = null,
): PushedRecord => ({
  kind,
  state,
  dueDate,
  data,
});
const empty = { records: [], dossiers: [], ratings: [], complaints: [] };

describe('office quality-system status', () => {
  it('counts a risk at the high level by its score now: the residual one once re-assessed', () => {
    const risk = (d: Record<string, unknown>) =>
      r('risk', 'monitored', {
        type: 'risk',
        residualLikelihood: null,
        residualImpact: null,
        ...d,
      });
    const { status } = officeQmsStatus(
      {
        ...empty,
        records: [
          risk({ likelihood: 5, impact: 4 }),
          risk({ likelihood: 5, impact: 4, residualLikelihood: 3, residualImpact: 3 }),
          risk({ likelihood: 1, impact: 2, residualLikelihood: 2, residualImpact: 5 }),
        ],
      },
      2026,
      '2026-06-01',
    );
    // 20 counts; 20 re-assessed to 9 does not; 2 re-assessed to 10 (the high level's lowest) does.
    expect(status.highRisks).toBe(2);
  });

  it('holds until the first open deadline or review date passes, 30 November, or the year end', () => {
    const facts = {
      ...empty,
      records: [
        r('nonconformity', 'open', { deadline: '2026-06-10' }),
        r('nonconformity', 'closed', { deadline: '2026-06-03' }),
        r('document', 'active', { docType: 'procedure' }, '2026-07-01'),
      ],
    };
    expect(officeQmsStatus(facts, 2026, '2026-06-01').validUntil).toBe('2026-06-10');
    const later = officeQmsStatus(facts, 2026, '2026-06-11');
    expect(later.validUntil).toBe('2026-07-01');
    expect(later.status.nonconformities).toEqual({ open: 1, overdue: 1 });
    // On 1 December the report due becomes this year's; then nothing changes until the year end.
    expect(officeQmsStatus(empty, 2026, '2026-06-01').validUntil).toBe('2026-11-30');
    expect(officeQmsStatus(empty, 2026, '2026-12-01').validUntil).toBe('2026-12-31');
  });

  it('scores out of 100 with each criterion weighted as its data says', () => {
    expect(SCORE_MAX).toBe(100);
    const { status } = officeQmsStatus(empty, 2026, '2026-06-01');
    const score = officeScore({
      status: { ...status, yearlyReport: { ...status.yearlyReport, received: true } },
    });
    const full = Object.fromEntries(SCORE_CRITERIA.map((c) => [c.key, c.weight]));
    // Nothing announced, audited, reviewed, concluded or resolved: only what is clean and sent.
    expect(score.parts).toEqual({
      ...full,
      announcement: 0,
      audit: 0,
      review: 0,
      objectives: 0,
      qd766: 0,
    });
    expect(score.total).toBe(
      full['nonconformities'] + full['documents'] + full['risks'] + full['yearly'],
    );
  });
});

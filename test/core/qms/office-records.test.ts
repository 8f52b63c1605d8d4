// The province drill-down's sections (core/qms/office-records.ts) from hand-made synced rows:
// documents in force with their revision in force and an overdue review, objectives with their
// recorded measurements, open nonconformities first with the overdue one flagged, risks by
// their current score and level, audits with their findings, Vietnamese ordering.
import { describe, expect, it } from 'vitest';
import { officeRecordSections } from '../../../core/qms/office-records';
import type { OfficeRecordView } from '../../../core/sync/admin-qms-records';

let n = 0;
const rec = (
  kind: string,
  state: string,
  data: Record<string, unknown>,
  over: Partial<OfficeRecordView> = {},
): OfficeRecordView => ({
  id: `r${++n}`,
  kind,
  state,
  code: '',
  title: '',
  parentId: null,
  dueDate: null,
  sourceKind: null,
  sourceId: null,
  updatedAt: n,
  data,
  ...over,
});

const TODAY = '2026-06-15';

describe('office record sections', () => {
  it('shows documents in force with the revision in force and overdue reviews', () => {
    const b = rec(
      'document',
      'active',
      { docType: 'procedure' },
      { code: 'QT-ĐĐ-02', dueDate: '2026-06-14' },
    );
    const a = rec(
      'document',
      'active',
      { docType: 'procedure' },
      { code: 'QT-DD-01', dueDate: '2026-07-01' },
    );
    const ext = rec(
      'document',
      'active',
      { docType: 'external' },
      { code: 'NĐ-61', dueDate: '2020-01-01' },
    );
    const gone = rec('document', 'obsolete', { docType: 'procedure' }, { code: 'QT-00' });
    const old = rec(
      'revision',
      'superseded',
      { issueNo: 1, effectiveDate: '2025-01-01' },
      { parentId: a.id },
    );
    const now = rec(
      'revision',
      'effective',
      { issueNo: 2, effectiveDate: '2026-01-10' },
      { parentId: a.id },
    );
    const s = officeRecordSections([b, old, ext, gone, now, a], TODAY);
    // D before Đ (Vietnamese order); the obsolete document is not in force.
    expect(s.documents.map((d) => d.record.code)).toEqual(['NĐ-61', 'QT-DD-01', 'QT-ĐĐ-02']);
    const first = s.documents[1];
    expect(first?.revision?.id).toBe(now.id);
    expect([first?.issueNo, first?.effectiveDate, first?.reviewOverdue]).toEqual([
      2,
      '2026-01-10',
      false,
    ]);
    expect(s.documents[2]?.reviewOverdue).toBe(true);
    // An external document has no periodic review of its own.
    expect([s.documents[0]?.nextReview, s.documents[0]?.reviewOverdue]).toEqual([null, false]);
  });

  it('lists objectives newest year first with their recorded measurements in order', () => {
    const o = rec('objective', 'met', { year: 2026, statement: 'Trả đúng hạn' });
    const older = rec('objective', 'missed', { year: 2025, statement: 'Ân cần' });
    const q2 = rec(
      'measurement',
      'recorded',
      { label: 'Quý II', to: '2026-06-30', value: 97 },
      { parentId: o.id },
    );
    const q1 = rec(
      'measurement',
      'recorded',
      { label: 'Quý I', to: '2026-03-31', value: 95 },
      { parentId: o.id },
    );
    const voided = rec(
      'measurement',
      'void',
      { label: 'Sai', to: '2026-03-31' },
      { parentId: o.id },
    );
    const s = officeRecordSections([older, q2, voided, o, q1], TODAY);
    expect(s.objectives.map((x) => x.record.id)).toEqual([o.id, older.id]);
    expect(s.objectives[0]?.measurements.map((m) => m.data.label)).toEqual(['Quý I', 'Quý II']);
  });

  it('puts open nonconformities first, the most overdue on top, flagged overdue', () => {
    const due = rec('nonconformity', 'open', { deadline: '2026-06-30', detectedOn: '2026-06-01' });
    const late = rec('nonconformity', 'planned', {
      deadline: '2026-06-10',
      detectedOn: '2026-05-01',
    });
    const closed = rec('nonconformity', 'closed', {
      deadline: '2026-01-10',
      detectedOn: '2026-01-01',
    });
    const s = officeRecordSections([closed, due, late], TODAY);
    expect(s.nonconformities.map((x) => [x.record.id, x.open, x.overdue])).toEqual([
      [late.id, true, true],
      [due.id, true, false],
      [closed.id, false, false],
    ]);
  });

  it('rates risks by their current score (residual once re-assessed) and level', () => {
    const high = rec('risk', 'treating', {
      likelihood: 4,
      impact: 5,
      residualLikelihood: null,
      residualImpact: null,
      description: 'B',
    });
    const lowered = rec('risk', 'monitored', {
      likelihood: 5,
      impact: 5,
      residualLikelihood: 2,
      residualImpact: 2,
      description: 'A',
    });
    const closed = rec('risk', 'closed', { likelihood: 5, impact: 5, description: 'C' });
    const s = officeRecordSections([lowered, closed, high], TODAY);
    expect(s.risks.map((r) => [r.record.id, r.score, r.level])).toEqual([
      [high.id, 20, 'high'],
      [lowered.id, 4, 'low'],
      [closed.id, 25, 'high'],
    ]);
  });

  it('gives each audit its findings by clause, cancelled ones left out', () => {
    const audit = rec('audit', 'reported', { year: 2026, date: '2026-05-12', area: 'Hộ tịch' });
    const f10 = rec('finding', 'recorded', { auditId: audit.id, clause: '10.2', type: 'minor_nc' });
    const f7 = rec('finding', 'recorded', {
      auditId: audit.id,
      clause: '7.5',
      type: 'observation',
    });
    const gone = rec('finding', 'cancelled', { auditId: audit.id, clause: '8.1', type: 'ofi' });
    const s = officeRecordSections([f10, gone, audit, f7], TODAY);
    expect(s.audits[0]?.findings.map((f) => f.data.clause)).toEqual(['7.5', '10.2']);
  });
});

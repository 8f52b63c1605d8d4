// The yearly report's own rules (issue 10 item 5): the figures computed from a year's facts
// made by hand (documents issued and revised, audits' findings, objectives met and missed,
// nonconformities opened, closed, open and overdue, the desk's on-time and online rates,
// satisfaction and the QĐ 766 ratio, each from that year only), the template the province
// publishes validated with Vietnamese messages, the year due, and the life by role (submit
// needs every text, the chairman approves, the secretary sends).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import type { DossierFact, IndicatorFacts } from '../../../core/qms/indicators';
import {
  dueYear,
  yearFigures,
  yearlyReportData,
  yearlyReportKind,
  type YearFacts,
} from '../../../core/qms/yearly-report';
import { figureBlocks, yearlyReportDoc } from '../../../core/qms/yearly-report-print';
import { FIGURE_KEYS, reportTemplate } from '../../../core/qms/yearly-template';
import { actor, record, TODAY } from './support';

const dossier = (id: string, over: Partial<DossierFact>): DossierFact => ({
  id,
  procedureId: 'p1',
  field: 'Hộ tịch',
  channel: 'direct',
  receivedOn: '2025-03-02',
  resolvedOn: '2025-03-05',
  outcome: 'on_time',
  ...over,
});

const indicators: IndicatorFacts = {
  dossiers: [
    dossier('a', {}),
    dossier('b', { channel: 'online', outcome: 'early' }),
    dossier('c', { outcome: 'late', resolvedOn: '2025-04-01' }),
    dossier('d', { channel: 'online', resolvedOn: null, outcome: null, receivedOn: '2025-12-30' }),
    // Received the year before, returned in January: resolved in the year, not received in it.
    dossier('e', { receivedOn: '2024-12-28', resolvedOn: '2025-01-03' }),
    // Another year altogether.
    dossier('f', { receivedOn: '2024-05-02', resolvedOn: '2024-05-03', outcome: 'late' }),
  ],
  ratings: [
    { dossierId: 'a', satisfied: true, returnedOn: '2025-03-05' },
    { dossierId: 'b', satisfied: true, returnedOn: '2025-03-05' },
    { dossierId: 'c', satisfied: false, returnedOn: '2025-04-01' },
    { dossierId: 'f', satisfied: false, returnedOn: '2024-05-03' },
  ],
  feedback: [],
  nonconformities: [],
  procedureDocs: [],
};

const facts: YearFacts = {
  year: 2025,
  asOf: '2026-01-10',
  indicators,
  scope: { procedures: 42, notApplicable: [{ clause: '8.3', title: 'Thiết kế' }] },
  announcement: { decisionNo: '125/QĐ-UBND', signedOn: '2024-06-01' },
  revisions: [
    { code: 'QT-01', title: 'Khai sinh', issueNo: 1, effectiveDate: '2025-02-01' },
    { code: 'QT-02', title: 'Chứng thực', issueNo: 3, effectiveDate: '2025-05-01' },
    { code: 'QT-03', title: 'Khai tử', issueNo: 2, effectiveDate: '2025-06-01' },
  ],
  withdrawn: 1,
  audits: [
    {
      code: 'DGNB-2025-01',
      area: 'Hộ tịch',
      date: '2025-10-10',
      stateLabel: 'Đã báo cáo',
      findings: { major_nc: 1, minor_nc: 2, observation: 1, ofi: 3, conformity: 9 },
    },
  ],
  reviews: [{ code: 'XXLD-2025-01', date: '2025-12-15' }],
  objectives: [
    {
      code: 'MT-1',
      statement: 'Đúng hạn',
      target: 95,
      atMost: false,
      unit: '%',
      value: 96,
      met: true,
    },
    {
      code: 'MT-2',
      statement: 'Hài lòng',
      target: 90,
      atMost: false,
      unit: '%',
      value: 66.7,
      met: false,
    },
    {
      code: 'MT-3',
      statement: 'Rà soát',
      target: 100,
      atMost: false,
      unit: '%',
      value: null,
      met: null,
    },
  ],
  nonconformities: [
    { detectedOn: '2025-02-01', closedOn: '2025-03-01', deadline: '2025-03-01', open: false },
    { detectedOn: '2025-11-01', closedOn: null, deadline: '2025-12-01', open: true },
    { detectedOn: '2025-12-20', closedOn: null, deadline: '2026-02-01', open: true },
    // Detected the year before, closed in the year.
    { detectedOn: '2024-12-01', closedOn: '2025-01-15', deadline: '2025-01-31', open: false },
  ],
};

const template = reportTemplate.parse(
  JSON.parse(fs.readFileSync(path.join('resources', 'qms', 'yearly-report.json'), 'utf8')),
);

describe('the year figures', () => {
  it('are computed from that year only', () => {
    const f = yearFigures(facts);
    expect(f).toMatchObject({ year: 2025, from: '2025-01-01', to: '2025-12-31' });
    expect(f.documents).toMatchObject({ issued: 1, revised: 2, withdrawn: 1 });
    expect(f.audits[0]).toMatchObject({ nc: 3, observations: 1, improvements: 3 });
    expect(f.objectives).toMatchObject({ met: 1, missed: 1, unmeasured: 1 });
    expect(f.nonconformities).toEqual({ opened: 3, closed: 2, open: 2, overdue: 1 });
    // Received in 2025: a, b, c, d (e came in 2024); online: b, d.
    expect(f.desk.received).toBe(4);
    expect(f.desk.online).toEqual({ value: 50, numerator: 2, denominator: 4 });
    // Resolved in 2025: a, b, c, e; c late.
    expect(f.desk.onTime).toEqual({ value: 75, numerator: 3, denominator: 4 });
    expect(f.satisfaction.rated).toEqual({ value: 66.7, numerator: 2, denominator: 3 });
    // QĐ 766: c is both late and unsatisfied, counted once.
    expect(f.satisfaction.qd766).toEqual({ value: 75, numerator: 3, denominator: 4 });
    expect(() =>
      yearlyReportData.parse({ year: 2025, template, templateVersion: 0, figures: f }),
    ).not.toThrow();
  });

  it('an empty year has rates without data, never 0 % or 100 %', () => {
    const f = yearFigures({
      ...facts,
      indicators: { ...indicators, dossiers: [], ratings: [] },
      nonconformities: [],
    });
    expect(f.desk.onTime.value).toBeNull();
    expect(f.satisfaction.rated.value).toBeNull();
    expect(figureBlocks('satisfaction', f)[0]).toMatchObject({ text: 'chưa có số liệu' });
    expect(figureBlocks('desk', f)[0]).toMatchObject({
      text: 'Chưa tiếp nhận hồ sơ nào trong năm.',
    });
  });

  it('print the template sections with the figures and the texts typed', () => {
    const data = yearlyReportData.parse({
      year: 2025,
      template,
      templateVersion: 0,
      figures: yearFigures(facts),
      texts: { difficulties: 'Thiếu máy scan.' },
    });
    const doc = yearlyReportDoc({
      officeName: 'Ủy ban nhân dân xã Tân Lập',
      data,
      approved: false,
      signer: { title: 'Chủ tịch' },
      printedAt: 0,
    });
    expect(doc.subtitle).toContain('năm 2025');
    const text = JSON.stringify(doc.blocks);
    for (const s of [
      'IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ',
      'Thiếu máy scan.',
      'Quyết định công bố số 125/QĐ-UBND ngày 01/06/2024.',
      'Ban hành mới 1, sửa đổi 2, hủy bỏ 1 tài liệu trong năm.',
      '3 mục tiêu: đạt 1, không đạt 1, chưa đo 1.',
      'Phát sinh 3, đã khắc phục xong 2 trong năm; còn mở 2 (quá hạn 1).',
    ])
      expect(text).toContain(s);
    expect(doc.signers[0]).toMatchObject({ role: 'Chủ tịch', name: null });
  });
});

describe('the template', () => {
  it('the default shows every figure once', () => {
    expect(template.sections.flatMap((s) => s.figures).sort()).toEqual([...FIGURE_KEYS].sort());
  });

  it('refuses a figure twice, an unknown figure, a text key twice, an empty section or none', () => {
    const message = (t: unknown) =>
      reportTemplate.safeParse(t).error?.issues.map((i) => i.message) ?? [];
    const s0 = template.sections[0];
    expect(message({ ...template, sections: [s0, { ...s0, heading: 'Mục khác' }] })).toContain(
      'Số liệu "Quyết định công bố" xuất hiện ở hai mục',
    );
    expect(message({ ...template, sections: [{ ...s0, figures: ['budget'] }] })).toContain(
      'Số liệu không có trong mẫu báo cáo',
    );
    const t = { key: 'x', label: 'X' };
    expect(message({ ...template, sections: [{ ...s0, texts: [t, t] }] })).toContain(
      'Nội dung nhập "x" xuất hiện hai lần',
    );
    expect(
      message({ ...template, sections: [{ heading: 'Trống', figures: [], texts: [] }] }),
    ).toContain('Mục "Trống" không có số liệu cũng không có nội dung nhập');
    expect(message({ ...template, sections: [] })).toContain('Mẫu báo cáo phải có ít nhất một mục');
    expect(
      message({ ...template, sections: [{ ...s0, texts: [{ key: 'Bad Key', label: 'x' }] }] }),
    ).toContain('Khóa nội dung nhập chỉ gồm chữ thường, số và gạch dưới');
  });
});

describe('the report life', () => {
  const data = yearlyReportData.parse({
    year: 2025,
    template,
    templateVersion: 0,
    figures: yearFigures(facts),
  });
  const full: typeof data = {
    ...data,
    texts: { assessment: 'Tốt', difficulties: 'Ít', proposals: 'Tập huấn', plan: 'Duy trì' },
  };
  const iso = actor('u-iso', 'iso_coordinator');
  const chair = actor('u-chair', 'leader');
  const desk = actor('u-desk', 'desk_officer');
  const move = (name: string, state: string, who = iso, d = full, input: object = {}) =>
    checkTransition(yearlyReportKind, name, {
      record: record('yearly_report', state, d),
      actor: who,
      input,
      today: TODAY,
    });

  it('submit needs every text of the template', () => {
    const refused = move('submit', 'draft', iso, data);
    expect(refused).toMatchObject({ ok: false, failure: { code: 'INVALID_INPUT' } });
    expect(refused.ok ? '' : refused.failure.message).toContain('Khó khăn, vướng mắc');
    expect(move('submit', 'draft')).toMatchObject({ ok: true, to: 'in_review' });
    expect(move('submit', 'draft', desk)).toMatchObject({
      ok: false,
      failure: { code: 'FORBIDDEN' },
    });
  });

  it('only the chairman approves; the secretary sends; returning needs a reason', () => {
    expect(move('approve', 'in_review', iso)).toMatchObject({
      ok: false,
      failure: { code: 'FORBIDDEN' },
    });
    expect(move('approve', 'in_review', chair)).toMatchObject({
      ok: true,
      to: 'approved',
      patch: { data: { approved: { userId: 'u-chair', on: TODAY } } },
    });
    expect(move('approve', 'draft', chair)).toMatchObject({
      ok: false,
      failure: { code: 'CONFLICT' },
    });
    expect(move('return', 'in_review', chair)).toMatchObject({
      ok: false,
      failure: { code: 'INVALID_INPUT' },
    });
    expect(move('return', 'in_review', chair, full, { comment: 'Bổ sung số liệu' })).toMatchObject({
      ok: true,
      to: 'draft',
    });
    expect(move('send', 'approved', iso)).toMatchObject({ ok: true, to: 'sent' });
    expect(move('send', 'in_review', iso)).toMatchObject({
      ok: false,
      failure: { code: 'CONFLICT' },
    });
  });

  it('the year due is this year from 1 December, else last year', () => {
    expect(dueYear('2026-11-30')).toBe(2025);
    expect(dueYear('2026-12-01')).toBe(2026);
    expect(dueYear('2027-01-15')).toBe(2026);
  });
});

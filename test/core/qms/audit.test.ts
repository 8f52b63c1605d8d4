// The internal audit's pure rules: auditor independence from the roles working in a
// procedure, the checklist built from the clause list without the clauses not applicable, the
// random sample, and the transitions (plan complete to approve, team to start, lead and a
// filled checklist to report).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import {
  auditData,
  auditKind,
  drawSample,
  independenceConflict,
  planGaps,
  type AuditData,
} from '../../../core/qms/audit';
import {
  buildChecklist,
  checklistProgress,
  clauseFile,
  compareClauses,
} from '../../../core/qms/audit-checklist';
import { actor, record, TODAY } from './support';

const file = clauseFile.parse(
  JSON.parse(fs.readFileSync(path.resolve('resources/qms/iso9001-checklist.json'), 'utf8')),
);

describe('the ISO 9001:2015 clause list', () => {
  it('has every clause 4.1–10.3 with a Vietnamese title and questions', () => {
    const expected = [
      ...['4.1', '4.2', '4.3', '4.4'],
      ...['5.1', '5.2', '5.3'],
      ...['6.1', '6.2', '6.3'],
      ...['7.1', '7.2', '7.3', '7.4', '7.5'],
      ...['8.1', '8.2', '8.3', '8.4', '8.5', '8.6', '8.7'],
      ...['9.1', '9.2', '9.3'],
      ...['10.1', '10.2', '10.3'],
    ];
    expect(file.clauses.map((c) => c.clause)).toEqual(expected);
    expect(file.clauses.find((c) => c.clause === '7.5')?.title).toBe('Thông tin dạng văn bản');
    expect(file.clauses.find((c) => c.clause === '9.3')?.title).toBe('Xem xét của lãnh đạo');
    expect(file.clauses.every((c) => c.questions.length >= 1)).toBe(true);
  });

  it('builds a checklist without the clauses declared not applicable, in clause order', () => {
    const all = buildChecklist(file, [], ['8.3']);
    expect(all.some((i) => i.clause === '8.3')).toBe(false);
    expect(all[0]).toMatchObject({ id: '4.1#1', clause: '4.1', result: null, note: '' });
    expect(all.at(-1)?.clause).toBe('10.3');
    const some = buildChecklist(file, ['10.2', '7.5', '8.3'], ['8.3']);
    expect([...new Set(some.map((i) => i.clause))]).toEqual(['7.5', '10.2']);
    expect(compareClauses('7.5', '10.1')).toBeLessThan(0);
    expect(checklistProgress(some)).toMatchObject({ total: 5, answered: 0 });
  });
});

describe('auditor independence', () => {
  const area = [
    {
      code: '1.001193',
      title: 'Quy trình đăng ký khai sinh',
      roles: ['iso_coordinator', 'desk_officer', 'specialist', 'leader'] as const,
    },
  ];
  it('refuses an auditor whose role works in the audited procedure', () => {
    const message = independenceConflict(
      [
        { id: 'a', name: 'Vũ Quốc Kiểm', roles: ['internal_auditor'] },
        { id: 'b', name: 'Hoàng Văn Đức', roles: ['specialist', 'internal_auditor'] },
      ],
      area,
    );
    expect(message).toBe(
      'Hoàng Văn Đức (Công chức chuyên môn) làm việc trong quy trình được đánh giá 1.001193 Quy trình đăng ký khai sinh: đánh giá viên không được đánh giá lĩnh vực mình làm việc.',
    );
  });
  it('lets an auditor from another area (or a pure auditor) audit it', () => {
    expect(
      independenceConflict(
        [
          { id: 'a', name: 'Vũ Quốc Kiểm', roles: ['internal_auditor'] },
          { id: 'c', name: 'Đặng Thị Thư', roles: ['records_clerk', 'internal_auditor'] },
        ],
        area,
      ),
    ).toBeNull();
    expect(
      independenceConflict(
        [{ id: 'b', name: 'Hoàng Văn Đức', roles: ['specialist'] }],
        [{ code: 'QT-01', title: 'Kiểm soát tài liệu', roles: ['iso_coordinator'] }],
      ),
    ).toBeNull();
  });
});

describe('the dossier sample', () => {
  it('draws distinct items, at most the pool, reproducibly from the random source', () => {
    const pool = Array.from({ length: 100 }, (_, i) => i);
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const a = drawSample(pool, 10, rnd);
    expect(new Set(a).size).toBe(10);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    seed = 1;
    expect(drawSample(pool, 10, rnd)).toEqual(a);
    expect(drawSample([1, 2, 3], 10, Math.random).sort()).toEqual([1, 2, 3]);
    expect(drawSample([], 5, Math.random)).toEqual([]);
    // Not always the first ones.
    expect(a).not.toEqual(pool.slice(0, 10));
  });
});

function audit(over: Partial<AuditData> = {}): AuditData {
  return auditData.parse({
    year: 2026,
    month: 3,
    area: 'Hộ tịch',
    scope: 'Quy trình đăng ký khai sinh',
    date: '2026-03-20',
    leadAuditorId: 'lead',
    auditorIds: ['aud'],
    auditeeIds: ['tp'],
    checklist: buildChecklist(file, ['7.5'], []),
    ...over,
  });
}

describe('audit transitions', () => {
  it('approves only a complete plan, by a leader', () => {
    const incomplete = record('audit', 'planned', audit({ date: null, auditeeIds: [] }));
    expect(planGaps(incomplete.data)).toEqual(['ngày đánh giá', 'người được đánh giá']);
    const r = checkTransition(auditKind, 'approve', {
      record: incomplete,
      actor: actor('ct', 'leader'),
      input: {},
      today: TODAY,
    });
    expect(r).toMatchObject({
      ok: false,
      failure: { message: 'Kế hoạch đánh giá còn thiếu: ngày đánh giá, người được đánh giá.' },
    });
    const byAuditor = checkTransition(auditKind, 'approve', {
      record: record('audit', 'planned', audit()),
      actor: actor('tk', 'iso_coordinator'),
      input: {},
      today: TODAY,
    });
    expect(byAuditor.ok).toBe(false);
    const ok = checkTransition(auditKind, 'approve', {
      record: record('audit', 'planned', audit()),
      actor: actor('ct', 'leader'),
      input: {},
      today: TODAY,
    });
    expect(ok).toMatchObject({
      ok: true,
      to: 'approved',
      patch: { data: { approved: { userId: 'ct' } } },
    });
  });

  it('is started by the team and reported by the lead once every question is answered', () => {
    const approved = record('audit', 'approved', audit());
    const outsider = checkTransition(auditKind, 'start', {
      record: approved,
      actor: actor('x', 'internal_auditor'),
      input: {},
      today: TODAY,
    });
    expect(outsider).toMatchObject({ ok: false, failure: { code: 'FORBIDDEN' } });
    expect(
      checkTransition(auditKind, 'start', {
        record: approved,
        actor: actor('aud'),
        input: {},
        today: TODAY,
      }).ok,
    ).toBe(true);
    const running = record('audit', 'in_progress', audit());
    const early = checkTransition(auditKind, 'report', {
      record: running,
      actor: actor('lead'),
      input: { comment: 'Phù hợp' },
      today: TODAY,
    });
    expect(early).toMatchObject({
      ok: false,
      failure: { message: 'Còn 3 câu hỏi trong danh mục kiểm tra chưa đánh giá.' },
    });
    const filled = audit();
    const done = record('audit', 'in_progress', {
      ...filled,
      checklist: filled.checklist.map((i) => ({ ...i, result: 'conform' as const })),
    });
    expect(
      checkTransition(auditKind, 'report', {
        record: done,
        actor: actor('aud'),
        input: { comment: 'x' },
        today: TODAY,
      }).ok,
    ).toBe(false);
    expect(
      checkTransition(auditKind, 'report', {
        record: done,
        actor: actor('lead'),
        input: { comment: 'Hệ thống phù hợp' },
        today: TODAY,
      }),
    ).toMatchObject({
      ok: true,
      to: 'reported',
      patch: { data: { conclusion: 'Hệ thống phù hợp' }, dueDate: null },
    });
  });
});

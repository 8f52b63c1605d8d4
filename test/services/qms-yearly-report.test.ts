// The yearly report through the services (issue 10 item 5): the ISO secretary is told the
// report is due and generates it from the year's data, whose figures equal the desk
// dashboard's and the objectives' for the same year; she types the texts and submits; only the
// chairman approves; the approved report's figures no longer change (a late dossier after
// approval changes the preview, not the report; regenerating and editing are refused); she
// sends it; it prints and exports as .docx with its texts; bad input is refused in Vietnamese
// with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../core/contract';
import type { YearFigures } from '../../core/qms/yearly-report';
import { dumpDatabase } from '../support/backend';
import { returnedLateDossier, startDemoDesk, vn, type DeskApp } from '../support/desk';

let app: DeskApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

const TEXTS = {
  assessment: 'Hệ thống được duy trì đều đặn.',
  difficulties: 'Máy scan hỏng nhiều lần.',
  proposals: 'Đề nghị Sở tổ chức tập huấn đánh giá nội bộ.',
  plan: 'Rà soát toàn bộ quy trình trong quý I.',
};

const figuresOf = (r: OpOutput<'yearly.generate'>) => r.data['figures'] as YearFigures;
const tasks = async (a: DeskApp, who: string) =>
  (await a.ok(who)('qms.inbox', {})).items.map((i) => i.task);

describe('yearly report', () => {
  it('is generated from the year, approved by the chairman, frozen and sent', async () => {
    app = await startDemoDesk();
    const a = app;
    await returnedLateDossier(a);
    a.clock.now = vn('2026-12-02', '09:00');
    await a.relogin();
    expect(await tasks(a, 'thuky')).toContain('Lập báo cáo năm 2026 về HTQLCL gửi Sở KH&CN');
    const list = await a.ok('thuky')('yearly.list', {});
    expect(list).toMatchObject({ reports: [], dueYear: 2026, maxYear: 2026, mayGenerate: true });

    const draft = await a.ok('thuky')('yearly.generate', { year: 2026 });
    expect(draft).toMatchObject({ kind: 'yearly_report', state: 'draft', code: 'BCN-2026' });
    const f = figuresOf(draft);
    // The same figures as the desk dashboard's year and the objectives' computed indicators.
    const dash = await a.ok('thuky')('dashboard.get', {});
    expect([f.desk.onTime.numerator, f.desk.onTime.denominator]).toEqual([
      dash.year.onTime,
      dash.year.resolved,
    ]);
    expect(f.desk.onTime.denominator).toBeGreaterThan(0);
    for (const [indicator, m] of [
      ['on_time_rate', f.desk.onTime],
      ['satisfaction_rate', f.satisfaction.rated],
      ['qd766_ratio', f.satisfaction.qd766],
      ['online_share', f.desk.online],
    ] as const) {
      const o = await a.ok('thuky')('objectives.create', {
        year: 2026,
        statement: `Chỉ số ${indicator}`,
        indicator,
        target: 90,
        plan: {
          what: 'Theo dõi',
          resources: 'Phần mềm',
          who: 'Thư ký ISO',
          when: 'Cả năm',
          evaluation: 'Quý',
        },
        frequency: 'quarterly',
      });
      const c = await a.ok('thuky')('objectives.compute', {
        objectiveId: o.id,
        from: '2026-01-01',
        to: '2026-12-31',
      });
      expect(c, indicator).toEqual(m);
    }
    // The objectives just created are in the regenerated draft, unmeasured.
    const again = await a.ok('thuky')('yearly.regenerate', { id: draft.id, rev: draft.rev });
    expect(figuresOf(again).objectives).toMatchObject({ unmeasured: 4, met: 0, missed: 0 });
    expect((await a.as('thuky')('yearly.generate', { year: 2026 })).ok).toBe(false);

    const incomplete = await a.as('thuky')('qms.transition', {
      id: draft.id,
      rev: again.rev,
      transition: 'submit',
    });
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const typed = await a.ok('thuky')('yearly.saveTexts', {
      id: draft.id,
      rev: again.rev,
      texts: TEXTS,
    });
    const submitted = await a.ok('thuky')('qms.transition', {
      id: draft.id,
      rev: typed.rev,
      transition: 'submit',
    });
    expect(submitted.state).toBe('in_review');
    expect(await tasks(a, 'chutich')).toContain('Duyệt báo cáo năm về HTQLCL gửi Sở KH&CN');
    const byIso = await a.as('thuky')('qms.transition', {
      id: draft.id,
      rev: submitted.rev,
      transition: 'approve',
    });
    expect(byIso).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const approved = await a.ok('chutich')('qms.transition', {
      id: draft.id,
      rev: submitted.rev,
      transition: 'approve',
    });
    expect(approved.state).toBe('approved');
    expect(await tasks(a, 'thuky')).toContain('Gửi báo cáo năm đã duyệt lên Sở KH&CN');

    // Later data changes the preview, never the approved report.
    await returnedLateDossier(a);
    a.clock.now = vn('2026-12-03', '09:00');
    await a.relogin();
    const preview = (await a.ok('thuky')('yearly.preview', { year: 2026 })) as YearFigures;
    expect(preview.desk.onTime.denominator).toBe(f.desk.onTime.denominator + 1);
    const before = dumpDatabase(a.backend);
    for (const r of [
      await a.as('thuky')('yearly.regenerate', { id: draft.id, rev: approved.rev }),
      await a.as('thuky')('yearly.saveTexts', {
        id: draft.id,
        rev: approved.rev,
        texts: {},
      }),
    ])
      expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toContain(
        'CONFLICT Báo cáo đã trình hoặc đã duyệt: số liệu và nội dung không còn thay đổi được.',
      );
    expect(dumpDatabase(a.backend)).toBe(before);

    const sent = await a.ok('thuky')('qms.transition', {
      id: draft.id,
      rev: approved.rev,
      transition: 'send',
    });
    expect(sent.state).toBe('sent');
    expect(sent.data['figures']).toEqual(figuresOf(again));
    expect(await tasks(a, 'thuky')).not.toContain('Lập báo cáo năm 2026 về HTQLCL gửi Sở KH&CN');
    const printed = await a.ok('thuky')('yearly.print', { id: draft.id });
    for (const text of [
      'BÁO CÁO',
      'Kính gửi: Sở Khoa học và Công nghệ tỉnh',
      'hướng dẫn của Sở Khoa học và Công nghệ tỉnh, Ủy ban nhân dân xã Tân Lập báo cáo',
      'năm 2026',
      TEXTS.difficulties,
      'IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ',
      `${f.desk.onTime.value?.toLocaleString('vi-VN')}% (${f.desk.onTime.numerator}/${f.desk.onTime.denominator})`,
      'Chủ tịch',
    ])
      expect(printed.html).toContain(text);
    const word = await a.ok('thuky')('yearly.exportDocx', { id: draft.id });
    expect(word.fileName).toBe('bao-cao-nam-htqlcl_BCN-2026.docx');
    const mammoth = await import('mammoth');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(word.base64, 'base64') });
    expect(value).toContain(TEXTS.proposals);
  });

  it('refuses bad input with a Vietnamese reason and writes nothing', async () => {
    app = await startDemoDesk();
    const a = app;
    const before = dumpDatabase(a.backend);
    const cases: [string, string, object, string][] = [
      ['thuky', 'yearly.generate', { year: 2027 }, 'INVALID_INPUT'],
      ['thuky', 'yearly.preview', { year: 2027 }, 'INVALID_INPUT'],
      ['thuky', 'yearly.generate', { year: 1990 }, 'INVALID_INPUT'],
      ['thuky', 'yearly.generate', { year: 'năm ngoái' }, 'INVALID_INPUT'],
      ['motcua', 'yearly.generate', { year: 2025 }, 'FORBIDDEN'],
    ];
    for (const [who, name, input, code] of cases) {
      const r = await a.as(who)(name as 'yearly.generate', input as never);
      expect(r, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toMatch(/[ăâđêôơưáàảãạấầẩẫậếềểễệ]/);
    }
    expect(dumpDatabase(a.backend)).toBe(before);

    const draft = await a.ok('thuky')('yearly.generate', { year: 2025 });
    const written = dumpDatabase(a.backend);
    const bad: [string, object][] = [
      ['motcua', { id: draft.id, rev: draft.rev, texts: { plan: 'x' } }],
      ['thuky', { id: draft.id, rev: draft.rev, texts: { budget: 'Một tỷ' } }],
      ['thuky', { id: draft.id, rev: draft.rev, texts: { plan: 'x'.repeat(10_001) } }],
      ['thuky', { id: draft.id, rev: draft.rev + 1, texts: { plan: 'x' } }],
    ];
    for (const [who, input] of bad) {
      const r = await a.as(who)('yearly.saveTexts', input as never);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/[ăâđêôơưáàảãạấầẩẫậếềểễệ]/);
    }
    expect(dumpDatabase(a.backend)).toBe(written);
  });
});

// The conformity announcement through the services (issue 10, item 4): a new office is told to
// announce; the ISO secretary drafts from the live catalog with 8.3 excluded; the chairman
// signs it with its number and date from the inbox; the decision prints with them and its
// annex, and as a .docx; when the catalog changes a new one is due and names the change; the
// next approval supersedes the first and cites it; internal audits follow the exclusions in
// force; bad input writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../core/contract';
import { dumpDatabase } from '../support/backend';
import { startDemoDesk, type DeskApp } from '../support/desk';

let app: DeskApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

const EXCLUDE_83 = {
  clause: '8.3',
  reason: 'UBND xã giải quyết thủ tục hành chính theo quy định, không thiết kế sản phẩm, dịch vụ.',
};

async function inbox(a: DeskApp, who: string) {
  return (await a.ok(who)('qms.inbox', {})).items;
}

async function approve(a: DeskApp, r: OpOutput<'announcements.draft'>, decisionNo: string) {
  return a.ok('chutich')('qms.transition', {
    id: r.id,
    rev: r.rev,
    transition: 'approve',
    date: '2026-11-23',
    fields: { decisionNo },
  });
}

describe('conformity announcement', () => {
  it('is drafted from the catalog, signed by the chairman, printed with its number and date', async () => {
    app = await startDemoDesk();
    const a = app;
    const first = await a.ok('thuky')('announcements.overview', {});
    expect(first).toMatchObject({ inForce: null, draft: null, due: true, mayDraft: true });
    expect((await inbox(a, 'thuky')).map((i) => i.task)).toContain(
      'Lập quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015',
    );
    const active = (await a.ok('thuky')('catalog.list', {})).filter((p) => p.active);

    const draft = await a.ok('thuky')('announcements.draft', { notApplicable: [EXCLUDE_83] });
    const scope = draft.data['scope'] as { procedures: { code: string }[] };
    expect(scope.procedures.map((p) => p.code).sort()).toEqual(active.map((p) => p.code).sort());
    expect((await inbox(a, 'thuky')).map((i) => i.source)).not.toContain('announcement');
    expect((await inbox(a, 'chutich')).map((i) => i.task)).toContain(
      'Ký quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015',
    );

    const signed = await approve(a, draft, '125/QĐ-UBND');
    expect(signed.state).toBe('approved');
    const after = await a.ok('thuky')('announcements.overview', {});
    expect(after).toMatchObject({ due: false, changes: [], draft: null, mayDraft: false });
    expect(after.inForce?.id).toBe(draft.id);

    const printed = await a.ok('thuky')('announcements.print', { id: draft.id });
    for (const text of [
      'Số: 125/QĐ-UBND',
      'ngày 23 tháng 11 năm 2026',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LẬP',
      'Ủy ban nhân dân xã Tân Lập phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015',
      'Quyết định này có hiệu lực kể từ ngày ký.',
      '8.3 (Thiết kế và phát triển sản phẩm và dịch vụ)',
      'Kèm theo Quyết định số 125/QĐ-UBND ngày 23/11/2026',
      'Đăng ký khai sinh',
      'Nơi nhận:',
    ])
      expect(printed.html).toContain(text);
    const word = await a.ok('thuky')('announcements.exportDocx', { id: draft.id });
    expect(word.fileName).toMatch(/^quyet-dinh-cong-bo-htqlcl_CB-2026-\d+\.docx$/);
    const mammoth = await import('mammoth');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(word.base64, 'base64') });
    expect(value).toContain('Số: 125/QĐ-UBND');
    expect(value).toContain('DANH MỤC CÁC THỦ TỤC HÀNH CHÍNH, QUY TRÌNH ÁP DỤNG');
  });

  it('is due again when the catalog changes; the next one supersedes and cites the first', async () => {
    app = await startDemoDesk();
    const a = app;
    const first = await a.ok('thuky')('announcements.draft', { notApplicable: [EXCLUDE_83] });
    await approve(a, first, '125/QĐ-UBND');
    const [dropped] = (await a.ok('thuky')('catalog.list', {})).filter((p) => p.active);
    a.backend
      .database()
      .prepare('UPDATE procedures SET active = 0 WHERE code = ?')
      .run(dropped?.code);

    const due = await a.ok('thuky')('announcements.overview', {});
    expect(due.due).toBe(true);
    expect(due.changes).toEqual([`Bỏ 1 thủ tục: ${dropped?.code} ${dropped?.name}`]);
    const line = (await inbox(a, 'thuky')).find((i) => i.source === 'announcement');
    expect(line?.task).toBe('Phạm vi HTQLCL đã thay đổi: lập quyết định công bố lại');

    const second = await a.ok('thuky')('announcements.draft', {
      notApplicable: [
        EXCLUDE_83,
        { clause: '8.4', reason: 'UBND xã không thuê ngoài quá trình nào của hệ thống.' },
      ],
    });
    await approve(a, second, '210/QĐ-UBND');
    const now = await a.ok('thuky')('announcements.overview', {});
    expect(now.inForce?.id).toBe(second.id);
    expect(now.earlier.map((r) => [r.id, r.state])).toEqual([[first.id, 'superseded']]);
    expect(now.due).toBe(false);
    const printed = await a.ok('thuky')('announcements.print', { id: second.id });
    expect(printed.html).toContain('thay thế Quyết định số 125/QĐ-UBND ngày 23/11/2026');
    expect(printed.html).not.toContain(`<td>${dropped?.code ?? '-'}</td>`);

    const options = await a.ok('thuky')('audits.options', {});
    const applicable = new Map(options.clauses.map((c) => [c.clause, c.applicable]));
    expect([applicable.get('8.3'), applicable.get('8.4'), applicable.get('8.5')]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('refuses bad input with a Vietnamese reason and writes nothing', async () => {
    app = await startDemoDesk();
    const a = app;
    const before = dumpDatabase(a.backend);
    const cases: [string, object, string][] = [
      [
        'thuky',
        { notApplicable: [{ clause: '9.2', reason: 'Không đánh giá nội bộ được.' }] },
        'INVALID_INPUT',
      ],
      ['thuky', { notApplicable: [{ clause: '8.3', reason: 'ngắn' }] }, 'INVALID_INPUT'],
      ['thuky', { notApplicable: [EXCLUDE_83, EXCLUDE_83] }, 'INVALID_INPUT'],
      ['motcua', { notApplicable: [EXCLUDE_83] }, 'FORBIDDEN'],
    ];
    for (const [who, input, code] of cases) {
      const r = await a.as(who)('announcements.draft', input as never);
      expect(r).toMatchObject({ ok: false, error: { code } });
      if (!r.ok)
        expect(r.error.message).toMatch(
          /[àáạảãâầấậẩẫăằắặẳẵđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữ]/,
        );
    }
    expect(dumpDatabase(a.backend)).toBe(before);

    const draft = await a.ok('thuky')('announcements.draft', { notApplicable: [EXCLUDE_83] });
    const again = await a.as('thuky')('announcements.draft', { notApplicable: [] });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bad = await a.as('chutich')('qms.transition', {
      id: draft.id,
      rev: draft.rev,
      transition: 'approve',
      date: '2026-11-24',
      fields: { decisionNo: '125/QĐ-UBND' },
    });
    expect(bad).toMatchObject({ ok: false, error: { message: 'Ngày ký không được sau hôm nay.' } });
    const byIso = await a.as('thuky')('qms.transition', {
      id: draft.id,
      rev: draft.rev,
      transition: 'approve',
      date: '2026-11-23',
      fields: { decisionNo: '125/QĐ-UBND' },
    });
    expect(byIso).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

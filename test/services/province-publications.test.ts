// What the province publishes besides the catalog and calendar, on the office: notices (the
// newest version of each shown on its days) and form notes (printed under the form), pulled
// from the real provincial server (PGlite); a bad entry is kept with its error, never used.
import { describe, expect, it } from 'vitest';
import { vn } from '../support/desk';
import { provinceFixture, receive } from '../sync/support/env';

const province = provinceFixture();

type Entry = { kind: string; key: string; version: number; body: unknown };

const notice = (key: string, version: number, body: Record<string, unknown>): Entry => ({
  kind: 'notice',
  key,
  version,
  body,
});

async function publish(entries: Entry[]) {
  const r = await province.h.admin.call('POST', '/v1/admin/feed', { body: { entries } });
  expect(r.status).toBe(201);
}

describe('province notices', () => {
  it('shows the newest version of each notice while in force, important first', async () => {
    const o = await province.office();
    // Sessions time out: the clock moves, then everyone logs in again.
    const at = async (date: string, time: string) => {
      o.app.clock.now = vn(date, time);
      await o.app.relogin();
    };
    await at('2026-11-23', '09:00');
    await publish([
      notice('a', 1, { title: 'Lịch tiếp dân', body: 'Bản cũ' }),
      notice('a', 2, { title: 'Lịch tiếp dân (sửa)', body: 'Thứ Năm hằng tuần' }),
      notice('b', 1, { title: 'Hết hạn hôm nay', body: 'x', showUntil: '2026-11-23' }),
      notice('c', 1, { title: 'Đã hết hạn', body: 'x', showUntil: '2026-11-22' }),
      notice('d', 1, { title: 'Sẽ thu hồi', body: 'x' }),
      notice('d', 2, { title: 'Sẽ thu hồi', body: 'x', withdrawn: true }),
      notice('e', 1, { title: 'Khẩn: cập nhật phần mềm', body: 'Trước 30/11', important: true }),
      notice('f', 1, { title: '', body: 'không có tiêu đề' }),
    ]);
    expect((await o.engine.run()).ok).toBe(true);

    const shown = await o.app.ok('motcua')('sync.notices', {});
    expect(shown.notices.map((n) => [n.key, n.version, n.title])).toEqual([
      ['e', 1, 'Khẩn: cập nhật phần mềm'],
      ['a', 2, 'Lịch tiếp dân (sửa)'],
      ['b', 1, 'Hết hạn hôm nay'],
    ]);
    // A notice without a title is kept with the reason, counted as a feed problem, not shown.
    const bad = o.app.backend
      .database()
      .prepare("SELECT error FROM sync_feed WHERE kind = 'notice' AND key = 'f'")
      .get() as { error: string };
    expect(bad.error).toContain('Thông báo không hợp lệ');
    expect((await o.app.ok('admin')('sync.status', {})).feedProblems).toBe(1);

    // Vietnam midnight: the notice shown "until 23/11" is gone on the 24th.
    await at('2026-11-23', '23:59');
    expect((await o.app.ok('motcua')('sync.notices', {})).notices.map((n) => n.key)).toContain('b');
    await at('2026-11-24', '00:00');
    expect((await o.app.ok('motcua')('sync.notices', {})).notices.map((n) => n.key)).not.toContain(
      'b',
    );

    // Withdrawing later (a new version) hides it at the next sync.
    await publish([notice('a', 3, { title: 'Lịch tiếp dân (sửa)', body: 'x', withdrawn: true })]);
    expect((await o.engine.run()).ok).toBe(true);
    const after = await o.app.ok('motcua')('sync.notices', {});
    expect(after.notices.map((n) => n.key)).toEqual(['e']);
  });

  it('needs a logged-in user', async () => {
    const o = await province.office();
    const r = await o.app.backend.call('nobody', 'sync.notices', {});
    expect(r.ok).toBe(false);
  });
});

describe('form notes', () => {
  it('prints the newest notes of a form under it, escaped; other forms unchanged', async () => {
    const o = await province.office();
    const receipt = (version: number, notes: string[]): Entry => ({
      kind: 'form_template',
      key: 'tt03-2025/receipt',
      version,
      body: { formSet: 'tt03-2025', kind: 'receipt', notes },
    });
    await publish([
      receipt(1, ['Bản cũ']),
      receipt(2, ['Tra cứu hồ sơ tại dichvucong.example.gov.vn', 'Đường dây nóng <1022>']),
      // The key says control slip, the body says receipt: refused.
      {
        kind: 'form_template',
        key: 'tt03-2025/control_slip',
        version: 1,
        body: { formSet: 'tt03-2025', kind: 'receipt', notes: ['Sai khóa'] },
      },
    ]);
    expect((await o.engine.run()).ok).toBe(true);
    const [id = ''] = await receive(o.app, 1);

    const form = await o.app.ok('motcua')('forms.render', { dossierId: id, kind: 'receipt' });
    expect(form.html).toContain('<i>Ghi chú:</i>');
    expect(form.html).toContain('Tra cứu hồ sơ tại dichvucong.example.gov.vn');
    expect(form.html).toContain('Đường dây nóng &lt;1022&gt;');
    expect(form.html).not.toContain('Bản cũ');
    const slip = await o.app.ok('motcua')('forms.render', { dossierId: id, kind: 'control_slip' });
    expect(slip.html).not.toContain('Ghi chú:');
    expect(slip.html).not.toContain('Sai khóa');
    const bad = o.app.backend
      .database()
      .prepare("SELECT error FROM sync_feed WHERE key = 'tt03-2025/control_slip'")
      .get() as { error: string };
    expect(bad.error).toContain('Ghi chú biểu mẫu không hợp lệ');

    // An empty list at the next version removes the notes.
    await publish([receipt(3, [])]);
    expect((await o.engine.run()).ok).toBe(true);
    const again = await o.app.ok('motcua')('forms.render', { dossierId: id, kind: 'receipt' });
    expect(again.html).not.toContain('Ghi chú:');
  });
});

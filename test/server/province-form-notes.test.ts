// Form notes the province publishes: the lines printed under one form of a form set are a
// 'form_template' entry keyed '<form set>/<form kind>' at the next version of that key; an
// empty list removes them. The dashboard lists every form of every set with its current notes.
// Bad input is a 400 in Vietnamese that publishes nothing; the routes need a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formNotesListResponse, publishFormNotesResponse } from '../../core/sync/admin';
import type { FormNotesView } from '../../core/sync/admin';
import { FORM_SETS } from '../../core/forms/registry';
import { BACKENDS } from './support/backends';
import { expectSessionRequired } from './support/province-auth';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

const notes = {
  formSet: 'tt03-2025',
  kind: 'receipt',
  notes: [
    'Tra cứu tình trạng hồ sơ tại Cổng Dịch vụ công tỉnh: dichvucong.tinh.gov.vn',
    'Đường dây nóng: 0210 3 846 111',
  ],
};

interface PulledEntry {
  readonly kind: string;
  readonly key: string;
  readonly version: number;
  readonly body: unknown;
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`province form notes on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startServer(backend);
    }, 30_000);
    afterAll(async () => h?.close());

    const publish = (body: unknown) => h.admin.call('POST', '/v1/admin/feed/form-notes', { body });
    const list = async (): Promise<FormNotesView[]> => {
      const reply = await h.admin.call('GET', '/v1/admin/form-notes');
      expect(reply.status).toBe(200);
      return formNotesListResponse.parse(reply.body).forms;
    };
    const feedRows = async () => {
      const reply = await h.admin.call('GET', '/v1/admin/feed');
      expect(reply.status).toBe(200);
      return (reply.body.entries as { kind: string }[]).filter((e) => e.kind === 'form_template');
    };

    it('publishes a form’s notes that offices pull, then new notes, then none', async () => {
      const before = await list();
      expect(before).toHaveLength(FORM_SETS.reduce((n, s) => n + s.forms.length, 0));
      expect(before.every((f) => f.notes.length === 0 && f.version === null)).toBe(true);

      const first = await publish({ ...notes, notes: notes.notes.map((l) => `  ${l} `) });
      expect(first.status).toBe(201);
      expect(publishFormNotesResponse.parse(first.body)).toEqual({
        key: 'tt03-2025/receipt',
        version: 1,
      });

      const { device } = await h.office('000.00.51.H56');
      const pulled = await device.pull(0, 1000);
      expect(pulled.status).toBe(200);
      const entries = (pulled.body.entries as PulledEntry[]).filter(
        (e) => e.kind === 'form_template',
      );
      expect(entries).toEqual([
        expect.objectContaining({ key: 'tt03-2025/receipt', version: 1, body: notes }),
      ]);

      const second = await publish({ ...notes, notes: ['Đường dây nóng: 1022'] });
      expect(second.status).toBe(201);
      expect(second.body).toEqual({ key: 'tt03-2025/receipt', version: 2 });
      const forms = await list();
      const receipt = forms.find((f) => f.formSet === 'tt03-2025' && f.kind === 'receipt');
      expect(receipt).toMatchObject({
        label: 'Mẫu số 01',
        title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
        notes: ['Đường dây nóng: 1022'],
        version: 2,
      });
      expect(Math.abs((receipt?.publishedAt ?? 0) - Date.now())).toBeLessThan(60_000);
      // The same form of the older set and every other form have none.
      const others = forms.filter((f) => f !== receipt);
      expect(others.find((f) => f.formSet === 'tt01-2018' && f.kind === 'receipt')).toBeDefined();
      for (const f of others) {
        expect(f, `${f.formSet}/${f.kind}`).toMatchObject({
          notes: [],
          version: null,
          publishedAt: null,
        });
      }
      expect(forms.find((f) => f.formSet === 'tt03-2025' && f.kind === 'stop')?.label).toBe(
        'Mẫu số 05',
      );

      const removed = await publish({ ...notes, notes: [] });
      expect(removed.status).toBe(201);
      expect(removed.body).toEqual({ key: 'tt03-2025/receipt', version: 3 });
      const after = await list();
      expect(after.find((f) => f.formSet === 'tt03-2025' && f.kind === 'receipt')).toMatchObject({
        notes: [],
        version: 3,
      });

      const again = await device.pull(0, 1000);
      const versions = (again.body.entries as PulledEntry[]).filter(
        (e) => e.kind === 'form_template',
      );
      expect(
        versions.map((e) => [e.version, (e.body as { notes: string[] }).notes.length]),
      ).toEqual([
        [1, 2],
        [2, 1],
        [3, 0],
      ]);
      expect(await feedRows()).toHaveLength(3);
    });

    it('refuses bad form notes in Vietnamese and publishes nothing for them', async () => {
      const before = (await feedRows()).length;
      const cases: [string, unknown, string][] = [
        ['unknown form set', { ...notes, formSet: 'tt99-2030' }, 'Bộ biểu mẫu không hợp lệ'],
        ['unknown kind', { ...notes, kind: 'invoice' }, 'Mẫu không hợp lệ'],
        ['not in the set', { ...notes, formSet: 'tt01-2018', kind: 'stop' }, 'không có mẫu này'],
        ['11 lines', { ...notes, notes: Array.from({ length: 11 }, (_, i) => `Dòng ${i}`) }, '10'],
        ['501 chars', { ...notes, notes: ['a'.repeat(501)] }, '500'],
        ['blank line', { ...notes, notes: ['Đường dây nóng', '   '] }, 'Dòng ghi chú trống'],
        ['NUL', { ...notes, notes: ['một\u0000hai'] }, 'NUL'],
        ['extra field', { ...notes, footer: 'x' }, 'không thuộc mẫu nhập'],
        ['no notes', { formSet: 'tt03-2025', kind: 'receipt' }, 'Ghi chú: chưa nhập'],
      ];
      for (const [name, body, detail] of cases) {
        const reply = await publish(body);
        expect(reply.status, name).toBe(400);
        expect(reply.body.message, name).toBe('Ghi chú biểu mẫu không hợp lệ.');
        const details = JSON.stringify(reply.body.details);
        expect(details, name).toContain(detail);
        // Zod's fallback messages are in Vietnamese too.
        expect(details, name).not.toMatch(/Invalid|Unrecognized|Too big|expected/);
      }
      expect((await feedRows()).length).toBe(before);
    });

    it('requires a province session to publish or list form notes', async () => {
      const { device } = await h.office('000.00.52.H56');
      const before = (await feedRows()).length;
      await expectSessionRequired(
        h.url,
        device,
        [
          ['POST', '/v1/admin/feed/form-notes'],
          ['GET', '/v1/admin/form-notes'],
        ],
        notes,
      );
      expect((await feedRows()).length).toBe(before);
    });
  });
}

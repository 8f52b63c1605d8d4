// Notices the province publishes to every office: a new notice is a 'notice' feed entry at
// version 1 under a key the server gives it; a correction and a withdrawal are the next
// versions of that key; offices pull every version, the dashboard lists the newest of each.
// Bad input is a 400/404 in Vietnamese that publishes nothing; the routes need a session.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeListResponse, publishNoticeResponse } from '../../core/sync/admin';
import type { NoticeView } from '../../core/sync/notice';
import { BACKENDS } from './support/backends';
import { expectSessionRequired } from './support/province-auth';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

const notice = {
  title: 'Lịch tiếp công dân tháng 12',
  body: 'Bộ phận một cửa tiếp công dân cả sáng thứ Bảy trong tháng 12.',
  important: true,
  showUntil: '2031-12-31',
};

interface PulledEntry {
  readonly kind: string;
  readonly key: string;
  readonly version: number;
  readonly body: unknown;
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`province notices on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startServer(backend);
    }, 30_000);
    afterAll(async () => h?.close());

    const publish = (body: unknown) => h.admin.call('POST', '/v1/admin/feed/notice', { body });
    const list = async (): Promise<NoticeView[]> => {
      const reply = await h.admin.call('GET', '/v1/admin/notices');
      expect(reply.status).toBe(200);
      return noticeListResponse.parse(reply.body).notices;
    };
    const noticeRows = async () => {
      const reply = await h.admin.call('GET', '/v1/admin/feed');
      expect(reply.status).toBe(200);
      return (reply.body.entries as { kind: string }[]).filter((e) => e.kind === 'notice');
    };

    it('publishes a notice that offices pull, then a correction and a withdrawal of it', async () => {
      const first = await publish({ ...notice, title: `  ${notice.title}  ` });
      expect(first.status).toBe(201);
      const { key, version } = publishNoticeResponse.parse(first.body);
      expect(key).toMatch(/^[0-9a-f-]{36}$/);
      expect(version).toBe(1);

      const { device } = await h.office('000.00.41.H56');
      const pulled = await device.pull(0, 1000);
      expect(pulled.status).toBe(200);
      const entries = (pulled.body.entries as PulledEntry[]).filter((e) => e.kind === 'notice');
      expect(entries).toEqual([
        expect.objectContaining({
          kind: 'notice',
          key,
          version: 1,
          body: { ...notice, withdrawn: false },
        }),
      ]);

      const corrected = await publish({
        ...notice,
        key,
        body: 'Tiếp cả sáng thứ Bảy và Chủ nhật.',
      });
      expect(corrected.status).toBe(201);
      expect(corrected.body).toEqual({ key, version: 2 });

      const withdrawn = await publish({ ...notice, key, withdrawn: true });
      expect(withdrawn.status).toBe(201);
      expect(withdrawn.body).toEqual({ key, version: 3 });

      const again = await device.pull(0, 1000);
      const versions = (again.body.entries as PulledEntry[]).filter(
        (e) => e.kind === 'notice' && e.key === key,
      );
      expect(versions.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(versions[1]?.body).toMatchObject({ body: 'Tiếp cả sáng thứ Bảy và Chủ nhật.' });
      expect(versions[2]?.body).toEqual({ ...notice, withdrawn: true });

      // The dashboard's list: one row per notice, its newest version, newest notice first.
      const other = await publish({ title: 'Nghỉ Tết', body: 'Nghỉ từ 26 tháng Chạp.' });
      expect(other.status).toBe(201);
      const otherKey = publishNoticeResponse.parse(other.body).key;
      expect(otherKey).not.toBe(key);
      const notices = await list();
      expect(notices.map((n) => n.key)).toEqual([otherKey, key]);
      expect(notices[0]).toMatchObject({
        version: 1,
        title: 'Nghỉ Tết',
        important: false,
        showUntil: null,
        withdrawn: false,
      });
      expect(notices[1]).toMatchObject({ ...notice, key, version: 3, withdrawn: true });
      expect(Math.abs((notices[1]?.publishedAt ?? 0) - Date.now())).toBeLessThan(60_000);

      // Every version is in the feed's history.
      const history = await h.admin.call('GET', '/v1/admin/feed');
      const keyed = (history.body.entries as { kind: string; key: string; version: number }[])
        .filter((e) => e.kind === 'notice' && e.key === key)
        .map((e) => e.version);
      expect(keyed).toEqual([3, 2, 1]);
    });

    it('refuses bad notices in Vietnamese and publishes nothing for them', async () => {
      const before = (await noticeRows()).length;
      const cases: [string, unknown, number, string][] = [
        ['empty title', { ...notice, title: '   ' }, 400, 'Nhập tiêu đề'],
        ['long title', { ...notice, title: 'a'.repeat(201) }, 400, '200'],
        ['NUL', { ...notice, body: 'một\u0000hai' }, 400, 'NUL'],
        ['extra field', { ...notice, audience: 'all' }, 400, 'không thuộc mẫu nhập'],
        ['not a date', { ...notice, showUntil: '2026-02-30' }, 400, 'Ngày không tồn tại'],
        ['not a uuid', { ...notice, key: 'khong-phai-uuid' }, 400, 'Mã mục dữ liệu'],
        ['no body', { title: 'Chỉ có tiêu đề' }, 400, 'Nội dung: chưa nhập'],
        ['unknown key', { ...notice, key: uuidv7() }, 404, ''],
      ];
      for (const [name, body, status, detail] of cases) {
        const reply = await publish(body);
        expect(reply.status, name).toBe(status);
        const message = String(reply.body.message);
        if (status === 404) {
          expect(message, name).toBe('Không tìm thấy thông báo cần sửa hoặc thu hồi.');
        } else {
          expect(message, name).toBe('Thông báo không hợp lệ.');
          const details = JSON.stringify(reply.body.details);
          expect(details, name).toContain(detail);
          // Zod's fallback messages are in Vietnamese too.
          expect(details, name).not.toMatch(/Invalid|Unrecognized|Too big|expected/);
        }
      }
      expect((await noticeRows()).length).toBe(before);
    });

    it('requires a province session to publish or list notices', async () => {
      const { device } = await h.office('000.00.42.H56');
      const before = (await noticeRows()).length;
      await expectSessionRequired(
        h.url,
        device,
        [
          ['POST', '/v1/admin/feed/notice'],
          ['GET', '/v1/admin/notices'],
        ],
        notice,
      );
      expect((await noticeRows()).length).toBe(before);
    });
  });
}

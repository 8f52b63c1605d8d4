// The internal audit checklist the province publishes ('audit_checklist' feed entries, #10
// item 6): an office pulls it and plans its next audits from it, while an audit already
// planned keeps its own checklist; a bad publication is refused in Vietnamese, and a bad feed
// entry is kept with its error and not used.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClauseFile } from '../../core/qms/audit-checklist';
import type { DeskApp } from '../support/desk';
import { provinceFixture } from '../sync/support/env';

const province = provinceFixture();
const admin = () => province.h.admin;

const DEFAULT = JSON.parse(
  fs.readFileSync(path.resolve('resources/qms/iso9001-checklist.json'), 'utf8'),
) as ClauseFile;
const OWN = 'Sổ theo dõi hồ sơ có chữ ký xác nhận của người lập hằng tuần không?';
/** The default with the province's own questions for 7.5. */
const PROVINCE: ClauseFile = {
  ...DEFAULT,
  clauses: DEFAULT.clauses.map((c) => (c.clause === '7.5' ? { ...c, questions: [OWN] } : c)),
  note: 'Bổ sung câu hỏi về sổ theo dõi',
};

async function planAudit(app: DeskApp, month: number) {
  const options = await app.ok('thuky')('audits.options', {});
  const doc = options.documents.find((d) => d.title.includes('khai sinh'));
  const created = await app.ok('thuky')('audits.create', {
    year: 2026,
    month,
    area: 'Lĩnh vực hộ tịch',
    scope: 'Quy trình đăng ký khai sinh tại Bộ phận Một cửa',
    date: `2026-${String(month).padStart(2, '0')}-26`,
    leadAuditorId: app.users['danhgia'] ?? '',
    auditeeIds: [app.users['tuphap'] ?? ''],
    documentIds: [doc?.id ?? ''],
    clauses: ['7.5'],
  });
  const got = await app.ok('thuky')('audits.get', { id: created.id });
  return (got.record.data['checklist'] as { question: string }[]).map((i) => i.question);
}

describe('the internal audit checklist from the province', () => {
  it('is pulled and seeds the next audits; an audit already planned keeps its own', async () => {
    const o = await province.office();
    const before = await planAudit(o.app, 11);
    expect(before).toEqual(DEFAULT.clauses.find((c) => c.clause === '7.5')?.questions);
    const published = await admin().call('POST', '/v1/admin/feed/audit-checklist', {
      body: PROVINCE,
    });
    expect(published.status).toBe(201);
    expect((await o.engine.run()).ok).toBe(true);
    expect(await planAudit(o.app, 12)).toEqual([OWN]);
    const audits = await o.app.ok('thuky')('audits.list', { year: 2026 });
    const first = audits.find((a) => a.month === 11);
    const kept = await o.app.ok('thuky')('audits.get', { id: first?.id ?? '' });
    expect(
      (kept.record.data['checklist'] as { question: string }[]).map((i) => i.question),
    ).toEqual(before);
  });

  it('refuses bad publications in Vietnamese and keeps a bad feed entry unused', async () => {
    const cases: [unknown, string][] = [
      [
        { ...PROVINCE, clauses: [{ clause: '11.1', title: 'Không có', questions: ['?'] }] },
        'không hợp lệ',
      ],
      [{ ...PROVINCE, clauses: [...PROVINCE.clauses, PROVINCE.clauses[0]] }, 'hai lần'],
      [{ ...PROVINCE, clauses: [{ clause: '7.5', title: '7.5', questions: [] }] }, 'không hợp lệ'],
    ];
    for (const [body, message] of cases) {
      const reply = await admin().call('POST', '/v1/admin/feed/audit-checklist', { body });
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body)).toContain(message);
    }
    const raw = await admin().call('POST', '/v1/admin/feed', {
      body: { entries: [{ kind: 'audit_checklist', key: 'khac', version: 1, body: PROVINCE }] },
    });
    expect(raw.status).toBe(201);
    const o = await province.office();
    expect((await o.engine.run()).ok).toBe(true);
    const row = o.app.backend
      .database()
      .prepare(`SELECT error FROM sync_feed WHERE kind = 'audit_checklist' AND key = 'khac'`)
      .get() as { error: string | null };
    expect(row.error).toBe(
      'Danh mục kiểm tra đánh giá nội bộ không hợp lệ: khóa khac khác tcvn-iso-9001-2015',
    );
    // The refused entry replaces nothing: the one published in the first test stays in force.
    expect(await planAudit(o.app, 11)).toEqual([OWN]);
  });
});

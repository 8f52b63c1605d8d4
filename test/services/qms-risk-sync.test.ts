// Risks ride the generic qms_record entity: a seeded risk the office treated and a risk it
// identified itself reach the province and come back on a new PC, the seeded one overwriting
// the new PC's own copy of the seed (same id) rather than doubling it, numbering going on.
import { describe, expect, it } from 'vitest';
import { enrollDesk, outboxRows, provinceFixture } from '../sync/support/env';

const province = provinceFixture();

describe('risk sync and restore', () => {
  it('restores treated seeded risks and new ones without doubling the seed', async () => {
    const o = await province.office();
    const seeded = (
      await o.app.ok('thuky')('risks.list', { type: 'risk', processName: 'Kiểm soát hồ sơ' })
    ).rows[0];
    if (!seeded) throw new Error('no seeded risk');
    const action = await o.app.ok('thuky')('actions.create', {
      title: 'Lập sổ mượn trả hồ sơ',
      description: 'Ghi sổ mỗi lần mượn, trả hồ sơ lưu trữ',
      ownerId: o.app.users['vanthu'] ?? '',
      dueDate: '2026-12-15',
      sourceKind: 'risk',
      sourceId: seeded.id,
    });
    const current = await o.app.ok('thuky')('qms.get', { id: seeded.id });
    await o.app.ok('thuky')('qms.transition', {
      id: seeded.id,
      transition: 'treat',
      rev: current.rev,
      fields: { treatment: 'reduce', plan: 'Sổ mượn trả' },
    });
    const mine = await o.app.ok('thuky')('risks.create', {
      type: 'risk',
      processType: 'internal',
      processName: 'Quản lý nhân sự, đào tạo',
      title: 'Công chức Tư pháp nghỉ thai sản',
      description: 'Không có người thay trong 6 tháng',
      likelihood: 4,
      impact: 4,
      identifiedOn: '2026-11-23',
      reviewOn: '2027-01-15',
    });
    const before = await o.app.ok('thuky')('risks.list', { state: 'all' });
    expect((await o.engine.run()).ok).toBe(true);
    expect(outboxRows(o.app)).toEqual([]);

    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    fresh.clock.now = o.app.clock.now;
    await fresh.relogin();
    await fresh.ok('admin')('sync.restore', {});
    const after = await fresh.ok('thuky')('risks.list', { state: 'all' });
    expect(after.total).toBe(before.total);
    expect(after.rows.find((r) => r.id === seeded.id)).toMatchObject({
      state: 'treating',
      treatmentLabel: 'Giảm thiểu',
      actionsOpen: 1,
    });
    expect(after.rows.find((r) => r.id === mine.id)).toMatchObject({
      code: mine.code,
      score: 16,
      level: 'high',
    });
    expect(await fresh.ok('vanthu')('qms.get', { id: action.id })).toMatchObject({
      sourceKind: 'risk',
      sourceId: seeded.id,
    });
    const next = await fresh.ok('thuky')('risks.create', {
      type: 'risk',
      processType: 'internal',
      processName: 'Kiểm soát tài liệu',
      title: 'Biểu mẫu cũ còn dùng',
      description: 'Bản giấy cũ chưa thu hồi',
      likelihood: 2,
      impact: 2,
      identifiedOn: '2026-11-23',
      reviewOn: '2027-01-15',
    });
    const n = (c: string) => Number(c.slice(-3));
    expect(n(next.code)).toBe(n(mine.code) + 1);
  });
});

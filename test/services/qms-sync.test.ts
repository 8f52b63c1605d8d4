// Quality-system records travel to the province through the generic outbox and come back to
// a new PC by restore: records, their history and (see documents) files and procedure versions.
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/backend';
import { enrollDesk, outboxRows, provinceFixture, receive } from '../sync/support/env';

const province = provinceFixture();

const table = (app: TestApp, sql: string) =>
  app.backend.database().prepare(sql).all() as Record<string, unknown>[];

describe('quality-system sync and restore', () => {
  it('pushes records and history, and restores them on a new PC', async () => {
    const o = await province.office();
    await receive(o.app, 1);
    const action = await o.app.ok('thuky')('actions.create', {
      title: 'Rà soát sổ theo dõi',
      description: 'Đối chiếu sổ với phần mềm',
      ownerId: o.app.users['vanthu'],
      dueDate: '2026-12-15',
      sourceKind: null,
      sourceId: null,
    });
    await o.app.ok('vanthu')('qms.transition', {
      id: action.id,
      transition: 'complete',
      rev: 1,
      comment: 'Đã đối chiếu, khớp',
    });
    expect((await o.engine.run()).ok).toBe(true);
    expect(outboxRows(o.app)).toEqual([]);

    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    const counts = await fresh.ok('admin')('sync.restore', {});
    expect(counts.dossiers).toBe(1);
    const restored = await fresh.ok('thuky')('qms.get', { id: action.id });
    expect(restored).toMatchObject({
      state: 'done',
      rev: 2,
      title: 'Rà soát sổ theo dõi',
      data: { result: 'Đã đối chiếu, khớp' },
    });
    const history = await fresh.ok('thuky')('qms.history', { id: action.id });
    expect(history.map((h) => h.transition)).toEqual(['create', 'complete']);
    expect(table(fresh, 'SELECT search_text FROM qms_records')).toEqual([
      { search_text: 'ra soat so theo doi' },
    ]);
    // Restored, not queued again.
    expect(outboxRows(fresh)).toEqual([]);
  });
});

// A nonconformity, its corrective action and their history reach the province through the
// generic outbox and come back on a new PC with the link to the late dossier intact; the
// register numbering goes on from the restored records.
import { describe, expect, it } from 'vitest';
import { returnedLateDossier } from '../support/desk';
import { enrollDesk, outboxRows, provinceFixture } from '../sync/support/env';

const province = provinceFixture();

describe('nonconformity sync and restore', () => {
  it('restores the nonconformity with its action, history and dossier link', async () => {
    const o = await province.office();
    const dossier = await returnedLateDossier(o.app);
    const { sourceLabel, ...draft } = await o.app.ok('thuky')('nonconformities.draft', {
      sourceKind: 'dossier',
      sourceId: dossier.dossier.id,
    });
    expect(sourceLabel).toBe(`Hồ sơ ${dossier.dossier.code}`);
    const nc = await o.app.ok('thuky')('nonconformities.create', draft);
    const action = await o.app.ok('thuky')('actions.create', {
      title: 'Quy định ký thay',
      description: 'Trình quyết định ủy quyền ký thay',
      ownerId: o.app.users['tuphap'] ?? '',
      dueDate: '2026-12-05',
      sourceKind: 'nonconformity',
      sourceId: nc.id,
    });
    expect((await o.engine.run()).ok).toBe(true);
    expect(outboxRows(o.app)).toEqual([]);

    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    fresh.clock.now = o.app.clock.now;
    await fresh.relogin();
    await fresh.ok('admin')('sync.restore', {});
    const linked = await fresh.ok('motcua')('nonconformities.list', {
      sourceKind: 'dossier',
      sourceId: dossier.dossier.id,
    });
    expect(linked.rows).toMatchObject([
      { id: nc.id, code: 'SKPH-2026-001', actionsOpen: 1, actionsTotal: 1, state: 'open' },
    ]);
    const restoredAction = await fresh.ok('tuphap')('qms.get', { id: action.id });
    expect(restoredAction).toMatchObject({ sourceKind: 'nonconformity', sourceId: nc.id });
    const history = await fresh.ok('thuky')('qms.history', { id: nc.id });
    expect(history.map((h) => h.transition)).toEqual(['create']);
    const next = await fresh.ok('thuky')('nonconformities.create', {
      ...draft,
      source: 'other',
      sourceKind: null,
      sourceId: null,
    });
    expect(next.code).toBe('SKPH-2026-002');
  });
});

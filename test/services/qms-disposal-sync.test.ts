// A disposal decision reaches the province: the erased dossiers it pushes make the server
// erase its own copy (every op and snapshot of them, their scans' bytes), the province's
// figures stay the same, and a new PC restores the dossiers erased, without their scans.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../services/file-store';
import { startDemoDesk, vn } from '../support/desk';
import { enrollDesk, outboxRows, provinceFixture } from '../sync/support/env';
import { closedDossiers, PDF } from './support/closed-dossiers';

const province = provinceFixture();

async function serverRows(query: ReturnType<typeof sql>) {
  const result = await province.h.database.db.execute(query);
  return (result as { rows: Record<string, unknown>[] }).rows;
}

async function officeFigures(officeId: string) {
  const reply = await province.h.admin.call('GET', '/v1/admin/offices');
  const offices = (reply.body as { offices: { id: string; dossiers: unknown }[] }).offices;
  return offices.find((o) => o.id === officeId)?.dossiers;
}

describe('disposal erasure at the province', () => {
  it('erases the province copy of the disposed dossiers and their scans, keeping the figures', async () => {
    const { officeId, code } = await province.h.admin.createOffice(
      '000.00.77.H56',
      'UBND xã Lưu Trữ',
    );
    const app = province.track(await startDemoDesk(vn('2025-08-04', '08:00')));
    const { engine } = await enrollDesk(province.h.url, code, undefined, app);
    await closedDossiers(app, '2.000815', 2, 'Trần Thị Bích');
    await closedDossiers(app, '1.001193', 1, 'Lê Văn Tâm');
    expect((await engine.run()).ok).toBe(true);
    const copyScans = [0, 1].map((i) => sha256Of(PDF(i, 'Trần Thị Bích')));
    const held = async () =>
      (await serverRows(sql`select sha256 from files where office_id = ${officeId}::uuid`)).map(
        (r) => r.sha256,
      );
    expect(await held()).toEqual(expect.arrayContaining(copyScans));
    const figures = await officeFigures(officeId);
    expect(figures).toMatchObject({ total: 3, resolved: 3 });

    app.clock.now = vn('2028-01-03', '09:00');
    await app.relogin();
    const due = await app.ok('vanthu')('records.due', {});
    const proposal = await app.ok('vanthu')('disposals.propose', {
      groups: due.groups.map((g) => ({ procedureId: g.procedureId, closedYear: g.closedYear })),
      basis: 'Danh mục hồ sơ năm 2025',
      method: 'Xóa dữ liệu cá nhân trên phần mềm',
    });
    await app.ok('chutich')('qms.transition', {
      id: proposal.id,
      transition: 'decide',
      rev: proposal.rev,
      fields: { number: '03/QĐ-UBND' },
    });
    expect((await engine.run()).ok).toBe(true);
    expect(outboxRows(app).filter((r) => r.status !== 'acked')).toEqual([]);

    const everything = JSON.stringify(
      await serverRows(
        sql`select row from ops where office_id = ${officeId}::uuid union all select row from entities where office_id = ${officeId}::uuid`,
      ),
    );
    expect(everything).not.toContain('Bích');
    expect(everything).not.toContain('Bich');
    expect(everything).toContain('Lê Văn Tâm');
    expect((await held()).some((s) => copyScans.includes(s as string))).toBe(false);
    expect(await held()).toContain(sha256Of(PDF(0, 'Lê Văn Tâm')));
    expect(await officeFigures(officeId)).toEqual(figures);

    // A new PC restores the dossiers as erased, the decision with them, and misses no scan.
    const fresh = province.track(
      (await enrollDesk(province.h.url, await province.h.admin.newCode(officeId))).app,
    );
    const counts = await fresh.ok('admin')('sync.restore', {});
    expect(counts).toMatchObject({ dossiers: 3, filesMissing: 0 });
    const names = fresh.backend
      .database()
      .prepare('SELECT applicant_name AS n, disposal_id AS d FROM dossiers ORDER BY n')
      .all();
    expect(names).toEqual([
      { n: '', d: proposal.id },
      { n: '', d: proposal.id },
      { n: 'Lê Văn Tâm', d: null },
    ]);
  });
});

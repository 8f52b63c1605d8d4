// The background refresh of office_qms_status (issue #10): after an office's push is answered,
// its row is computed again off the request path, so the province-wide table's next read
// finds it kept (nothing computed on read) with the pushed figures. The on-read fallback is
// covered by province-qms-status.test.ts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateOf } from '../../core/calendar/civil-time';
import { qmsOverviewResponse } from '../../core/sync/admin-qms';
import { BACKENDS } from './support/backends';
import type { TestDevice } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';
import { qmsRow } from './support/qms-rows';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(
    `background quality-system refresh on ${backend.name}`,
    () => {
      let h: Harness;
      beforeAll(async () => {
        h = await startServer(backend, {}, undefined, { qmsRefresh: { delayMs: 0 } });
      }, 30_000);
      afterAll(async () => h?.close());

      const year = Number(civilDateOf(Date.now()).slice(0, 4));
      /** Waits until the office's kept row is as of its latest pushed row. */
      const keptUpToDate = async (officeId: string) => {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const result = await h.database.db.execute(sql`
          select s.seq = (select max(e.server_seq) from entities e where e.office_id = ${officeId}::uuid) as fresh
          from office_qms_status s where s.office_id = ${officeId}::uuid`);
          const [row] = (result as { rows: { fresh: boolean }[] }).rows;
          if (row?.fresh === true) return;
          if (Date.now() > deadline) throw new Error('the kept row was never refreshed');
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const push = async (device: TestDevice, rows: Record<string, unknown>[]) => {
        const reply = await device.push(rows.map((r) => device.op('qms_record', r)));
        expect(reply.status).toBe(200);
      };

      it('computes the office again after its push, so the table read computes nothing', async () => {
        const a = await h.office('000.00.41.H56');
        const b = await h.office('000.00.42.H56');
        await push(a.device, [
          qmsRow('objective', 'met', { year }),
          qmsRow('objective', 'missed', { year }),
        ]);
        await push(b.device, [qmsRow('objective', 'met', { year })]);
        await keptUpToDate(a.officeId);
        await keptUpToDate(b.officeId);
        const reply = await h.admin.call('GET', '/v1/admin/qms');
        expect(reply.status).toBe(200);
        const o = qmsOverviewResponse.parse(reply.body);
        expect(o.recomputed).toBe(0);
        const status = (id: string) => o.offices.find((r) => r.id === id)?.status;
        expect(status(a.officeId)?.objectives).toEqual({ total: 2, met: 1, missed: 1 });
        expect(status(b.officeId)?.objectives).toEqual({ total: 1, met: 1, missed: 0 });

        // A later push: refreshed again, the read still computes nothing and shows it.
        await push(b.device, [qmsRow('objective', 'missed', { year })]);
        await keptUpToDate(b.officeId);
        const again = qmsOverviewResponse.parse((await h.admin.call('GET', '/v1/admin/qms')).body);
        expect(again.recomputed).toBe(0);
        expect(again.offices.find((r) => r.id === b.officeId)?.status.objectives).toEqual({
          total: 2,
          met: 1,
          missed: 1,
        });
      });
    },
  );
}

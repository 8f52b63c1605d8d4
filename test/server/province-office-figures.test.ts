// The overview of offices (GET /v1/admin/offices) reads each office's figures kept in
// office_figures instead of aggregating every dossier, record and op of the province: the
// figures must equal the direct scan (scannedOfficeFigures, the overview's former queries) in
// every state: first read, kept read, after one office pushed, after an open dossier fell due
// and after a document's review date passed; an office that pushed nothing is not computed
// again.
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCivilDays, civilDateOf } from '../../core/calendar/civil-time';
import { officeDetailResponse, officesResponse } from '../../core/sync/admin';
import { scannedOfficeFigures } from '../../server/province/office-figures';
import { BACKENDS } from './support/backends';
import { dossierRow, type TestDevice } from './support/client';
import type { Harness } from './support/harness';
import { ADMIN, startServer } from './support/harness';
import { qmsRow } from './support/qms-rows';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`kept office figures on ${backend.name}`, () => {
    let h: Harness;
    let offset = 0;
    beforeAll(async () => {
      // The background refresh is held back: this suite checks what each read computes.
      h = await startServer(backend, {}, undefined, { qmsRefresh: { delayMs: 3_600_000 } });
    }, 30_000);
    afterAll(async () => h?.close());

    const advance = async (ms: number) => {
      h.advance(ms);
      offset += ms;
      await h.admin.login(ADMIN.username, ADMIN.password);
    };
    const push = async (d: TestDevice, entity: string, rows: Record<string, unknown>[]) => {
      const reply = await d.push(rows.map((r) => d.op(entity, r)));
      expect(reply.status).toBe(200);
    };
    /** The overview's figures equal the direct scan at the server's clock. */
    const sameAsScan = async () => {
      const reply = await h.admin.call('GET', '/v1/admin/offices');
      expect(reply.status).toBe(200);
      const listed = officesResponse.parse(reply.body).offices;
      const scanned = await scannedOfficeFigures(h.database.db, Date.now() + offset);
      expect(listed.length).toBe(scanned.size);
      for (const o of listed) {
        const s = scanned.get(o.id);
        expect({ dossiers: o.dossiers, qms: o.qms, opCount: o.opCount }, o.agencyCode).toEqual(s);
      }
      return new Map(listed.map((o) => [o.agencyCode, o]));
    };
    const computedAt = async () => {
      const rows = await h.database.db.execute(sql`
        select o.agency_code, f.computed_at::text as at from office_figures f
        join offices o on o.id = f.office_id`);
      return new Map(
        (rows as { rows: { agency_code: string; at: string }[] }).rows.map((r) => [
          r.agency_code,
          r.at,
        ]),
      );
    };

    let a: { officeId: string; device: TestDevice };
    let b: { officeId: string; device: TestDevice };

    it('equals the scan of every dossier, record and op on the first read', async () => {
      a = await h.office('000.00.91.H56');
      b = await h.office('000.00.92.H56');
      await h.office('000.00.93.H56'); // pushes nothing
      const now = Date.now();
      const today = civilDateOf(now);
      const open = (patch: Record<string, unknown>) =>
        dossierRow(uuidv7(), { receivedAt: now - HOUR, ...patch });
      const done = (outcome: string, at: number) =>
        dossierRow(uuidv7(), {
          status: 'returned',
          outcome,
          resolvedAt: at,
          returnedAt: at,
          receivedAt: at - DAY,
        });
      await push(a.device, 'dossier', [
        open({ status: 'processing', dueAt: now + 3 * HOUR }), // falls due in 3 hours
        open({ status: 'supplement', dueAt: now - HOUR }), // overdue
        open({ status: 'ready', dueAt: now + 30 * DAY }),
        open({ status: 'received', dueAt: now - DAY }), // not counted overdue in this status
        done('on_time', now - 2 * HOUR),
        done('late', now - 2 * HOUR),
        done('early', now - 400 * DAY),
      ]);
      const doc = qmsRow(
        'document',
        'active',
        { docType: 'procedure', concernedRoles: ['leader'] },
        { dueDate: addCivilDays(today, 1) },
      );
      await push(a.device, 'qms_record', [
        doc,
        qmsRow(
          'document',
          'active',
          { docType: 'procedure' },
          { dueDate: addCivilDays(today, -1) },
        ),
        qmsRow('document', 'active', { docType: 'external' }, { dueDate: addCivilDays(today, -1) }),
        qmsRow('revision', 'effective', { issueNo: 1 }, { parentId: doc.id }),
        qmsRow('revision', 'draft', { issueNo: 2 }, { parentId: doc.id }),
      ]);
      await push(b.device, 'dossier', [
        done('on_time', now - HOUR),
        open({ status: 'processing', dueAt: now - HOUR }),
      ]);

      const first = await sameAsScan();
      expect(first.get('000.00.91.H56')?.dossiers).toMatchObject({
        total: 7,
        overdue: 1,
        resolved: 3,
      });
      expect(first.get('000.00.91.H56')?.qms).toEqual({
        inForce: 1,
        drafts: 1,
        reviewsOverdue: 1,
        unacknowledged: 1,
      });
      expect(first.get('000.00.93.H56')?.dossiers.total).toBe(0);
      expect([...(await computedAt()).keys()].sort()).toEqual([
        '000.00.91.H56',
        '000.00.92.H56',
        '000.00.93.H56',
      ]);
    });

    it('reads the kept rows until an office pushes, then computes that office alone', async () => {
      const before = await computedAt();
      await sameAsScan();
      expect(await computedAt()).toEqual(before);
      await push(b.device, 'dossier', [
        dossierRow(uuidv7(), { receivedAt: Date.now(), dueAt: Date.now() + 10 * DAY }),
      ]);
      const after = await sameAsScan();
      expect(after.get('000.00.92.H56')?.dossiers.total).toBe(3);
      const at = await computedAt();
      expect(at.get('000.00.91.H56')).toBe(before.get('000.00.91.H56'));
      expect(at.get('000.00.93.H56')).toBe(before.get('000.00.93.H56'));
      expect(at.get('000.00.92.H56')).not.toBe(before.get('000.00.92.H56'));
      // The office's own page reads the same kept figures.
      const detail = officeDetailResponse.parse(
        (await h.admin.call('GET', `/v1/admin/offices/${b.officeId}`)).body,
      );
      expect(detail.office.dossiers).toEqual(after.get('000.00.92.H56')?.dossiers);
    });

    it('computes again when an open dossier falls due and when a review date passes', async () => {
      const before = (await sameAsScan()).get('000.00.91.H56');
      await advance(4 * HOUR);
      const due = (await sameAsScan()).get('000.00.91.H56');
      expect(due?.dossiers.overdue).toBe((before?.dossiers.overdue ?? 0) + 1);
      await advance(2 * DAY);
      const reviewed = (await sameAsScan()).get('000.00.91.H56');
      expect(reviewed?.qms.reviewsOverdue).toBe((before?.qms.reviewsOverdue ?? 0) + 1);
      await advance(-offset);
    });
  });
}

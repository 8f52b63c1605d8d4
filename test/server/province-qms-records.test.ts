// The province's read-only drill-down into one office's quality-system records (issue #10
// item 6): GET /v1/admin/offices/:id/qms/records lists the kinds the province sees without
// their bulky fields, …/records/:recordId gives one record whole with its history; both for a
// province session only (a device token, even the office's own, is refused), 404 for an
// unknown office or a record that is another office's or of a kind kept in the office.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  officeRecordResponse,
  officeRecordsResponse,
  type OfficeRecordView,
} from '../../core/sync/admin-qms-records';
import { BACKENDS } from './support/backends';
import { send, type TestDevice } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';
import { qmsRow } from './support/qms-rows';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`office quality-system records on ${backend.name}`, () => {
    let h: Harness;
    let office = '';
    let device: TestDevice;
    let other: { officeId: string; device: TestDevice };
    beforeAll(async () => {
      h = await startServer(backend);
      ({ officeId: office, device } = await h.office('000.00.71.H56'));
      other = await h.office('000.00.72.H56');
    }, 30_000);
    afterAll(async () => h?.close());

    const push = async (d: TestDevice, entity: string, rows: Record<string, unknown>[]) => {
      const reply = await d.push(rows.map((r) => d.op(entity, r)));
      expect(reply.status).toBe(200);
    };
    const doc = qmsRow('document', 'active', { docType: 'procedure' }, { code: 'QT-01' });
    const checklist = [{ id: 'c1', clause: '7.5', question: 'Tài liệu được kiểm soát?' }];
    const audit = qmsRow('audit', 'reported', {
      year: 2026,
      month: 5,
      area: 'Tư pháp – Hộ tịch',
      date: '2026-05-12',
      checklist,
      sample: [{ dossierId: 'd1' }],
    });
    const announcement = qmsRow('announcement', 'approved', {
      decisionNo: '12/QĐ-UBND',
      signedOn: '2026-02-03',
      scope: { procedures: [{ code: '1' }, { code: '2' }], notApplicable: [] },
    });
    const rating = qmsRow('rating', 'recorded', { satisfied: true, returnedOn: '2026-05-01' });
    const elsewhere = qmsRow('nonconformity', 'open', { deadline: '2026-06-01' });

    it('lists the kinds the province sees, without the bulky fields', async () => {
      await push(device, 'qms_record', [doc, audit, announcement, rating]);
      await push(device, 'qms_history', [
        {
          id: uuidv7(),
          updatedAt: Date.now(),
          recordId: audit.id,
          kind: 'audit',
          at: 2_000,
          userName: 'Trần Thị Bình',
          transition: 'report',
          fromState: 'in_progress',
          toState: 'reported',
          comment: 'Đã báo cáo',
        },
        {
          id: uuidv7(),
          updatedAt: Date.now(),
          recordId: audit.id,
          kind: 'audit',
          at: 1_000,
          userName: 'Nguyễn Văn An',
          transition: 'create',
          fromState: null,
          toState: 'planned',
          comment: '',
        },
      ]);
      await push(other.device, 'qms_record', [elsewhere]);

      const reply = await h.admin.call('GET', `/v1/admin/offices/${office}/qms/records`);
      expect(reply.status).toBe(200);
      const body = officeRecordsResponse.parse(reply.body);
      expect(body.office).toMatchObject({ id: office, agencyCode: '000.00.71.H56' });
      const byId = new Map(body.records.map((r): [string, OfficeRecordView] => [r.id, r]));
      // The rating stays in the office; the other office's nonconformity is not here.
      expect([...byId.keys()].sort()).toEqual([doc.id, audit.id, announcement.id].sort());
      expect(byId.get(doc.id)).toMatchObject({ kind: 'document', state: 'active', code: 'QT-01' });
      const listed = byId.get(audit.id)?.data ?? {};
      expect(listed.area).toBe('Tư pháp – Hộ tịch');
      expect(listed).not.toHaveProperty('checklist');
      expect(listed).not.toHaveProperty('sample');
      expect(byId.get(announcement.id)?.data).toMatchObject({
        decisionNo: '12/QĐ-UBND',
        procedures: 2,
      });
    });

    it('gives one record whole with its history, oldest line first', async () => {
      const reply = await h.admin.call(
        'GET',
        `/v1/admin/offices/${office}/qms/records/${audit.id}`,
      );
      expect(reply.status).toBe(200);
      const body = officeRecordResponse.parse(reply.body);
      expect(body.record.data.checklist).toEqual(checklist);
      expect(body.history.map((l) => [l.userName, l.transition, l.toState])).toEqual([
        ['Nguyễn Văn An', 'create', 'planned'],
        ['Trần Thị Bình', 'report', 'reported'],
      ]);
    });

    it('answers 404 for an unknown office, another office’s record or a kind kept in the office', async () => {
      const unknown = uuidv7();
      for (const path of [
        `/v1/admin/offices/${unknown}/qms/records`,
        `/v1/admin/offices/${unknown}/qms/records/${audit.id}`,
        `/v1/admin/offices/${office}/qms/records/${elsewhere.id}`,
        `/v1/admin/offices/${other.officeId}/qms/records/${audit.id}`,
        `/v1/admin/offices/${office}/qms/records/${rating.id}`,
      ]) {
        const reply = await h.admin.call('GET', path);
        expect(reply.status, path).toBe(404);
        expect(String((reply.body as { message?: unknown }).message)).toMatch(/Không có/);
      }
      expect((await h.admin.call('GET', '/v1/admin/offices/not-a-uuid/qms/records')).status).toBe(
        400,
      );
    });

    it('answers a province session only: no session, a device token (even its own office’s)', async () => {
      for (const path of [
        `/v1/admin/offices/${office}/qms/records`,
        `/v1/admin/offices/${office}/qms/records/${audit.id}`,
      ]) {
        expect((await send(h.url, 'GET', path)).status).toBe(401);
        for (const d of [device, other.device]) {
          const asDevice = await send(h.url, 'GET', path, { headers: d.authHeaders() });
          expect(asDevice.status).toBe(401);
        }
      }
    });

    it('has no route that writes: other methods are not found', async () => {
      for (const method of ['POST', 'PUT', 'DELETE'] as const) {
        const reply = await h.admin.call(
          method,
          `/v1/admin/offices/${office}/qms/records/${audit.id}`,
          { body: {} },
        );
        expect(reply.status).toBe(404);
      }
    });
  });
}

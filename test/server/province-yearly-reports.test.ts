// The yearly reports at the province (issue 10 item 5): a report an office's PC pushes as a
// qms_record appears in the province's list of year Y as received once its state is 'sent'
// (a draft is listed, not received); the province reads each office's own report; another
// office's PC can neither read it (its restore has none of it) nor overwrite it (the same
// record id pushed by another office is that office's own row).
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pglite } from './support/backends';
import { startServer, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startServer(pglite);
}, 60_000);
afterAll(() => h.close());

const report = (id: string, year: number, state: string, texts: Record<string, string> = {}) => ({
  id,
  kind: 'yearly_report',
  state,
  code: `BCN-${year}`,
  title: `Báo cáo tình hình duy trì HTQLCL năm ${year}`,
  updatedAt: Date.now(),
  data: {
    year,
    texts,
    sent: state === 'sent' ? { userId: 'u', name: 'Thư ký', on: `${year + 1}-01-10` } : null,
  },
});

interface Listed {
  readonly received: number;
  readonly offices: {
    officeId: string;
    received: boolean;
    state: string | null;
    sentOn: string | null;
  }[];
}

describe('yearly reports at the province', () => {
  it('lists offices by received, reads each office its own, out of another office’s reach', async () => {
    const a = await h.office('000.00.71.H56');
    const b = await h.office('000.00.72.H56');
    const c = await h.office('000.00.73.H56');
    const id = uuidv7();
    const pushed = await a.device.push([
      a.device.op('qms_record', report(id, 2025, 'sent', { difficulties: 'Thiếu người.' })),
    ]);
    expect(pushed.status).toBe(200);
    await c.device.push([c.device.op('qms_record', report(uuidv7(), 2025, 'approved'))]);

    // B pushes a record with A's report id: it is B's own row, A's report stays as it was.
    await b.device.push([
      b.device.op('qms_record', report(id, 2025, 'draft', { difficulties: 'Giả mạo' })),
    ]);
    const seenByB = await b.device.restore(0, 1000);
    const bRows = seenByB.body.rows as { entity: string; row: { data: { texts: object } } }[];
    expect(bRows.filter((r) => r.entity === 'qms_record').map((r) => r.row.data.texts)).toEqual([
      { difficulties: 'Giả mạo' },
    ]);

    const list = await h.admin.call('GET', '/v1/admin/yearly-reports/2025');
    expect(list.status).toBe(200);
    const body = list.body as unknown as Listed;
    const of = (officeId: string) => body.offices.find((o) => o.officeId === officeId);
    expect(of(a.officeId)).toMatchObject({ received: true, state: 'sent', sentOn: '2026-01-10' });
    expect(of(b.officeId)).toMatchObject({ received: false, state: 'draft', sentOn: null });
    expect(of(c.officeId)).toMatchObject({ received: false, state: 'approved' });
    expect(body.received).toBe(1);

    const ofA = await h.admin.call('GET', `/v1/admin/offices/${a.officeId}/yearly-reports/2025`);
    expect(ofA.body).toMatchObject({
      report: { id, state: 'sent', data: { texts: { difficulties: 'Thiếu người.' } } },
    });
    const ofB = await h.admin.call('GET', `/v1/admin/offices/${b.officeId}/yearly-reports/2025`);
    expect(ofB.body).toMatchObject({ report: { id, state: 'draft' } });

    // Bad parameters and a device's token get nothing.
    expect((await h.admin.call('GET', '/v1/admin/yearly-reports/năm')).status).toBe(400);
    expect(
      (await h.admin.call('GET', `/v1/admin/offices/khong-co/yearly-reports/2025`)).status,
    ).toBe(400);
    const asDevice = await fetch(`${h.url}/v1/admin/yearly-reports/2025`, {
      headers: a.device.authHeaders(),
    });
    expect(asDevice.status).toBe(401);
  });
});

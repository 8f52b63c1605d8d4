// The province dashboard's server side: figures computed from the dossier snapshots a device
// pushed (this month, on-time rate this year, overdue now), the drill-down, publishing the
// catalog and a year's calendar, the session requirement, and the page served at `/`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastify from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeDetail, OfficeSummary } from '../../core/sync/admin';
import { officeDetailResponse, officesResponse } from '../../core/sync/admin';
import { DASHBOARD_CSP, dashboardPage } from '../../server/province/page';
import { vietnamMonthStart, vietnamYearStart } from '../../server/province/figures';
import { BACKENDS } from './support/backends';
import { dossierRow, send } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`province dashboard on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startServer(backend);
    }, 30_000);
    afterAll(async () => h?.close());

    const summaryOf = async (agencyCode: string): Promise<OfficeSummary | undefined> => {
      const reply = await h.admin.call('GET', '/v1/admin/offices');
      expect(reply.status).toBe(200);
      return officesResponse.parse(reply.body).offices.find((o) => o.agencyCode === agencyCode);
    };

    it('computes dossiers this month, on-time rate this year and overdue from pushed snapshots', async () => {
      const now = Date.now();
      const month = vietnamMonthStart(now) + 1000;
      const lastYear = vietnamYearStart(now) - 30 * DAY;
      const { officeId, device } = await h.office('000.00.21.H56');
      const other = await h.office('000.00.22.H56');
      const row = (patch: Record<string, unknown>) =>
        dossierRow(uuidv7(), { receivedAt: month, ...patch });
      const deletedId = uuidv7();
      const ops = [
        device.op('dossier', row({ status: 'processing', dueAt: now + 3 * DAY })),
        device.op('dossier', row({ status: 'processing', dueAt: now - HOUR })),
        device.op('dossier', row({ status: 'supplement', dueAt: now - DAY })),
        device.op(
          'dossier',
          row({
            status: 'returned',
            procedureCode: '2.000815',
            procedureName: 'Chứng thực bản sao từ bản chính',
            dueAt: now - HOUR,
            returnedAt: now - 2 * HOUR,
            resolvedAt: now - 2 * HOUR,
            outcome: 'early',
          }),
        ),
        device.op(
          'dossier',
          row({
            status: 'returned',
            procedureCode: '2.000815',
            dueAt: now - HOUR,
            returnedAt: now - HOUR,
            resolvedAt: now - HOUR,
            outcome: 'on_time',
          }),
        ),
        device.op(
          'dossier',
          row({ status: 'returned', dueAt: now - DAY, returnedAt: now - HOUR, outcome: 'late' }),
        ),
        // Received and resolved last year: counts in neither this month nor this year.
        device.op(
          'dossier',
          row({
            status: 'returned',
            receivedAt: lastYear - 5 * DAY,
            dueAt: lastYear - 2 * DAY,
            resolvedAt: lastYear,
            returnedAt: lastYear,
            outcome: 'late',
          }),
        ),
        device.op('dossier', dossierRow(deletedId, { receivedAt: month, dueAt: now - DAY })),
        device.op('dossier', { id: deletedId, updatedAt: now }, 'delete'),
        device.op('dossier', { id: 'broken', updatedAt: 1, code: 'X' }),
      ];
      const pushed = await device.push(ops);
      expect(pushed.status).toBe(200);
      await other.device.push([
        other.device.op('dossier', row({ status: 'processing', dueAt: now - HOUR })),
      ]);

      const mine = await summaryOf('000.00.21.H56');
      expect(mine?.id).toBe(officeId);
      expect(mine?.dossiers).toEqual({
        total: 7,
        thisMonth: 6,
        resolved: 4,
        onTime: 2,
        resolvedThisYear: 3,
        onTimeThisYear: 2,
        overdue: 2,
      });
      expect(mine?.rejectedCount).toBe(1);
      expect(mine?.opCount).toBe(9);
      expect(mine?.lastSyncAt).not.toBeNull();
      expect(mine?.devices).toHaveLength(1);
      expect(mine?.devices[0]?.appVersion).toBe('0.2.0');
      const theirs = await summaryOf('000.00.22.H56');
      expect(theirs?.dossiers).toMatchObject({ total: 1, thisMonth: 1, overdue: 1 });

      // The drill-down tells the same story, by procedure and by month.
      const reply = await h.admin.call('GET', `/v1/admin/offices/${officeId}`);
      expect(reply.status).toBe(200);
      const detail: OfficeDetail = officeDetailResponse.parse(reply.body);
      expect(detail.office.dossiers).toEqual(mine?.dossiers);
      expect(detail.byProcedure).toEqual([
        {
          procedureCode: '1.001193',
          // Sent without a name, and the province has published no catalog entry for it.
          procedureName: '',
          total: 5,
          thisMonth: 4,
          resolvedThisYear: 1,
          onTimeThisYear: 0,
          overdue: 2,
        },
        {
          procedureCode: '2.000815',
          procedureName: 'Chứng thực bản sao từ bản chính',
          total: 2,
          thisMonth: 2,
          resolvedThisYear: 2,
          onTimeThisYear: 2,
          overdue: 0,
        },
      ]);
      expect(detail.byMonth).toHaveLength(12);
      expect(detail.byMonth.at(-1)).toMatchObject({ received: 6, resolved: 3, onTime: 2 });
      const currentMonth = new Date(now + 7 * HOUR);
      expect(detail.byMonth.at(-1)?.month).toBe(
        `${currentMonth.getUTCFullYear()}-${String(currentMonth.getUTCMonth() + 1).padStart(2, '0')}`,
      );
      expect(detail.recentRejected).toHaveLength(1);
      expect(detail.recentRejected[0]).toMatchObject({ entity: 'dossier', entityId: 'broken' });
      expect(detail.recentRejected[0]?.reason).toContain('status');
      expect(detail.enrollmentCodes).toHaveLength(1);
      expect(detail.enrollmentCodes[0]?.usedByDevice).toBe(device.deviceId);
      expect(detail.enrollmentCodes[0]?.createdBy).toBe('Sở');

      // Revoking shows on the drill-down; a new code appears unused.
      const deviceId = detail.office.devices[0]?.id ?? '';
      expect((await h.admin.call('POST', `/v1/admin/devices/${deviceId}/revoke`)).status).toBe(200);
      await h.admin.newCode(officeId);
      const after = officeDetailResponse.parse(
        (await h.admin.call('GET', `/v1/admin/offices/${officeId}`)).body,
      );
      expect(after.office.devices[0]?.revokedAt).not.toBeNull();
      expect(after.enrollmentCodes.map((c) => c.usedAt === null)).toEqual([true, false]);
    });

    it('requires a province session, and answers 404/400 for unknown or malformed offices', async () => {
      const { officeId, device } = await h.office('000.00.23.H56');
      const paths = [
        ['GET', '/v1/admin/offices'],
        ['GET', `/v1/admin/offices/${officeId}`],
        ['GET', '/v1/admin/feed'],
        ['GET', '/v1/admin/feed/calendar/2026'],
        ['POST', '/v1/admin/feed/calendar'],
        ['POST', '/v1/admin/feed/catalog'],
      ] as const;
      for (const [method, p] of paths) {
        const anonymous = await send(h.url, method, p, method === 'POST' ? { body: {} } : {});
        expect(anonymous.status, p).toBe(401);
        const forged = await send(h.url, method, p, {
          headers: { cookie: 'isoxa_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        });
        expect(forged.status, p).toBe(401);
        // A device's token is no province session.
        const asDevice = await send(h.url, method, p, { headers: device.authHeaders() });
        expect(asDevice.status, p).toBe(401);
      }
      expect((await h.admin.call('GET', `/v1/admin/offices/${uuidv7()}`)).status).toBe(404);
      expect((await h.admin.call('GET', '/v1/admin/offices/not-a-uuid')).status).toBe(400);
      expect((await h.admin.call('GET', '/v1/admin/feed/calendar/99999')).status).toBe(400);
    });

    it('publishes a year calendar and the catalog at the next version of each key', async () => {
      const year = {
        year: 2031,
        daysOff: [{ date: '2031-01-02', name: 'Nghỉ bù Tết Dương lịch', kind: 'substitute' }],
        workingDays: [{ date: '2031-01-04', name: 'Làm bù' }],
        replaceDefaults: false,
      };
      const empty = await h.admin.call('GET', '/v1/admin/feed/calendar/2031');
      expect(empty.body).toEqual({ year: 2031, version: null, publishedAt: null, body: null });
      const first = await h.admin.call('POST', '/v1/admin/feed/calendar', { body: year });
      expect(first.status).toBe(201);
      expect(first.body.version).toBe(1);
      const second = await h.admin.call('POST', '/v1/admin/feed/calendar', {
        body: { ...year, workingDays: [] },
      });
      expect(second.body.version).toBe(2);
      const current = await h.admin.call('GET', '/v1/admin/feed/calendar/2031');
      expect(current.body).toMatchObject({ version: 2, body: { ...year, workingDays: [] } });

      const bad = await h.admin.call('POST', '/v1/admin/feed/calendar', {
        body: { ...year, daysOff: [{ date: '2030-05-01', name: 'Sai năm' }] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('Lịch năm không hợp lệ.');
      expect(JSON.stringify(bad.body.details)).toContain('không thuộc năm 2031');

      const catalog = JSON.parse(
        fs.readFileSync(path.resolve('resources/catalog/procedures.json'), 'utf8'),
      ) as { procedures: { code: string }[] };
      const published = await h.admin.call('POST', '/v1/admin/feed/catalog', { body: catalog });
      expect(published.status).toBe(201);
      expect((published.body.published as unknown[]).length).toBe(catalog.procedures.length);
      const again = await h.admin.call('POST', '/v1/admin/feed/catalog', { body: catalog });
      expect(again.status).toBe(201);
      const badCatalog = await h.admin.call('POST', '/v1/admin/feed/catalog', {
        body: { schemaVersion: 1, procedures: [{ code: '1.001193' }] },
      });
      expect(badCatalog.status).toBe(400);

      const history = await h.admin.call('GET', '/v1/admin/feed');
      const entries = history.body.entries as { kind: string; key: string; version: number }[];
      const first1193 = catalog.procedures[0]?.code ?? '';
      expect(
        entries.filter((e) => e.kind === 'catalog' && e.key === first1193).map((e) => e.version),
      ).toEqual([2, 1]);
      expect(
        entries.filter((e) => e.kind === 'calendar' && e.key === '2031').map((e) => e.version),
      ).toEqual([2, 1]);
      expect(history.body.entries).toEqual(
        expect.arrayContaining([expect.objectContaining({ publishedBy: 'Sở' })]),
      );

      // What offices pull: each procedure as its own entry, the calendar keyed by the year.
      const { device } = await h.office('000.00.24.H56');
      const pulled = await device.pull(0, 1000);
      const kinds = (pulled.body.entries as { kind: string; key: string; body: unknown }[]).filter(
        (e) => e.key === '2031' || e.key === first1193,
      );
      expect(kinds.map((e) => e.kind)).toEqual(['calendar', 'calendar', 'catalog', 'catalog']);
      expect(kinds[2]?.body).toMatchObject({ code: first1193 });
    });
  });
}

describe('dashboard page', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-page-'));
  const app = fastify();
  beforeAll(async () => {
    await app.register((scope, _o, done) => {
      dashboardPage(dir)(scope);
      done();
    });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says how to build the page when it is missing', async () => {
    const reply = await app.inject({ method: 'GET', url: '/' });
    expect(reply.statusCode).toBe(404);
    expect(reply.body).toContain('npm run build:renderer');
    expect(reply.headers['content-security-policy']).toBe(DASHBOARD_CSP);
  });

  it('serves the page under a strict CSP, its assets, and the page for deep links', async () => {
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'province.html'), '<!doctype html><title>Tỉnh</title>');
    fs.writeFileSync(path.join(dir, 'index.html'), 'desktop');
    fs.writeFileSync(path.join(dir, 'assets', 'province-abc.js'), 'console.log(1)');
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tỉnh');
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "connect-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/province-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    for (const url of ['/assets/..%2findex.html', '/assets/.hidden.js', '/assets/missing.js']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    const deep = await app.inject({ method: 'GET', url: '/offices/123' });
    expect(deep.body).toContain('Tỉnh');
    const api = await app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

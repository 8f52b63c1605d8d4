// The yearly report between an office and the province (issue 10 item 5): the province
// publishes the report template through its feed (a bad one refused in Vietnamese), the office
// generates its report on it, approves and sends it; the report reaches the province as a
// qms_record by sync, and by the USB file from an office without network; the province lists
// which offices sent their report of the year and reads one office's report, its own only.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { YearFigures } from '../../core/qms/yearly-report';
import type { DeskApp } from '../support/desk';
import { offlineOffice, provinceFixture } from '../sync/support/env';
import { exportFile, uploadFile } from '../sync/support/files';

const province = provinceFixture();
const shipped = JSON.parse(
  fs.readFileSync(path.resolve('resources/qms/yearly-report.json'), 'utf8'),
) as {
  sections: { heading: string; figures: string[]; texts: { key: string; label: string }[] }[];
};

const TEXTS = {
  assessment: 'Tốt.',
  difficulties: 'Thiếu người.',
  proposals: 'Tập huấn.',
  plan: 'Duy trì.',
};

/** Generates, fills, submits, approves and sends the report of `year`; returns its id. */
async function fileReport(app: DeskApp, year: number, extra: Record<string, string> = {}) {
  const draft = await app.ok('thuky')('yearly.generate', { year });
  const typed = await app.ok('thuky')('yearly.saveTexts', {
    id: draft.id,
    rev: draft.rev,
    texts: { ...TEXTS, ...extra },
  });
  let rev = typed.rev;
  for (const [who, transition] of [
    ['thuky', 'submit'],
    ['chutich', 'approve'],
    ['thuky', 'send'],
  ] as const)
    rev = (await app.ok(who)('qms.transition', { id: draft.id, rev, transition })).rev;
  return draft.id;
}

describe('yearly report at the province', () => {
  it('the template comes through the feed; sent reports are listed by office, by sync or USB', async () => {
    const h = province.h;
    const bad = await h.admin.call('POST', '/v1/admin/feed/report-template', {
      body: { ...shipped, sections: [{ heading: 'Trống', figures: ['budget'], texts: [] }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Số liệu không có trong mẫu báo cáo');

    const extra = {
      heading: 'VI. Ý KIẾN VỀ PHẦN MỀM ISO XÃ',
      figures: [],
      texts: [{ key: 'software', label: 'Ý kiến về phần mềm' }],
    };
    const published = await h.admin.call('POST', '/v1/admin/feed/report-template', {
      body: { ...shipped, sections: [...shipped.sections, extra], note: 'Thêm mục VI' },
    });
    expect(published).toMatchObject({ status: 201, body: { key: 'yearly_report', version: 1 } });

    const online = await province.office();
    const offline = await offlineOffice(province);
    const nothing = await province.office();
    expect((await online.engine.run()).ok).toBe(true);
    const list = await online.app.ok('thuky')('yearly.list', {});
    expect(list.templateVersion).toBe(1);
    const onlineId = await fileReport(online.app, 2025, { software: 'Dễ dùng.' });
    const got = await online.app.ok('thuky')('qms.get', { id: onlineId });
    const template = got.data['template'] as typeof shipped;
    expect(template.sections.at(-1)?.heading).toBe('VI. Ý KIẾN VỀ PHẦN MỀM ISO XÃ');
    expect((await online.engine.run()).ok).toBe(true);

    // The office without network (it took the template at enrolment): its report goes by USB.
    expect((await offline.app.ok('thuky')('yearly.list', {})).templateVersion).toBe(1);
    const offlineId = await fileReport(offline.app, 2025, { software: 'Cần bản in mẫu.' });
    const uploaded = await uploadFile(h, await exportFile(offline.app));
    expect(uploaded.rejected).toBe(0);

    // A draft that reached the province is not "received".
    await nothing.app.ok('thuky')('yearly.generate', { year: 2025 });
    expect((await nothing.engine.run()).ok).toBe(true);

    const status = await h.admin.call('GET', '/v1/admin/yearly-reports/2025');
    expect(status.status).toBe(200);
    const body = status.body as {
      received: number;
      offices: {
        officeId: string;
        received: boolean;
        state: string | null;
        sentOn: string | null;
      }[];
    };
    const of = (id: string) => body.offices.find((o) => o.officeId === id);
    expect(of(online.officeId)).toMatchObject({
      received: true,
      state: 'sent',
      sentOn: '2026-11-23',
    });
    expect(of(offline.officeId)).toMatchObject({ received: true, state: 'sent' });
    expect(of(nothing.officeId)).toMatchObject({ received: false, state: 'draft' });
    expect(body.received).toBe(body.offices.filter((o) => o.received).length);
    const none = (await h.admin.call('GET', '/v1/admin/yearly-reports/2024')).body as typeof body;
    expect(none.offices.every((o) => !o.received && o.state === null)).toBe(true);

    // Each office's own report, with its frozen figures and texts.
    const one = await h.admin.call(
      'GET',
      `/v1/admin/offices/${online.officeId}/yearly-reports/2025`,
    );
    const report = (
      one.body as { report: { id: string; data: { texts: object; figures: YearFigures } } }
    ).report;
    expect(report.id).toBe(onlineId);
    expect(report.data.texts).toMatchObject({ software: 'Dễ dùng.' });
    expect(report.data.figures).toEqual(got.data['figures']);
    const other = await h.admin.call(
      'GET',
      `/v1/admin/offices/${offline.officeId}/yearly-reports/2025`,
    );
    expect((other.body as { report: { id: string } }).report.id).toBe(offlineId);
    const missing = await h.admin.call(
      'GET',
      `/v1/admin/offices/${online.officeId}/yearly-reports/2024`,
    );
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain('chưa có báo cáo năm 2024');
  });
});

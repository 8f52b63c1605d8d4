// The province-wide quality-system table (GET /v1/admin/qms and its Excel export): each
// office's figures computed from the records and dossiers it pushed (objectives met / missed,
// open and overdue nonconformities, high risks by the residual score, satisfaction and the
// QĐ 766 ratio, audits, reviews, announcement, documents overdue), the score and rank, the
// kept figures computed again only when the office pushed or a deadline passed, the session.
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCivilDays, civilDateOf } from '../../core/calendar/civil-time';
import { SCORE_CRITERIA } from '../../core/qms/office-score';
import { dueYear } from '../../core/qms/yearly-report';
import { qmsOverviewResponse, type QmsOverview } from '../../core/sync/admin-qms';
import { BACKENDS } from './support/backends';
import { qmsRow } from './support/qms-rows';
import { dossierRow, send, type TestDevice } from './support/client';
import type { Harness } from './support/harness';
import { ADMIN, startServer } from './support/harness';

const DAY = 86_400_000;

const rec = qmsRow;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`province quality-system table on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      // The on-read fallback is what this suite checks: the background refresh after a push
      // (province-qms-refresh.test.ts) is held back for the suite's length.
      h = await startServer(backend, {}, undefined, { qmsRefresh: { delayMs: 3_600_000 } });
    }, 30_000);
    afterAll(async () => h?.close());

    const overview = async (): Promise<QmsOverview> => {
      const reply = await h.admin.call('GET', '/v1/admin/qms');
      expect(reply.status).toBe(200);
      return qmsOverviewResponse.parse(reply.body);
    };
    const push = async (device: TestDevice, entity: string, rows: Record<string, unknown>[]) => {
      const reply = await device.push(rows.map((r) => device.op(entity, r)));
      expect(reply.status).toBe(200);
    };

    const now = Date.now();
    const today = civilDateOf(now);
    const year = Number(today.slice(0, 4));
    const yesterday = addCivilDays(today, -1);
    const reportYear = dueYear(today);
    let office = '';
    let device: TestDevice;

    it('computes every figure from the pushed records and dossiers, and ranks the offices', async () => {
      ({ officeId: office, device } = await h.office('000.00.31.H56'));
      const empty = await h.office('000.00.32.H56');
      const risk = (state: string, d: Record<string, unknown>) =>
        rec('risk', state, { residualLikelihood: null, residualImpact: null, type: 'risk', ...d });
      await push(device, 'qms_record', [
        rec('objective', 'met', { year }),
        rec('objective', 'met', { year }),
        rec('objective', 'missed', { year }),
        rec('objective', 'active', { year }),
        rec('objective', 'cancelled', { year }),
        rec('objective', 'met', { year: year - 1 }),
        rec('nonconformity', 'planned', { deadline: yesterday }),
        rec('nonconformity', 'open', { deadline: today }),
        rec('nonconformity', 'closed', { deadline: yesterday }),
        rec('nonconformity', 'cancelled', { deadline: yesterday }),
        // High now: 4 × 5 = 20, not re-assessed; and 5 × 2 = 10, the high level's lowest score.
        risk('treating', { likelihood: 4, impact: 5 }),
        risk('identified', { likelihood: 5, impact: 2 }),
        // Not high: re-assessed to 2 × 3 = 6 after treatment; 3 × 3 = 9; an opportunity; closed.
        risk('monitored', { likelihood: 4, impact: 5, residualLikelihood: 2, residualImpact: 3 }),
        risk('identified', { likelihood: 3, impact: 3 }),
        risk('identified', { likelihood: 5, impact: 5, type: 'opportunity' }),
        risk('closed', { likelihood: 5, impact: 5 }),
        rec('audit', 'reported', { year, date: yesterday, checklist: [{ clause: '4.1' }] }),
        rec('audit', 'reported', { year: year - 1, date: `${year - 1}-06-01` }),
        rec('audit', 'planned', { year, date: today }),
        rec('review', 'held', { year, date: yesterday }),
        rec('announcement', 'approved', {
          decisionNo: '12/QĐ-UBND',
          signedOn: `${year}-02-03`,
          scope: { procedures: [{ code: '1' }, { code: '2' }, { code: '3' }], notApplicable: [] },
        }),
        rec('announcement', 'superseded', { decisionNo: '1/QĐ-UBND', scope: { procedures: [] } }),
        rec('document', 'active', { docType: 'procedure' }, { dueDate: yesterday }),
        rec('document', 'active', { docType: 'procedure' }, { dueDate: addCivilDays(today, 30) }),
        rec('document', 'active', { docType: 'external' }, { dueDate: yesterday }),
        rec('document', 'obsolete', { docType: 'procedure' }, { dueDate: yesterday }),
        rec('yearly_report', 'sent', { year: reportYear, sent: { on: yesterday } }),
        rec('yearly_report', 'draft', { year: reportYear - 1 }),
      ]);
      // Five dossiers resolved this year: one late, one rated unsatisfied, one complained
      // about, two clean → QĐ 766 = (5 − 3) / 5 = 40 %; ratings 2 satisfied of 3 = 66.7 %.
      const resolved = now - 3_600_000;
      const ids = [1, 2, 3, 4, 5].map(() => uuidv7());
      const outcomes = ['on_time', 'late', 'early', 'on_time', 'early'];
      await push(
        device,
        'dossier',
        ids.map((id, i) =>
          dossierRow(id, {
            status: 'returned',
            outcome: outcomes[i],
            resolvedAt: resolved,
            returnedAt: resolved,
          }),
        ),
      );
      const rating = (dossierId: string, satisfied: boolean, state = 'recorded') =>
        rec(
          'rating',
          state,
          { satisfied, returnedOn: today },
          { sourceKind: 'dossier', sourceId: dossierId },
        );
      await push(device, 'qms_record', [
        rating(ids[0], true),
        rating(ids[2], false),
        rating(ids[4], true),
        rating(ids[1], false, 'void'),
        rec('feedback', 'received', {}, { sourceKind: 'dossier', sourceId: ids[3] }),
        rec('feedback', 'cancelled', {}, { sourceKind: 'dossier', sourceId: ids[4] }),
      ]);

      const o = await overview();
      expect(o.year).toBe(year);
      const mine = o.offices.find((r) => r.id === office);
      expect(mine?.status).toEqual({
        year,
        objectives: { total: 4, met: 2, missed: 1 },
        nonconformities: { open: 2, overdue: 1 },
        highRisks: 2,
        satisfaction: { value: 66.7, numerator: 2, denominator: 3 },
        qd766: { value: 40, numerator: 2, denominator: 5 },
        audits: { heldThisYear: 1, lastOn: yesterday },
        reviews: { heldThisYear: 1, lastOn: yesterday },
        announcement: {
          inForce: true,
          decisionNo: '12/QĐ-UBND',
          signedOn: `${year}-02-03`,
          procedures: 3,
          notApplicable: 0,
          due: false,
        },
        documents: { active: 2, reviewsOverdue: 1 },
        yearlyReport: { year: reportYear, state: 'sent', received: true, sentOn: yesterday },
      });
      // 15 announcement + 15 audit + 15 review + 10 × 2/3 objectives + 15 × 40 % QĐ 766 + 5
      // yearly report; overdue nonconformity, overdue review and high risks give none.
      expect(mine?.score.parts).toMatchObject({ objectives: 6.7, qd766: 6, nonconformities: 0 });
      expect(mine?.score.total).toBe(15 + 15 + 15 + 6.7 + 6 + 5);
      expect(mine?.rank).toBe(1);
      const none = o.offices.find((r) => r.id === empty.officeId);
      expect(none?.status.announcement.due).toBe(true);
      expect(none?.status.qd766.value).toBeNull();
      expect(none?.status.yearlyReport).toEqual({
        year: reportYear,
        state: null,
        received: false,
        sentOn: null,
      });
      // Nothing overdue, no high risk: those criteria's points only.
      expect(none?.score.total).toBe(10 + 10 + 5);
      expect(none?.rank).toBe(2);
      expect(o.province.offices).toBe(2);
      expect(o.province.qd766).toEqual({ value: 40, numerator: 2, denominator: 5 });
      expect(o.province).toMatchObject({
        audited: 1,
        reviewed: 1,
        announced: 1,
        announcementDue: 1,
      });
    });

    it('keeps the figures until the office pushes again or a deadline passes', async () => {
      const first = await overview();
      expect(first.recomputed).toBe(0);
      await push(device, 'qms_record', [
        rec('announcement', 'draft', { scope: { procedures: [] } }),
      ]);
      const after = await overview();
      expect(after.recomputed).toBe(1);
      const mine = after.offices.find((r) => r.id === office);
      expect(mine?.status.announcement.due).toBe(true);
      expect(mine?.score.parts['announcement']).toBe(0);
      // Tomorrow the nonconformity due today is overdue, with nothing pushed.
      h.advance(DAY);
      await h.admin.login(ADMIN.username, ADMIN.password); // the session ends with the day
      const tomorrow = await overview();
      expect(tomorrow.recomputed).toBeGreaterThanOrEqual(1);
      expect(tomorrow.offices.find((r) => r.id === office)?.status.nonconformities.overdue).toBe(2);
      h.advance(-DAY);
      await h.admin.login(ADMIN.username, ADMIN.password);
    });

    it('exports the table as Excel with Vietnamese headers and the score sheet', async () => {
      const reply = await fetch(`${h.url}/v1/admin/qms/export`, {
        headers: { cookie: h.admin.cookie },
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-disposition')).toContain(`htqlcl-cac-xa-${year}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await reply.arrayBuffer());
      const sheet = book.worksheets[0];
      const header = (sheet.getRow(4).values as unknown[]).slice(1);
      expect(header).toContain('Tên cơ quan');
      expect(header).toContain('Tỷ lệ hài lòng theo QĐ 766 (%)');
      expect(header).toContain('Sự KPH quá hạn');
      const col = (name: string) => header.indexOf(name) + 1;
      const row = sheet.getRow(5);
      expect(row.getCell(col('Mã cơ quan')).value).toBe('000.00.31.H56');
      expect(row.getCell(col('Tỷ lệ hài lòng theo QĐ 766 (%)')).value).toBe(40);
      expect(row.getCell(col('Rủi ro mức cao')).value).toBe(2);
      expect(row.getCell(col('Mục tiêu không đạt')).value).toBe(1);
      expect(row.getCell(col('Đã gửi báo cáo năm')).value).toBe(
        `${yesterday.slice(8)}/${yesterday.slice(5, 7)}/${yesterday.slice(0, 4)}`,
      );
      expect(sheet.getRow(7).getCell(3).value).toBe('Toàn tỉnh (2 cơ quan)');
      const help = book.getWorksheet('Cách tính điểm');
      expect(help?.rowCount).toBe(SCORE_CRITERIA.length + 2);
      expect(help?.getRow(2).getCell(1).value).toBe(SCORE_CRITERIA[0]?.label);
    });

    it('answers a province session only', async () => {
      for (const path of ['/v1/admin/qms', '/v1/admin/qms/export']) {
        expect((await send(h.url, 'GET', path)).status).toBe(401);
        const asDevice = await send(h.url, 'GET', path, { headers: device.authHeaders() });
        expect(asDevice.status).toBe(401);
      }
    });
  });
}

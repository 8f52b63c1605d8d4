// The province's view of every office's quality system in Chromium: three offices in different
// states (one complete, one with an overdue nonconformity and a high risk, one that has pushed
// nothing), ranked by score; sorting by a column and by name in Vietnamese order; the score's
// help; the Excel export downloaded and read.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { qmsRow } from '../server/support/qms-rows';
import { addCivilDays, civilDateOf } from '../../core/calendar/civil-time';
import { dueYear } from '../../core/qms/yearly-report';
import { dossierRow } from '../server/support/client';
import { screenshot } from './support/harness';
import { provinceDashboard } from './support/province';

const province = provinceDashboard();

const rec = qmsRow;

describe('quality system of every office on the province dashboard', () => {
  it(
    'ranks the offices, sorts the table, explains the score and exports Excel',
    { timeout: 180_000 },
    async () => {
      const { h, page } = province;
      const now = Date.now();
      const today = civilDateOf(now);
      const year = Number(today.slice(0, 4));
      const lastWeek = addCivilDays(today, -7);
      const office = async (agencyCode: string, name: string) =>
        h.device((await h.admin.createOffice(agencyCode, name)).officeId);
      const push = async (
        device: Awaited<ReturnType<typeof office>>,
        entity: string,
        rows: object[],
      ) =>
        expect(
          (await device.push(rows.map((r) => device.op(entity, r as Record<string, unknown>))))
            .status,
        ).toBe(200);

      const good = await office('000.00.61.H56', 'UBND xã Đông Thành');
      const late = await office('000.00.62.H56', 'UBND xã Ân Thi');
      await office('000.00.63.H56', 'UBND xã Bình Minh');
      const approved = rec('announcement', 'approved', {
        decisionNo: '15/QĐ-UBND',
        signedOn: `${year}-03-02`,
        scope: { procedures: [{ code: '1' }, { code: '2' }], notApplicable: [] },
      });
      await push(good, 'qms_record', [
        approved,
        rec('audit', 'reported', { year, date: lastWeek }),
        rec('review', 'held', { year, date: lastWeek }),
        rec('objective', 'met', { year }),
        rec('objective', 'met', { year }),
        rec('yearly_report', 'sent', { year: dueYear(today), sent: { on: lastWeek } }),
      ]);
      const ids = [uuidv7(), uuidv7()];
      const at = now - 3_600_000;
      await push(
        good,
        'dossier',
        ids.map((id) =>
          dossierRow(id, {
            status: 'returned',
            outcome: 'on_time',
            resolvedAt: at,
            returnedAt: at,
          }),
        ),
      );
      await push(good, 'qms_record', [
        rec(
          'rating',
          'recorded',
          { satisfied: true, returnedOn: today },
          { sourceKind: 'dossier', sourceId: ids[0] },
        ),
      ]);
      await push(late, 'qms_record', [
        { ...approved, id: uuidv7() },
        rec('objective', 'missed', { year }),
        rec('nonconformity', 'planned', { deadline: lastWeek }),
        rec('risk', 'treating', {
          type: 'risk',
          likelihood: 4,
          impact: 4,
          residualLikelihood: null,
          residualImpact: null,
        }),
      ]);

      await province.login();
      await page.getByRole('link', { name: 'Hệ thống chất lượng' }).click();
      const table = page.getByTestId('qms-table');
      await table.waitFor();
      const names = async () =>
        (await table.locator('tbody tr td[data-col="name"]').allInnerTexts()).map((s) => s.trim());
      expect(await names()).toEqual(['UBND xã Đông Thành', 'UBND xã Ân Thi', 'UBND xã Bình Minh']);
      const lateRow = page.getByTestId('qms-000.00.62.H56');
      expect(await lateRow.locator('td[data-col="nc"]').innerText()).toBe('1 / 1');
      expect(await lateRow.locator('td[data-col="risks"]').innerText()).toBe('1');
      const goodRow = page.getByTestId('qms-000.00.61.H56');
      expect(await goodRow.locator('td[data-col="qd766"]').innerText()).toMatch(
        /^100\s?%\s+2 hồ sơ$/,
      );
      expect((await goodRow.locator('td[data-col="yearly"]').innerText()).toLowerCase()).toContain(
        `${dueYear(today)}: đã gửi`,
      );
      expect(await page.getByTestId('qms-province').innerText()).toContain('Đã công bố HTQLCL');

      await page.getByRole('button', { name: /Cách tính điểm xếp hạng/ }).click();
      await page.getByTestId('score-help').waitFor();
      expect(await page.getByTestId('score-help').innerText()).toContain('Hài lòng theo QĐ 766');
      await screenshot(page, 'province-qms');

      // By name, in Vietnamese order (Â after A, before B; Đ after D).
      await table.getByRole('button', { name: 'Xã, phường' }).click();
      expect(await names()).toEqual(['UBND xã Ân Thi', 'UBND xã Bình Minh', 'UBND xã Đông Thành']);
      // Overdue nonconformities first.
      await table.getByRole('button', { name: 'KPH mở / quá hạn' }).click();
      expect((await names())[0]).toBe('UBND xã Ân Thi');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Xuất Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^htqlcl-cac-xa-${year}_`));
      const file = await download.path();
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      expect(sheet?.getRow(4).getCell(3).value).toBe('Tên cơ quan');
      expect(sheet?.getRow(5).getCell(3).value).toBe('UBND xã Đông Thành');
    },
  );
});

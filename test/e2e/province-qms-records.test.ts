// The province's read-only drill-down into one office's quality-system records, in Chromium:
// from the province table, open the office and read its documents (revision, next review),
// objectives with measurements, nonconformities (the overdue one in red), risks with their
// level, an internal audit with its findings and history, the announcement and the yearly
// report, with Vietnamese labels and dd/mm/yyyy dates; nothing on the page can change them.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { addCivilDays, civilDateOf } from '../../core/calendar/civil-time';
import { qmsRow } from '../server/support/qms-rows';
import { screenshot } from './support/harness';
import { provinceDashboard } from './support/province';

const province = provinceDashboard();
const rec = qmsRow;
/** A rendered element's text colour (the test's tsconfig has no DOM types). */
const colour = (e: unknown) =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e)
    .color;
/** Mantine's red.7: rgb(240, 62, 62) or thereabouts. */
const RED = /^rgb\(2\d\d, \d{1,2}, \d{1,2}\)$/;
/** Text of a table with its cells' spacing (tabs, paragraph breaks) made single spaces. */
const flat = async (l: { innerText(): Promise<string> }) =>
  (await l.innerText()).replace(/\s+/g, ' ');
const dmy = (d: string) => `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

describe('an office’s quality-system records on the province dashboard', () => {
  it(
    'opens the office from the table and reads every section and a record, read-only',
    { timeout: 180_000 },
    async () => {
      const { h, page } = province;
      const today = civilDateOf(Date.now());
      const year = Number(today.slice(0, 4));
      const lastWeek = addCivilDays(today, -7);
      const nextMonth = addCivilDays(today, 30);
      const { officeId } = await h.admin.createOffice('000.00.81.H56', 'UBND xã Ân Phú');
      const device = await h.device(officeId);
      const push = async (entity: string, rows: Record<string, unknown>[]) =>
        expect((await device.push(rows.map((r) => device.op(entity, r)))).status).toBe(200);

      const docA = rec(
        'document',
        'active',
        { docType: 'procedure' },
        { code: 'QT-HT-01', title: 'Quy trình đăng ký khai sinh', dueDate: nextMonth },
      );
      const docB = rec(
        'document',
        'active',
        { docType: 'procedure' },
        { code: 'QT-ĐĐ-01', title: 'Quy trình cấp giấy đất đai', dueDate: lastWeek },
      );
      const objective = rec('objective', 'active', {
        year,
        statement: 'Tỷ lệ hồ sơ trả đúng hạn',
        target: 98,
        unit: '%',
        atMost: false,
      });
      const audit = rec(
        'audit',
        'reported',
        { year, month: 5, area: 'Tư pháp – Hộ tịch', date: lastWeek, checklist: [] },
        { title: 'Đánh giá nội bộ lĩnh vực Tư pháp – Hộ tịch' },
      );
      await push('qms_record', [
        docA,
        docB,
        rec(
          'revision',
          'effective',
          { documentId: docA.id, issueNo: 3, effectiveDate: `${year}-01-15` },
          { parentId: docA.id },
        ),
        objective,
        rec(
          'measurement',
          'recorded',
          { label: `Quý I/${year}`, from: `${year}-01-01`, to: `${year}-03-31`, value: 96.5 },
          { parentId: objective.id },
        ),
        rec('nonconformity', 'planned', {
          description: 'Hồ sơ khai sinh trả trễ hạn',
          source: 'late_dossier',
          detectedOn: addCivilDays(today, -20),
          deadline: lastWeek,
        }),
        rec('nonconformity', 'open', {
          description: 'Thiếu phiếu kiểm soát',
          source: 'internal_audit',
          detectedOn: lastWeek,
          deadline: nextMonth,
        }),
        rec('risk', 'treating', {
          type: 'risk',
          description: 'Mất hồ sơ giấy',
          processName: 'Tiếp nhận hồ sơ',
          likelihood: 4,
          impact: 4,
          residualLikelihood: null,
          residualImpact: null,
        }),
        audit,
        rec(
          'finding',
          'recorded',
          {
            auditId: audit.id,
            type: 'minor_nc',
            clause: '8.5',
            description: 'Thiếu phiếu kiểm soát',
          },
          { parentId: audit.id },
        ),
        rec('review', 'held', {
          year,
          date: lastWeek,
          periodFrom: `${year}-01-01`,
          periodTo: lastWeek,
        }),
        rec('announcement', 'approved', {
          decisionNo: '15/QĐ-UBND',
          signedOn: `${year}-03-02`,
          scope: { procedures: [{ code: '1' }, { code: '2' }], notApplicable: [] },
        }),
        rec('yearly_report', 'sent', {
          year: year - 1,
          sent: { userId: 'u', name: 'Lê Văn Chủ', on: `${year}-01-10` },
        }),
      ]);
      const line = (
        at: number,
        userName: string,
        transition: string,
        fromState: string | null,
        toState: string,
        comment = '',
      ) => ({
        id: uuidv7(),
        updatedAt: Date.now(),
        recordId: audit.id,
        kind: 'audit',
        at,
        userName,
        transition,
        fromState,
        toState,
        comment,
      });
      const t0 = Date.parse(`${lastWeek}T02:00:00Z`);
      await push('qms_history', [
        line(t0, 'Nguyễn Văn An', 'create', null, 'planned'),
        line(
          t0 + 3_600_000,
          'Trần Thị Bình',
          'report',
          'in_progress',
          'reported',
          'Đã báo cáo kết quả',
        ),
      ]);

      await province.login();
      await page.getByRole('link', { name: 'Hệ thống chất lượng' }).click();
      await page.getByTestId('qms-table').getByRole('link', { name: 'UBND xã Ân Phú' }).click();
      await page.getByRole('heading', { name: 'Hồ sơ HTQLCL — UBND xã Ân Phú' }).waitFor();

      // Documents in force, in Vietnamese order (D before Đ... here Đ before H), with the
      // revision in force and the next review; the one past its review date in red.
      const docs = page.getByTestId('qms-records-documents');
      const rows = docs.locator('tbody tr');
      expect((await rows.allInnerTexts()).map((t) => t.split('\t')[0]?.trim())).toEqual([
        'QT-ĐĐ-01',
        'QT-HT-01',
      ]);
      const ht = await rows.nth(1).innerText();
      expect(ht).toContain('Quy trình');
      expect(ht).toContain('3');
      expect(ht).toContain(`15/01/${year}`);
      expect(ht).toContain(dmy(nextMonth));
      const overdueReview = rows.nth(0).getByText(`${dmy(lastWeek)} (quá hạn)`);
      expect(await overdueReview.evaluate(colour)).toMatch(RED);

      await page.getByRole('tab', { name: /Mục tiêu chất lượng \(1\)/ }).click();
      const objectives = await page.getByTestId('qms-records-objectives').innerText();
      expect(objectives).toContain('Tỷ lệ hồ sơ trả đúng hạn');
      expect(objectives).toContain(`Quý I/${year}: 96,5 %`);
      expect(objectives).toContain('Đang theo dõi');

      await page.getByRole('tab', { name: /Sự không phù hợp \(2\)/ }).click();
      const ncRows = page.getByTestId('qms-records-nonconformities').locator('tbody tr');
      expect(await ncRows.nth(0).innerText()).toContain('Hồ sơ khai sinh trả trễ hạn');
      expect(await ncRows.nth(0).innerText()).toContain('Hồ sơ trễ hạn');
      expect(await ncRows.nth(0).innerText()).toContain('Đang thực hiện hành động khắc phục');
      const late = ncRows.nth(0).getByText(`${dmy(lastWeek)} (quá hạn)`);
      expect(await late.evaluate(colour)).toMatch(RED);
      expect(await ncRows.nth(1).innerText()).not.toContain('quá hạn');
      await screenshot(page, 'province-qms-records-nc');

      await page.getByRole('tab', { name: /Rủi ro, cơ hội \(1\)/ }).click();
      const risk = await page.getByTestId('qms-records-risks').innerText();
      expect(risk).toContain('16');
      expect(risk.toLowerCase()).toContain('cao'); // the badge is in capitals

      await page.getByRole('tab', { name: /Công bố HTQLCL \(1\)/ }).click();
      expect(await flat(page.getByTestId('qms-records-announcements'))).toContain(
        `15/QĐ-UBND 02/03/${year} 2 Đang có hiệu lực`,
      );
      await page.getByRole('tab', { name: /Báo cáo năm \(1\)/ }).click();
      expect(await page.getByTestId('qms-records-yearly').innerText()).toContain(`10/01/${year}`);

      // An audit with its finding, opened: its fields and history, and nothing to press.
      await page.getByRole('tab', { name: /Đánh giá nội bộ \(1\)/ }).click();
      const audits = page.getByTestId('qms-records-audits');
      expect(await audits.innerText()).toContain('8.5 · Không phù hợp nhẹ');
      await audits.getByText('Tư pháp – Hộ tịch').click();
      const detail = page.getByTestId('record-detail');
      await detail.waitFor();
      const fields = await flat(page.getByTestId('record-fields'));
      expect(fields).toContain(`Ngày ${dmy(lastWeek)}`);
      expect(fields).toContain('Lĩnh vực được đánh giá Tư pháp – Hộ tịch');
      const history = page.getByTestId('record-history').locator('tbody tr');
      expect(await history.count()).toBe(2);
      expect(await history.nth(0).innerText()).toContain('Nguyễn Văn An');
      expect(await history.nth(0).innerText()).toContain('Tạo mới');
      expect(await history.nth(1).innerText()).toContain('Đang đánh giá → Đã có báo cáo');
      expect(await history.nth(1).innerText()).toContain('Đã báo cáo kết quả');
      const drawer = page.getByRole('dialog');
      const buttons = await drawer.getByRole('button').allInnerTexts();
      expect(buttons.every((b) => b.trim() === '')).toBe(true); // the close button only
      expect(await drawer.getByRole('button').count()).toBe(1);
      await screenshot(page, 'province-qms-record');
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });
    },
  );
});

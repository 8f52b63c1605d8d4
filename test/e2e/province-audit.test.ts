// The province dashboard shows an office whose audit trail was rewritten after a sync: a red
// badge in the office list, and on the office the first broken row in Vietnamese. The device
// pushes real chained rows (core/audit/chain.ts), then a row that follows a rebuilt chain.
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../core/audit/chain';
import { chainHash } from '../../services/security/audit-chain';
import { screenshot } from './support/harness';
import { provinceDashboard } from './support/province';

const province = provinceDashboard();

const SUMMARIES = [
  'Thiết lập cơ quan UBND xã Sơn Vi',
  'Tạo tài khoản motcua',
  'Tiếp nhận hồ sơ 000.00.41.H56-261123-0001: Đăng ký khai sinh',
  'Cập nhật lịch làm việc năm 2027: 1 ngày nghỉ, 0 ngày làm bù',
];

function chain(at: number, summaries: readonly string[], start = 1, prev = GENESIS_HASH) {
  return summaries.map((summary, i) => {
    const row = {
      id: uuidv7(),
      seq: start + i,
      at: at + i * 60_000,
      actorId: null,
      actorName: 'Nguyễn Văn An',
      operation: 'demo.op',
      entity: 'office',
      entityId: null,
      summary,
      prevHash: prev,
    };
    prev = chainHash(row);
    return { ...row, hash: prev, updatedAt: row.at };
  });
}

describe('audit trail break on the province dashboard', () => {
  it('shows the office with its trail rewritten, and the first broken row', async () => {
    const { h, page } = province;
    const office = async (agencyCode: string, name: string) =>
      h.device((await h.admin.createOffice(agencyCode, name)).officeId);
    const intact = { device: await office('000.00.40.H56', 'UBND xã Hạ Hòa') };
    const broken = { device: await office('000.00.41.H56', 'UBND xã Sơn Vi') };
    const at = Date.parse('2026-11-23T02:00:00Z');
    const send = async (device: typeof broken.device, rows: ReturnType<typeof chain>) => {
      const r = await device.push(rows.map((row) => device.op('audit_row', row)));
      expect(r.status).toBe(200);
    };
    await send(intact.device, chain(at, SUMMARIES));
    await send(broken.device, chain(at, SUMMARIES));
    // The PC's log rebuilt after the sync (every hash recomputed): the next row sent follows
    // the rebuilt row 4, whose hash is not the one the province holds.
    const rebuiltHead = randomBytes(32).toString('hex');
    await send(broken.device, chain(at + 7_200_000, ['Đăng nhập'], 5, rebuiltHead));

    await province.login();
    const row = page.getByTestId('office-000.00.41.H56');
    await row.waitFor();
    expect(await row.getByTestId('audit-broken').textContent()).toBe('Nhật ký bị sửa');
    expect(await page.getByTestId('office-000.00.40.H56').getByTestId('audit-broken').count()).toBe(
      0,
    );
    await screenshot(page, 'province-audit-list');

    await row.getByRole('link', { name: 'UBND xã Sơn Vi' }).click();
    const alert = page.getByTestId('audit-break');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('Dòng số 5 không nối tiếp dòng số 4 tỉnh đang giữ');
    expect(text).toContain('Dòng đầu tiên bị phá vỡ: dòng số 5');
    expect(text).toContain('“Đăng nhập”');
    expect(await page.getByText('Tỉnh đang giữ nhật ký đến dòng số 5').count()).toBe(1);
    await screenshot(page, 'province-audit-detail');

    await page.goBack();
    await page.getByTestId('office-000.00.40.H56').getByRole('link').click();
    await page.getByTestId('audit-ok').waitFor();
    expect(await page.getByTestId('audit-ok').innerText()).toContain('Nhật ký liền mạch');
  }, 120_000);
});

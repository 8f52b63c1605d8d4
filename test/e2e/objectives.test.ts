// Quality objectives end to end in Chromium (browser mode, injected clock): the ISO secretary
// sets a 2026 objective on the share of dossiers received online, measures it from the desk's
// own dossiers (1 of 3 online: 33,3 %), the measurement keeps its value and window when more
// dossiers arrive, the chairman concludes it missed, and a nonconformity opens from it in one
// click. Screenshots at 1366x768.
import { describe, expect, it } from 'vitest';
import { api, go, receiveBirths, shot } from './support/pages';
import { demoOffice } from './support/office';

// Mon 23/11/2026 09:00 Vietnam time.
const MON_0900 = Date.UTC(2026, 10, 23, 2, 0);
const STATEMENT = 'Ít nhất 50 % hồ sơ được tiếp nhận trực tuyến';

const { as } = demoOffice(() => MON_0900);

describe('quality objectives measured from the desk', () => {
  it('is set, measured from real dossiers, concluded missed and opens a nonconformity', async () => {
    const desk = await as('motcua');
    await receiveBirths(desk, ['Lý Thị Mai', 'Đỗ Văn Nam']);
    await receiveBirths(desk, ['Ngô Thị Lan'], 'online');

    const iso = await as('thuky');
    await go(iso, 'Mục tiêu chất lượng');
    await iso.getByRole('button', { name: 'Thêm mục tiêu' }).click();
    const form = iso.getByRole('form', { name: 'Thêm mục tiêu chất lượng' });
    await form.getByRole('textbox', { name: 'Mục tiêu', exact: true }).fill(STATEMENT);
    await form.getByRole('combobox', { name: 'Chỉ số đo lường' }).click();
    await iso.getByRole('option', { name: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến' }).click();
    await form.getByRole('textbox', { name: 'Chỉ tiêu (%)' }).fill('50');
    await form.getByRole('button', { name: 'Thêm mục tiêu' }).click();
    await form.waitFor({ state: 'detached' });

    const card = iso.getByTestId('objective').filter({ hasText: STATEMENT });
    await card.getByText('Chưa đo lường').waitFor();
    await card.getByRole('button', { name: 'Đo lường' }).click();
    const measure = iso.getByRole('form', { name: 'Đo lường mục tiêu' });
    // The preview is computed from this office's dossiers: 1 of the 3 received online.
    await expect.poll(() => measure.getByTestId('measure-preview').innerText()).toContain('33,3');
    await shot(iso, 'objective-measure');
    await measure.getByRole('button', { name: 'Ghi kết quả' }).click();
    await measure.waitFor({ state: 'detached' });
    const row = card.getByTestId('measurement');
    await expect.poll(() => row.innerText()).toContain('(1/3)');
    const recorded = await row.innerText();
    await card.getByText('Đang chưa đạt').waitFor();

    // Two more online dossiers: the recorded measurement keeps its value and window.
    await receiveBirths(desk, ['Vũ Văn Hải', 'Mai Thị Hồng'], 'online');
    await iso.reload();
    await card.getByTestId('measurement').waitFor();
    expect(await card.getByTestId('measurement').innerText()).toBe(recorded);
    const [listed] = (await api(iso, 'objectives.list', { year: 2026 })).rows.filter(
      (o) => o.record.title === STATEMENT,
    );
    expect(listed?.measurements).toHaveLength(1);
    expect(listed?.measurements[0]).toMatchObject({ numerator: 1, denominator: 3 });
    await shot(iso, 'objectives-year');

    // The chairman concludes the year: missed. "Đạt" is refused by the rule.
    const chair = await as('chutich');
    await go(chair, 'Mục tiêu chất lượng');
    const chairCard = chair.getByTestId('objective').filter({ hasText: STATEMENT });
    await chairCard.getByRole('button', { name: 'Kết luận đạt' }).click();
    const refuse = chair.getByRole('dialog', { name: 'Kết luận mục tiêu đạt' });
    await refuse.getByRole('button', { name: 'Kết luận mục tiêu đạt' }).click();
    await refuse.getByText('chưa đạt chỉ tiêu').waitFor();
    await refuse.getByRole('button', { name: 'Hủy' }).click();
    await chairCard.getByRole('button', { name: 'Kết luận không đạt' }).click();
    const missed = chair.getByRole('dialog', { name: 'Kết luận mục tiêu không đạt' });
    await missed.getByLabel('Nhận xét, đánh giá').fill('Người dân chưa quen nộp hồ sơ trực tuyến.');
    await missed.getByRole('button', { name: 'Kết luận mục tiêu không đạt' }).click();
    await missed.waitFor({ state: 'detached' });
    await chairCard.getByText('Không đạt', { exact: true }).waitFor();

    await chairCard.getByRole('button', { name: 'Tạo sự không phù hợp' }).click();
    const nc = chair.getByRole('form', { name: 'Tạo sự không phù hợp' });
    await expect.poll(() => nc.getByTestId('nc-source').innerText()).toContain('Mục tiêu');
    expect(await nc.getByRole('textbox', { name: 'Mô tả' }).inputValue()).toContain(
      'chỉ tiêu đạt ít nhất 50 %, kết quả 33,3 % (từ 01/10/2026 đến 23/11/2026)',
    );
    await shot(chair, 'objective-nonconformity');
    await nc.getByRole('button', { name: 'Tạo sự không phù hợp' }).click();
    await nc.waitFor({ state: 'detached' });
    const ncs = await api(chair, 'nonconformities.list', { sourceKind: 'objective' });
    expect(ncs.rows.map((n) => n.sourceId)).toEqual([listed?.record.id]);
  });
});

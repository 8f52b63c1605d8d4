// Who saw a citizen's dossier, end to end in Chromium (browser mode, the demo office): the desk
// receives a dossier, the specialist opens it and prints its receipt; the chairman opens it and
// reads, on its detail, who viewed and printed it and when. A desk officer does not see the log.
import { describe, expect, it } from 'vitest';
import { demoOffice } from './support/office';
import { api, openDossier, receiveBirths, shot } from './support/pages';

// Mon 23/11/2026 09:00 Vietnam time.
const clock = Date.UTC(2026, 10, 23, 2, 0);
const { as } = demoOffice(() => clock);

describe('the personal-data access log of a dossier', { timeout: 180_000 }, () => {
  it('shows the chairman who viewed and printed it', async () => {
    const desk = await as('motcua');
    const [code] = await receiveBirths(desk, ['Lê Thị Ánh Dương']);
    const found = await api(desk, 'dossiers.list', { query: code ?? '' });
    const id = found.rows[0]?.id ?? '';

    const specialist = await as('tuphap');
    await openDossier(specialist, id);
    await api(specialist, 'forms.render', { dossierId: id, kind: 'receipt' });
    await openDossier(desk, id);
    expect(await desk.getByRole('table', { name: 'Ai đã xem hồ sơ này' }).count()).toBe(0);

    const chair = await as('chutich');
    await openDossier(chair, id);
    const log = chair.getByRole('table', { name: 'Ai đã xem hồ sơ này' });
    await log.getByText('In biểu mẫu').waitFor();
    const rows = await log.getByRole('row').allInnerTexts();
    // Header, then newest first: the chairman's own view, the desk's, the specialist's print
    // and view (the desk's receive is a change, not an access).
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[1]).toMatch(/23\/11\/2026[\s\S]*Xem hồ sơ/);
    expect(rows.filter((r) => /In Mẫu số 01/.test(r))).toHaveLength(1);
    expect(rows.some((r) => /Xem hồ sơ/.test(r) && r.includes(code ?? '-'))).toBe(true);
    await log.scrollIntoViewIfNeeded();
    await shot(chair, 'dossier-access-log');
  });
});

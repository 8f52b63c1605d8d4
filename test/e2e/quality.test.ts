// The quality system's figures end to end in Chromium (browser mode, injected clock): the
// citizen's rating taken with the keyboard on the return dialog and shown on the dossier; a
// feedback entry taken in, in its handler's inbox, answered on time. Screenshots at 1366x768.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../core/contract';
import { launchChromium, startE2eApp, type E2eApp } from './support/harness';
import { api, go, openAs, openDossier, shot } from './support/pages';

const ROLE_USER: Readonly<Record<string, readonly [string, string]>> = {
  desk_officer: ['motcua', 'Phạm Thị Hoa'],
  specialist: ['tuphap', 'Hoàng Văn Đức'],
  leader: ['chutich', 'Trần Thị Lãnh'],
  records_clerk: ['vanthu', 'Đặng Thị Thư'],
};
const pick = (list: readonly { id: string; fullName: string }[], role: string) =>
  list.find((p) => p.fullName === ROLE_USER[role]?.[1])?.id ?? '';
// Mon 23/11/2026 08:30 Vietnam time.
const MON_0830 = Date.UTC(2026, 10, 23, 1, 30);

let browser: Browser;
let app: E2eApp;
const clock = MON_0830;
const pages: Page[] = [];
const byUser = new Map<string, Page>();

async function as(username: string): Promise<Page> {
  const known = byUser.get(username);
  if (known) return known;
  const page = await openAs(browser, app, username, clock);
  await page.setViewportSize({ width: 1366, height: 768 });
  pages.push(page);
  byUser.set(username, page);
  return page;
}

/** A same-day birth registration received and taken to its last step (ready to return). */
async function readyDossier(): Promise<OpOutput<'dossiers.get'>> {
  const desk = await as('motcua');
  const procedures = await api(desk, 'catalog.list', {});
  const pid = procedures.find((p) => p.code === '1.001193')?.id ?? '';
  const people = await api(desk, 'desk.assignees', { role: 'specialist' });
  let d: OpOutput<'dossiers.get'> = await api(desk, 'dossiers.receive', {
    requestKey: crypto.randomUUID(),
    procedureId: pid,
    applicant: {
      fullName: 'Lê Thị Mai',
      idKind: 'cccd',
      idNumber: '001199054321',
      address: 'Thôn Nam, xã Tân Lập',
      phone: '0912000222',
      email: '',
    },
    documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
    sets: 1,
    feeVnd: 0,
    channel: 'direct',
    assigneeId: pick(people, 'specialist'),
    note: '',
  });
  while (d.nextStep) {
    const holder = await as(ROLE_USER[d.steps.at(-1)?.role ?? '']?.[0] ?? '');
    const nextRole = d.nextStep.role as 'desk_officer' | 'specialist' | 'leader' | 'records_clerk';
    const to = await api(holder, 'desk.assignees', { role: nextRole });
    d = await api(holder, 'dossiers.forward', {
      id: d.dossier.id,
      expectedStep: d.dossier.currentStep,
      toUserId: pick(to, nextRole),
      note: '',
    });
  }
  return d;
}

beforeAll(async () => {
  fs.mkdirSync(path.resolve('test-results'), { recursive: true });
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, now: () => clock });
});
afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser.close();
  await app.close();
});

describe('citizens satisfaction and feedback', () => {
  it('takes the rating on return with the keyboard and shows it on the dossier', async () => {
    const ready = await readyDossier();
    const desk = await as('motcua');
    await openDossier(desk, ready.dossier.id);
    await desk.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    const dialog = desk.getByRole('dialog', { name: 'Trả kết quả' });
    await dialog.getByRole('radio', { name: '1. Hài lòng' }).waitFor();
    await desk.keyboard.press('2');
    await expect
      .poll(() => dialog.getByRole('radio', { name: '2. Không hài lòng' }).isChecked())
      .toBe(true);
    await dialog.getByText('Đánh giá theo tiêu chí (không bắt buộc)').click();
    await shot(desk, 'rating-return-dialog');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = desk.getByTestId('dossier-rating');
    await expect.poll(() => card.textContent()).toContain('Không hài lòng');
    expect(await card.textContent()).toContain('Tại quầy khi trả kết quả, ngày 23/11/2026');
    await shot(desk, 'rating-dossier-card');
  }, 180_000);

  it('takes in feedback, reaches its handler, who answers it on time', async () => {
    const desk = await as('motcua');
    await go(desk, 'Phản ánh, kiến nghị');
    await desk.getByRole('button', { name: 'Tiếp nhận phản ánh, kiến nghị' }).click();
    const form = desk.getByRole('dialog', { name: 'Tiếp nhận phản ánh, kiến nghị' });
    await form.getByLabel('Người phản ánh, kiến nghị').fill('Nguyễn Văn Tư');
    await form
      .getByRole('textbox', { name: 'Nội dung' })
      .fill('Công chức một cửa hướng dẫn thiếu giấy tờ, phải đi lại hai lần');
    await form.getByRole('combobox', { name: /^Người được giao xử lý/ }).fill('Hoàng');
    await desk.getByRole('option', { name: /Hoàng Văn Đức/ }).click();
    await shot(desk, 'feedback-create');
    await form.getByRole('button', { name: 'Tiếp nhận' }).click();
    await desk.getByTestId('feedback-code').waitFor();
    expect(await desk.getByTestId('feedback-code').textContent()).toBe('PAKN-2026-001');
    expect(await desk.getByText('08/12/2026').count()).toBeGreaterThan(0);

    const specialist = await as('tuphap');
    const inbox = await api(specialist, 'qms.inbox', {});
    const line = inbox.items.find((i) => i.code === 'PAKN-2026-001');
    expect(line).toMatchObject({ task: 'Trả lời phản ánh, kiến nghị', overdue: false });
    await specialist.evaluate(`location.hash = ${JSON.stringify(`#${line?.link ?? ''}`)}`);
    await specialist.getByRole('button', { name: 'Trả lời phản ánh, kiến nghị' }).click();
    const answer = specialist.getByRole('dialog', { name: 'Trả lời phản ánh, kiến nghị' });
    await answer.getByLabel('Ngày trả lời').fill('23/11/2026');
    await answer.getByLabel('Ngày trả lời').press('Tab');
    await answer.getByLabel('Nội dung trả lời').fill('Đã xin lỗi, hướng dẫn lại đầy đủ');
    await answer.getByRole('button', { name: 'Trả lời phản ánh, kiến nghị' }).click();
    await answer.waitFor({ state: 'detached' });
    await expect
      .poll(() => specialist.getByTestId('feedback-state').textContent())
      .toBe('Đã trả lời');
    await shot(specialist, 'feedback-detail-answered');
    await go(specialist, 'Phản ánh, kiến nghị');
    await specialist.getByText('Tất cả', { exact: true }).click();
    await specialist.getByTestId('feedback-row').waitFor();
    expect(await specialist.getByTestId('feedback-row').textContent()).toContain(
      'Trả lời đúng hạn',
    );
    await shot(specialist, 'feedback-register');
  }, 180_000);
});

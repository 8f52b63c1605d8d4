// Page models of the one-stop desk screens: what a user does, in the words of the UI.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { OpInput, OpName, OpOutput } from '../../../core/contract';
import { login, screenshot, type E2eApp } from './harness';

export const DEMO_PASSWORD = 'demo1234';

/** A user's own browser context, its clock pinned to the server's injected time. */
export async function openAs(
  browser: Browser,
  app: E2eApp,
  username: string,
  at: number,
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 800 },
    acceptDownloads: true,
  });
  await context.clock.setFixedTime(at);
  const page = await context.newPage();
  await page.goto(app.server.url);
  await login(page, username, DEMO_PASSWORD);
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** A contract call from inside the page, with its session: the result as the UI gets it. */
export async function callApi<N extends OpName>(
  page: Page,
  name: N,
  input: OpInput<N>,
): Promise<
  { ok: true; value: OpOutput<N> } | { ok: false; error: { code: string; message: string } }
> {
  return page.evaluate(
    async ([n, body]) => {
      // The session travels as the app sends it: headers from this tab's sessionStorage.
      const r = await fetch(`/api/${n}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-isoxa-run': sessionStorage.getItem('isoxa.run') ?? '',
          'x-isoxa-session': sessionStorage.getItem('isoxa.session') ?? '',
        },
        credentials: 'omit',
        body: JSON.stringify(body),
      });
      return (await r.json()) as
        { ok: true; value: OpOutput<N> } | { ok: false; error: { code: string; message: string } };
    },
    [name, input] as const,
  );
}

export async function api<N extends OpName>(
  page: Page,
  name: N,
  input: OpInput<N>,
): Promise<OpOutput<N>> {
  const r = await callApi(page, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Birth registrations received at the desk now, one per applicant's name: their codes. */
export async function receiveBirths(
  desk: Page,
  names: readonly string[],
  channel: 'direct' | 'online' = 'direct',
): Promise<string[]> {
  const procedures = await api(desk, 'catalog.list', {});
  const procedureId = procedures.find((p) => p.code === '1.001193')?.id ?? '';
  const [specialist] = await api(desk, 'desk.assignees', { role: 'specialist' });
  const codes: string[] = [];
  for (const name of names) {
    const applicant = { fullName: name, idKind: 'cccd' as const, idNumber: '001099077777' };
    const d = await api(desk, 'dossiers.receive', {
      requestKey: crypto.randomUUID(),
      procedureId,
      applicant: { ...applicant, address: 'Thôn Bắc', phone: '0912000222', email: '' },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
      sets: 1,
      feeVnd: 0,
      channel,
      assigneeId: specialist?.id ?? '',
      note: '',
    });
    codes.push(d.dossier.code);
  }
  return codes;
}

export async function go(page: Page, navLabel: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Chức năng' })
    .getByRole('link', { name: navLabel })
    .click();
}

/** Applies a record's move by its button and dialog (both named `button`), filling `fill`. */
export async function move(
  page: Page,
  button: string,
  fill: Readonly<Record<string, string>> = {},
): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: button });
  for (const [label, value] of Object.entries(fill)) {
    await dialog.getByLabel(label).fill(value);
    // Leaves the field: a date picker's calendar closes instead of covering the buttons.
    await dialog.getByLabel(label).press('Tab');
  }
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached' });
}

export async function openDossier(page: Page, id: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(`#/dossiers/${id}`)}`);
  await page.getByTestId('dossier-code').waitFor();
}

export interface ReceiveInput {
  readonly name: string;
  readonly idNumber: string;
  readonly address: string;
  readonly phone: string;
}

export class ReceivePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await go(this.page, 'Tiếp nhận hồ sơ');
    await this.page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' }).waitFor();
  }

  async chooseProcedure(search: string, option: string | RegExp): Promise<void> {
    const select = this.page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    await select.fill(search);
    await this.page.getByRole('option', { name: option }).click();
    await this.page.getByRole('table', { name: 'Thành phần hồ sơ' }).waitFor();
  }

  appointment(): Promise<string | null> {
    return this.page.getByTestId('appointment').textContent();
  }

  async fillApplicant(a: Readonly<ReceiveInput>): Promise<void> {
    await this.page.getByLabel('Họ và tên người nộp').fill(a.name);
    await this.page.getByLabel('Số giấy tờ tùy thân').fill(a.idNumber);
    await this.page.getByLabel('Địa chỉ').fill(a.address);
    await this.page.getByLabel('Số điện thoại').fill(a.phone);
  }

  /** Submits (twice, as an impatient double click) and returns the new dossier's id. */
  async submit(): Promise<string> {
    const button = this.page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn' });
    await button.dblclick();
    await this.page.getByTestId('dossier-code').waitFor();
    const id = /#\/dossiers\/([0-9a-f-]+)/.exec(this.page.url())?.[1];
    expect(id).toBeTruthy();
    return id ?? '';
  }
}

export class DossierPage {
  constructor(readonly page: Page) {}

  code(): Promise<string | null> {
    return this.page.getByTestId('dossier-code').textContent();
  }

  due(): Promise<string | null> {
    return this.page.getByTestId('due').textContent();
  }

  actionButton(label: string) {
    return this.page.getByRole('button', { name: label, exact: true });
  }

  /** Runs an action from the detail page and waits for the confirmation. */
  /** Runs an action from its dialog; `to` picks the recipient of a forward by name. */
  async act(label: string, note = '', to?: string): Promise<void> {
    await this.actionButton(label).click();
    const dialog = this.page.getByRole('dialog', { name: label });
    if (to) {
      await dialog.getByRole('combobox', { name: 'Người nhận' }).click();
      await this.page.getByRole('option', { name: new RegExp(`^${to}`) }).click();
    }
    if (note) await dialog.getByRole('textbox', { name: /Ghi chú|Lý do/ }).fill(note);
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async statusText(): Promise<string> {
    return (await this.page.getByTestId('dossier-code').locator('..').textContent()) ?? '';
  }
}

/**
 * A full-page screenshot without the fixed header drawn mid-page: the viewport is grown to
 * the page's height for the shot (a fixed header repeats in stitched full-page captures).
 */
export async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1366, height: 800 };
  // A string: this project's Node typings have no DOM.
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await screenshot(page, name);
  await page.setViewportSize(size);
}

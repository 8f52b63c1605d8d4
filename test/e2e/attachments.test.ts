// Tài liệu đính kèm on the dossier detail in Chromium against browser mode: the desk officer
// attaches a scanned PDF and a photo, sees them listed with size and date, views the photo,
// saves the PDF; an oversize scan is refused with a Vietnamese message; the admin downloads a
// backup and the scans go with it in the .zip. Screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/backend';
import { launchChromium, SCREENSHOTS, startE2eApp, type E2eApp } from './support/harness';
import { api, go, openAs, openDossier, shot } from './support/pages';

// Monday 23/11/2026 09:00 Vietnam time.
const AT = Date.UTC(2026, 10, 23, 2, 0);

/** A grey "scanned page" PNG with dark text-like lines, made without an image library. */
function scannedPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    const line = y % 24 >= 8 && y % 24 < 14 && y > 40 && y < height - 40;
    for (let x = 0; x < width; x++) {
      const ink = line && x > 40 && x < width - 40 - ((y * 7) % 120);
      raw.fill(ink ? 60 : 245, row + 1 + x * 3, row + 4 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let browser: Browser;
let app: E2eApp;
let desk: Page;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startE2eApp({ demo: true, now: () => AT });
  desk = await openAs(browser, app, 'motcua', AT);
});
afterAll(async () => {
  await desk?.context().close();
  await browser?.close();
  await app?.close();
});

async function attach(name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await desk.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer });
  await desk.getByRole('button', { name: 'Đính kèm', exact: true }).click();
}

describe('attachments on the dossier detail', () => {
  it('attaches, lists, views and saves scanned documents', async () => {
    const procedure = (await api(desk, 'catalog.list', {})).find((p) => p.code === '1.001193');
    const [specialist] = await api(desk, 'desk.assignees', { role: 'specialist' });
    const d = await api(desk, 'dossiers.receive', {
      requestKey: crypto.randomUUID(),
      procedureId: procedure?.id ?? '',
      applicant: {
        fullName: 'Nguyễn Thị Mai',
        idKind: 'cccd',
        idNumber: '001199012345',
        address: 'Thôn Đoài, xã Hòa Bình',
        phone: '0987654321',
        email: '',
      },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
      sets: 1,
      feeVnd: 0,
      channel: 'direct',
      assigneeId: specialist?.id ?? '',
      note: '',
    });
    await openDossier(desk, d.dossier.id);
    const section = desk.getByText('Tài liệu đính kèm', { exact: true });
    await section.scrollIntoViewIfNeeded();
    await desk.getByText('Chưa có tài liệu đính kèm.').waitFor();

    // A real PDF: the receipt form printed by Chromium.
    const form = await api(desk, 'forms.render', { dossierId: d.dossier.id, kind: 'receipt' });
    const printer = await desk.context().newPage();
    await printer.setContent(form.html);
    const pdf = await printer.pdf({ format: 'A4' });
    await printer.close();
    await attach('Tờ khai đã ký.pdf', 'application/pdf', pdf);
    const table = desk.getByRole('table', { name: 'Tài liệu đính kèm' });
    await table.getByText('Tờ khai đã ký.pdf').waitFor();
    await attach('Giấy chứng sinh (ảnh chụp).png', 'image/png', scannedPng(620, 820));
    await table.getByText('Giấy chứng sinh (ảnh chụp).png').waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('PDF');
    expect(rows[0]).toContain('23/11/2026');
    expect(rows[0]).toContain('Phạm Thị Hoa');
    expect(rows[1]).toContain('Ảnh PNG');
    await shot(desk, 'desk-detail-attachments');

    // The photo in the viewer.
    await table.getByRole('button', { name: 'Xem' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Giấy chứng sinh (ảnh chụp).png' });
    await dialog.getByRole('img', { name: 'Giấy chứng sinh (ảnh chụp).png' }).waitFor();
    await screenshotViewport(desk, 'desk-attachment-preview');
    await desk.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The PDF saved under its own name.
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      table.getByRole('button', { name: 'Tải về' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('Tờ khai đã ký.pdf');

    // An oversize scan is refused before it is sent.
    // Given by path: the browser reads it from disk instead of 21 MB crossing the driver's
    // pipe, which on a loaded machine took longer than the action's timeout.
    const oversize = path.join(tempDir('isoxa-e2e-oversize-'), 'qua-lon.pdf');
    fs.writeFileSync(oversize, Buffer.alloc(21 * 1024 * 1024));
    await desk.locator('input[type="file"]').setInputFiles(oversize);
    await desk.getByRole('button', { name: 'Đính kèm', exact: true }).click();
    await desk.getByText(/Tệp quá lớn: mỗi tệp đính kèm tối đa 20 MB/).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
  });

  it('says the scans go with a backup downloaded as one .zip, and puts them in it', async () => {
    const admin = await openAs(browser, app, 'admin', AT);
    await go(admin, 'Sao lưu dữ liệu');
    const note = admin.getByTestId('backup-attachments');
    await expect.poll(() => note.textContent()).toContain('và 2 tệp đính kèm (');
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Tải bản sao về máy' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('iso-xa-2026-11-23.zip');
    await admin.getByText(/Đã lưu bản sao kèm 2 tệp đính kèm \(.*\) vào thư mục Tải về/).waitFor();
    await screenshotViewport(admin, 'backups-with-attachments');
    const zip = path.join(tempDir('isoxa-usb-'), 'iso-xa-2026-11-23.zip');
    await download.saveAs(zip);
    const names = Object.keys(unzipSync(fs.readFileSync(zip)));
    expect(names).toContain('iso-xa-2026-11-23.sqlite');
    expect(names.filter((f) => /^iso-xa-2026-11-23\.files\/.*[0-9a-f]{64}$/.test(f))).toHaveLength(
      2,
    );
    await admin.context().close();
  });
});

/** The viewport only: a modal over the page, as the user sees it. */
async function screenshotViewport(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

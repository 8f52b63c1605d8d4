// Printed forms fit the paper: each form is printed to PDF by Chromium with the page size its
// CSS asks for (as the desktop's printToPDF does) and its pages are counted and read.
// PDFs and page images (pdftoppm, when installed) go to test-results/ to be looked at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFor, formSetById } from '../../core/forms/registry';
import type { FormDocument, FormDossier } from '../../core/forms/types';
import { tempDir } from '../support/backend';
import { book, dossier, office } from '../core/forms/fixtures';
import { launchChromium } from './support/harness';

const RESULTS = path.resolve('test-results');
const FONTS = pathToFileURL(path.resolve('resources/fonts')).href;
const set = formSetById('tt03-2025');
let browser: Browser;
let scratch: string;

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  scratch = tempDir('isoxa-forms-');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** Prints the HTML to test-results/<name>.pdf and returns its page count. */
async function print(html: string, name: string): Promise<number> {
  const file = path.join(scratch, `${name}.html`);
  fs.writeFileSync(file, html);
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(file).href);
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(RESULTS, `${name}.pdf`), pdf);
    pngs(name);
    return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
  } finally {
    await page.close();
  }
}

/** Page images to look at; pdftoppm is a dev-machine extra, not a CI dependency. */
function pngs(name: string): void {
  try {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      path.join(RESULTS, `${name}.pdf`),
      path.join(RESULTS, name),
    ]);
  } catch {
    // not installed
  }
}

/** The text of one page, or null without pdftotext. */
function pageText(name: string, page: number): string | null {
  try {
    return execFileSync(
      'pdftotext',
      ['-f', String(page), '-l', String(page), '-layout', path.join(RESULTS, `${name}.pdf`), '-'],
      { encoding: 'utf8' },
    );
  } catch {
    return null;
  }
}

function documents(n: number): FormDocument[] {
  const names = [
    'Tờ khai đăng ký khai sinh theo mẫu quy định',
    'Giấy chứng sinh do cơ sở y tế cấp',
    'Giấy chứng nhận kết hôn của cha, mẹ',
    'Căn cước của người đi đăng ký',
    'Văn bản ủy quyền có chứng thực',
  ];
  return Array.from({ length: n }, (_, i) => ({
    name: names[i % names.length] ?? '',
    kind: (['original', 'certified_copy', 'copy'] as const)[i % 3] ?? 'original',
    count: 1 + (i % 2),
  }));
}

/** As the desk fills it (services/desk/forms.ts): the commune and its one-stop unit. */
const desk = { ...office, name: 'UBND xã Tân Lập', unitName: 'Bộ phận Một cửa' };
const applicant = { ...dossier.applicant, fullName: 'Nguyễn Thị Ánh' };

function render(kind: 'receipt' | 'control_slip', d: FormDossier): string {
  const form = formFor(set, kind);
  if (!form) throw new Error(kind);
  return form.render({ office: desk, dossier: { ...d, applicant } }, { fontBaseUrl: FONTS });
}

describe('printed forms on A4', () => {
  it('Mẫu 01 fits one page with 2 and with 8 documents', async () => {
    for (const n of [2, 8]) {
      const name = `form-01-receipt-${n}-docs`;
      const pages = await print(render('receipt', { ...dossier, documents: documents(n) }), name);
      expect(pages, name).toBe(1);
    }
  });

  it('Mẫu 01 with many documents never leaves the signatures alone on a page', async () => {
    const name = 'form-01-receipt-24-docs';
    const pages = await print(render('receipt', { ...dossier, documents: documents(24) }), name);
    expect(pages).toBeGreaterThan(1);
    const last = pageText(name, pages);
    if (last !== null) {
      expect(last).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
      expect(last).toContain('Phí, lệ phí');
    }
  });

  it('Mẫu 06 repeats its table header on every page', async () => {
    const hand = dossier.handoffs[0];
    const handoffs = Array.from({ length: 24 }, (_, i) => ({ ...hand, note: `Bước ${i + 1}` }));
    const html = render('control_slip', { ...dossier, handoffs });
    expect(html).toMatch(/<thead>[\s\S]*THỜI GIAN GIAO, NHẬN HỒ SƠ[\s\S]*<\/thead>/);
    const name = 'form-06-control-slip-24';
    const pages = await print(html, name);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const text = pageText(name, p);
      // pdftotext lays the header out over several lines: look for its shortest cells.
      if (text !== null) expect(text, `page ${p}`).toMatch(/GHI CHÚ[\s\S]*Giao:/);
    }
  });

  it('Mẫu 07 is landscape, starts its rows on page 1 and gives the procedure name room', async () => {
    const base = book.rows[0];
    const rows = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      applicantName: 'Nguyễn Thị Ánh',
      code: `000.00.12.H56-2603${String(2 + (i % 20)).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`,
      procedureName:
        'Cấp Giấy xác nhận tình trạng hôn nhân cho công dân Việt Nam cư trú trong nước',
    }));
    const form = formFor(set, 'tracking_book');
    if (!form || form.kind !== 'tracking_book') throw new Error('no book');
    const html = form.render({ office, book: { ...book, rows } }, { fontBaseUrl: FONTS });
    const name = 'form-07-tracking-book-40';
    const pages = await print(html, name);
    // Rows of three or four lines: a landscape page holds seven or more (it held one or two).
    expect(pages).toBeLessThanOrEqual(6);
    const page = await browser.newPage();
    try {
      const file = path.join(scratch, `${name}.html`);
      await page.goto(pathToFileURL(file).href);
      await page.emulateMedia({ media: 'print' });
      // The procedure name column: the widest, about a sixth of the table (≈ 43 mm of 252 mm).
      const share = Number(
        await page.evaluate(
          `(() => { const th = [...document.querySelectorAll('th')].find((t) => t.textContent.includes('Tên thủ tục')); return th.getBoundingClientRect().width / th.closest('table').getBoundingClientRect().width; })()`,
        ),
      );
      expect(share).toBeGreaterThanOrEqual(0.16);
    } finally {
      await page.close();
    }
    const first = pageText(name, 1);
    if (first !== null) {
      // Codes break after their dashes; rows 1 to 6 are on the first page.
      for (const seq of ['0001', '0006']) expect(first).toContain(seq);
    }
  });
});

// Prints generated HTML (forms, receipts, reports) to an A4 PDF in a hidden window that has
// the same locked-down preferences as the app and loads the page from our own origin.
import { writeFile } from 'node:fs/promises';
import { BrowserWindow } from 'electron';
import { hostPrintPage } from './app-handler';
import { WEB_PREFERENCES } from './security';

export async function printToPdf(html: string, outPath: string): Promise<void> {
  const page = hostPrintPage(html);
  // show: false is enough: printToPDF renders on its own, no offscreen painting needed.
  const win = new BrowserWindow({ show: false, webPreferences: { ...WEB_PREFERENCES } });
  try {
    await win.loadURL(page.url);
    // Web fonts may still be loading after 'load'; a PDF with fallback fonts is wrong.
    await win.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
    // The form's own @page size: the tracking book (Mẫu 07) is A4 landscape.
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    await writeFile(outPath, pdf);
  } finally {
    page.dispose();
    win.destroy();
  }
}

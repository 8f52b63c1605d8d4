import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppHandler, hostPrintPage } from '../../electron/main/app-handler';
import { CSP } from '../../electron/main/security';

const dir = mkdtempSync(path.join(tmpdir(), 'isoxa-protocol-'));
const rendererDir = path.join(dir, 'renderer');
const fontsDir = path.join(dir, 'fonts');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
mkdirSync(fontsDir);
mkdirSync(path.join(rendererDir, 'assets', 'folder.d'));
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ISO Xã</title>');
writeFileSync(path.join(rendererDir, 'assets', 'x.js'), 'console.log(1)');
writeFileSync(path.join(rendererDir, 'assets', 'x.css'), 'body{}');
writeFileSync(path.join(fontsDir, 'Tinos-Regular.ttf'), 'font');
writeFileSync(path.join(dir, 'secret.txt'), 'secret');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const handle = createAppHandler({ rendererDir, fontsDir });
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// handler', () => {
  it('serves index.html with the CSP for / and SPA routes', async () => {
    for (const url of ['app://isoxa/', 'app://isoxa/cases/1']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(await res.text()).toContain('ISO Xã');
    }
  });

  it('serves assets with their MIME type and no CSP', async () => {
    const js = await get('app://isoxa/assets/x.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(js.headers.get('content-security-policy')).toBeNull();
    const css = await get('app://isoxa/assets/x.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves printing fonts', async () => {
    const res = await get('app://isoxa/resources/fonts/Tinos-Regular.ttf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/ttf');
    expect(await res.text()).toBe('font');
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://isoxa/assets/x.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const res = await get('app://isoxa/', method);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each([
    'app://isoxa/assets/missing.js',
    'app://isoxa/assets/folder.d',
    'app://isoxa/%2e%2e/secret.txt',
    'app://isoxa/..%5csecret.txt',
    'app://isoxa/resources/fonts/%2e%2e/secret.txt',
    'app://other/assets/x.js',
  ])('404 for %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
  });

  it('serves a hosted print page until it is disposed', async () => {
    const page = hostPrintPage('<p>Phiếu tiếp nhận</p>');
    expect(page.url).toMatch(/^app:\/\/isoxa\/__print\/[0-9a-f-]{36}$/);
    const res = await get(page.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toBe('<p>Phiếu tiếp nhận</p>');
    page.dispose();
    expect((await get(page.url)).status).toBe(404);
    expect((await get('app://isoxa/__print/unknown')).status).toBe(404);
  });
});

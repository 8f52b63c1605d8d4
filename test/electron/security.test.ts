import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CSP,
  isAllowedNavigation,
  isAppUrl,
  isTrustedSender,
  permissionCheckHandler,
  permissionRequestHandler,
  resolveAppPath,
  resolveFontPath,
  WEB_PREFERENCES,
  windowOptions,
} from '../../electron/main/security';

const root = path.resolve('/srv/isoxa/dist/renderer');
const fonts = path.resolve('/srv/isoxa/resources/fonts');

describe('window options', () => {
  it('locks every renderer down', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
    expect(WEB_PREFERENCES.spellcheck).toBe(false);
    expect(WEB_PREFERENCES.navigateOnDragDrop).toBe(false);
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false);
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
  });

  it('windowOptions carries the same preferences plus the preload', () => {
    const options = windowOptions('/x/preload.cjs');
    expect(options.webPreferences).toEqual({ ...WEB_PREFERENCES, preload: '/x/preload.cjs' });
    expect(options.show).toBe(false);
    expect(options.title).toBe('ISO Xã');
  });
});

describe('CSP', () => {
  const directives = new Map(
    CSP.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows scripts from our origin only, never eval or inline', () => {
    expect(CSP).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('has the expected directives', () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });
});

describe('app origin and navigation', () => {
  it('names the origin', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://isoxa');
  });

  it('allows our own pages', () => {
    expect(isAppUrl('app://isoxa/')).toBe(true);
    expect(isAllowedNavigation('app://isoxa/')).toBe(true);
    expect(isAllowedNavigation('app://isoxa/cases/123?tab=1#x')).toBe(true);
  });

  it.each([
    'https://isoxa/',
    'https://example.com/',
    'http://127.0.0.1:5173/',
    'file:///C:/Windows/win.ini',
    'file:///etc/passwd',
    'app://other-host/',
    'app://isoxa.evil.com/',
    'app://isoxa:8080/',
    'app://user@isoxa/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'app:isoxa',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
    expect(isTrustedSender(url)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isAllowedNavigation(undefined)).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('trusts frames on our origin only', () => {
    expect(isTrustedSender('app://isoxa/')).toBe(true);
    expect(isTrustedSender('app://isoxa/login')).toBe(true);
    expect(isTrustedSender('https://isoxa.gov.vn/')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every request and check', () => {
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      permissionRequestHandler(null, p, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(permissionCheckHandler()).toBe(false);
  });
});

describe('resolveAppPath', () => {
  const index = path.join(root, 'index.html');

  it('serves index.html for / and for SPA routes', () => {
    expect(resolveAppPath(root, 'app://isoxa/')).toBe(index);
    expect(resolveAppPath(root, 'app://isoxa')).toBe(index);
    expect(resolveAppPath(root, 'app://isoxa/cases/123')).toBe(index);
    expect(resolveAppPath(root, 'app://isoxa/cases/?q=1#top')).toBe(index);
  });

  it('serves assets by path', () => {
    expect(resolveAppPath(root, 'app://isoxa/assets/x.js')).toBe(path.join(root, 'assets', 'x.js'));
    expect(resolveAppPath(root, 'app://isoxa/assets/x.js?v=2')).toBe(
      path.join(root, 'assets', 'x.js'),
    );
    expect(resolveAppPath(root, 'app://isoxa/assets/Tr%C6%B0%E1%BB%9Dng.png')).toBe(
      path.join(root, 'assets', 'Trường.png'),
    );
  });

  it.each([
    'app://isoxa/../etc/passwd',
    'app://isoxa/assets/../../etc/passwd',
    'app://isoxa/%2e%2e%2fetc/passwd',
    'app://isoxa/%2E%2E/etc/passwd',
    'app://isoxa/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://isoxa/..%5cwindows%5cwin.ini',
    'app://isoxa/assets\\..\\..\\x.js',
    'app://isoxa/index.html%00.png',
    'app://isoxa/%00',
    'app://isoxa//etc/passwd',
    'app://isoxa/C:/Windows/win.ini',
    'app://isoxa/C%3A%5CWindows%5Cwin.ini',
    'app://isoxa/index.html::$DATA',
    'app://isoxa/.env',
    'app://isoxa/./index.html',
    'app://isoxa/%E0%A4%A',
    'app://other/assets/x.js',
    'https://isoxa/assets/x.js',
    'file:///etc/passwd',
  ])('rejects %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('resolveFontPath', () => {
  it('maps /resources/fonts/<file> into the fonts folder', () => {
    expect(resolveFontPath(fonts, 'app://isoxa/resources/fonts/Tinos-Regular.ttf')).toBe(
      path.join(fonts, 'Tinos-Regular.ttf'),
    );
  });

  it.each([
    'app://isoxa/resources/fonts/',
    'app://isoxa/resources/fonts/../../db/app.sqlite',
    'app://isoxa/resources/fonts/%2e%2e/secret',
    'app://isoxa/resources/other/x.ttf',
    'app://isoxa/assets/x.ttf',
  ])('rejects %s', (url) => {
    expect(resolveFontPath(fonts, url)).toBeNull();
  });
});

// The main window and the guard applied to every webContents the app ever creates.
import { BrowserWindow, dialog, type WebContents } from 'electron';
import { APP_START_URL, isAllowedNavigation, windowOptions } from './security';

interface Preventable {
  readonly url: string;
  preventDefault(): void;
}

function denyForeign(kind: string) {
  return (event: Preventable): void => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    console.warn(`[security] blocked ${kind} to ${event.url}`);
  };
}

/** Applied from 'web-contents-created', so windows, frames and print pages are all covered. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', denyForeign('navigation'));
  contents.on('will-frame-navigate', denyForeign('frame navigation'));
  contents.on('will-redirect', denyForeign('redirect'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No second windows: links with target=_blank or window.open() go nowhere.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  // A screen with unsaved edits (renderer/src/shell/leave-guard.tsx) holds back closing or
  // reloading the window: ask in Vietnamese, and let it go only if the user chooses to.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      title: 'Thay đổi chưa lưu',
      message: 'Trang đang mở có thay đổi chưa lưu.',
      detail: 'Nếu đóng hoặc tải lại, các thay đổi chưa lưu sẽ mất.',
      buttons: ['Ở lại để lưu', 'Đóng, bỏ thay đổi'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (choice === 1) event.preventDefault();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error('[window] renderer gone', details.reason);
  });
  win.loadURL(APP_START_URL).catch((error: unknown) => {
    console.error('[window] could not load the app page', error);
  });
  return win;
}

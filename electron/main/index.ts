// Main process entry: one instance per profile and one process per office data folder (across
// Windows accounts), the app:// protocol, the backend over IPC, one window. Everything
// security-relevant is decided in security.ts; where the data lives in data-location.ts.
import path from 'node:path';
import { app, dialog, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import { AppError, ERROR_MESSAGES } from '../../core/errors';
import { cannotOpenMessage, previousInstaller } from '../../services/updates/installers';
import { openBackend } from '../../services/app';
import { setUpDemoIfNew } from '../../services/foundation/demo/office';
import { lockedBackend } from '../../services/locked-backend';
import { KeyringOtherAccount } from '../../services/security/keyring';
import { restoreLatestBackup } from '../../services/recovery';
import type { AppBackend, Platform } from '../../services/platform';
import { bindContract } from './ipc';
import { printToPdf } from './print';
import { dataLocation } from './data-location';
import { moveFailedMessage, moveLegacyData } from './data-move';
import { osAccount, osKeyProtector } from './key-protector';
import { acquireOfficeLock, lockedMessage } from './office-lock';
import { appPaths } from './paths';
import { registerAppScheme, serveApp } from './protocol';
import { permissionCheckHandler, permissionRequestHandler } from './security';
import { installOnQuit, updaterHost } from './updater';
import { createMainWindow, hardenWebContents } from './window';

// Honour --user-data-dir (tests, support staff) explicitly and before the single-instance
// lock, which is held per profile folder.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch) app.setPath('userData', path.resolve(userDataSwitch));

app.enableSandbox();
registerAppScheme();

// __dirname: the bundle is CommonJS (dist/electron/main.cjs), see scripts/build-electron.ts.
const paths = appPaths({
  isPackaged: app.isPackaged,
  mainDir: __dirname,
  resourcesPath: process.resourcesPath,
});

/** The office's files (database, keyring, backups, scans): per PC on Windows, in ProgramData
 * (data-location.ts), apart from Chromium's own per-user cache. */
const location = dataLocation({
  platform: process.platform,
  env: process.env,
  userData: app.getPath('userData'),
  userDataSwitch: Boolean(userDataSwitch),
  dataDirSwitch: app.commandLine.getSwitchValue('data-dir') || null,
});
const dataDir = () => location.dataDir;
let releaseOfficeLock: (() => void) | null = null;

let mainWindow: BrowserWindow | null = null;
let backend: AppBackend | null = null;
let unbindContract: (() => void) | null = null;

const updates = updaterHost();

const platform: Platform = {
  kind: 'electron',
  appVersion: app.getVersion(),
  updates,
  get documentsDir() {
    return app.getPath('documents');
  },
  pickSavePath: async (defaultName) => {
    // The dialog asks before replacing a file (Windows and macOS always; Linux by this flag).
    const options = {
      defaultPath: path.join(app.getPath('documents'), defaultName),
      properties: ['showOverwriteConfirmation' as const],
    };
    const result = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  savePdf: async (html, defaultName) => {
    const target = await platform.pickSavePath?.(defaultName);
    if (!target) return null;
    await printToPdf(html, target);
    return target;
  },
  pickOpenPath: async () => {
    const options = { properties: ['openFile' as const] };
    const result = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};

/** Takes the office lock (one process across accounts) and moves an older per-user office in;
 * false when another account has ISO Xã open (it was told). */
function claimDataFolder(): boolean {
  if (!releaseOfficeLock) {
    const lock = acquireOfficeLock(dataDir(), {
      account: osAccount(),
      pid: process.pid,
      since: Date.now(),
    });
    if (!lock.ok) {
      dialog.showErrorBox('ISO Xã', lockedMessage(lock.heldBy, osAccount()));
      return false;
    }
    releaseOfficeLock = lock.release;
  }
  try {
    const moved = moveLegacyData(location.legacyDir, dataDir());
    if (moved !== 'none') console.info(`[main] per-user data: ${moved}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('INTERNAL', moveFailedMessage(location.legacyDir ?? '', dataDir(), reason));
  }
  return true;
}

const backendOptions = () => ({
  dataDir: dataDir(),
  migrationsDir: paths.migrationsDir,
  resourcesDir: paths.resourcesDir,
  platform: { ...platform, keyProtector: osKeyProtector() },
});

function useBackend(next: AppBackend): void {
  unbindContract?.();
  backend = next;
  unbindContract = bindContract(ipcMain, next);
}

/** The office, or (a Windows account without its key yet) the screen that unlocks it once. */
async function openOffice(): Promise<AppBackend> {
  try {
    return await openBackend(backendOptions());
  } catch (error) {
    if (!(error instanceof KeyringOtherAccount)) throw error;
    return lockedBackend({
      dataDir: dataDir(),
      protector: osKeyProtector(),
      accounts: error.accounts,
      appVersion: app.getVersion(),
      platformKind: 'electron',
      unlocked: async () => useBackend(await openBackend(backendOptions())),
    });
  }
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler(permissionRequestHandler);
  session.defaultSession.setPermissionCheckHandler(permissionCheckHandler);
  // No menu in production: it carries reload and devtools accelerators.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  serveApp(paths);
  if (!claimDataFolder()) {
    app.quit();
    return;
  }
  // safeStorage is usable once the app is ready, which start() runs after.
  const office = await openOffice();
  // `npm start -- --demo`: a new PC opens on the lived-in demo office.
  if (process.argv.includes('--demo')) await setUpDemoIfNew(office);
  useBackend(office);
  mainWindow = createMainWindow(paths.preloadPath);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** A corrupt database: offer to put the newest valid backup in place (the broken file is kept). */
async function offerRestore(message: string): Promise<boolean> {
  const choice = await dialog.showMessageBox({
    type: 'error',
    title: 'ISO Xã',
    message,
    buttons: ['Khôi phục bản sao lưu gần nhất', 'Thoát'],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice.response !== 0) return false;
  try {
    const name = restoreLatestBackup(dataDir(), paths.migrationsDir, osKeyProtector());
    await dialog.showMessageBox({
      type: 'info',
      title: 'ISO Xã',
      message: `Đã khôi phục dữ liệu từ bản sao lưu ${name}.`,
    });
    return true;
  } catch (error) {
    dialog.showErrorBox(
      'ISO Xã',
      error instanceof AppError ? error.message : ERROR_MESSAGES.INTERNAL,
    );
    return false;
  }
}

function failToStart(error: unknown): void {
  // AppError (DB_LOCKED, DB_NEWER, DB_CORRUPT...) carries a Vietnamese message for the user.
  if (!(error instanceof AppError)) console.error('[main] start failed', error);
  // Anything else at start is this version failing to open or migrate the database, which
  // the migration's transaction left as it was: point to the kept previous installer.
  const message =
    error instanceof AppError
      ? error.message
      : cannotOpenMessage(app.getVersion(), previousInstaller(dataDir(), app.getVersion()));
  if (error instanceof AppError && error.code === 'DB_CORRUPT') {
    void offerRestore(message).then((restored) =>
      restored ? start().catch(failToStart) : app.quit(),
    );
    return;
  }
  dialog.showErrorBox('ISO Xã', message);
  app.quit();
}

if (!app.requestSingleInstanceLock()) {
  // Another window of ISO Xã owns this profile and its database; it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  const closeBackend = () => {
    unbindContract?.();
    unbindContract = null;
    backend?.close();
    backend = null;
  };
  installOnQuit(app, updates, () => backend, closeBackend);
  app.on('will-quit', () => {
    closeBackend();
    releaseOfficeLock?.();
    releaseOfficeLock = null;
  });
  app.whenReady().then(start).catch(failToStart);
}

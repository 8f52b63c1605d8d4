// The desktop's side of app updates (services/updates does the rest): electron-updater's
// NsisUpdater, and running the waiting installer when ISO Xã quits or an admin asks. A network
// update goes through electron-updater's quitAndInstall (elevated for the per-machine install);
// a USB update runs the verified copy in <data>/updates the same way electron-updater would.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { app, type App } from 'electron';
import { NsisUpdater, type AppUpdater } from 'electron-updater';
import type { AppBackend, UpdaterHost } from '../../services/platform';
import type { UpdateState } from '../../services/updates/app-updates';

/** NSIS switches electron-updater passes: an update, silent, and start the app after. */
export const installerArgs = (restart: boolean): string[] => [
  '--updated',
  '/S',
  ...(restart ? ['--force-run'] : []),
];

function runUsbInstaller(file: string, restart: boolean): void {
  // The per-machine installer needs elevation: electron-builder ships elevate.exe for that.
  const elevate = path.join(process.resourcesPath, 'elevate.exe');
  const [command, args] = fs.existsSync(elevate)
    ? [elevate, [file, ...installerArgs(restart)]]
    : [file, installerArgs(restart)];
  spawn(command, args, { detached: true, stdio: 'ignore' }).unref();
}

export function updaterHost(): UpdaterHost & { readonly updater: () => AppUpdater | null } {
  let updater: AppUpdater | null = null;
  const install = (waiting: Readonly<UpdateState>, restart: boolean) => {
    if (waiting.source === 'usb' && waiting.file) {
      runUsbInstaller(waiting.file, restart);
      app.quit();
    } else {
      updater?.quitAndInstall(true, restart);
    }
  };
  return {
    create: () => {
      updater = new NsisUpdater();
      return updater;
    },
    install,
    updater: () => updater,
  };
}

/**
 * At quit, a downloaded update is installed: the quit waits for the backup, closes the
 * database, then runs the installer. Never before quitting: nobody's work is interrupted.
 */
export function installOnQuit(
  electronApp: App,
  host: UpdaterHost,
  backend: () => AppBackend | null,
  closeBackend: () => void,
): void {
  let handled = false;
  electronApp.on('before-quit', (event) => {
    const b = backend();
    if (handled || !b || !host.install) return;
    handled = true;
    event.preventDefault();
    void b
      .prepareUpdateInstall()
      .catch((error: unknown) => {
        console.error('[main] backup before the update failed; not installing', error);
        return null;
      })
      .then((waiting) => {
        closeBackend();
        if (waiting) host.install?.(waiting, false);
        else electronApp.quit();
      });
  });
}

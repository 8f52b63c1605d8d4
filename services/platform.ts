// What the running shell (Electron, browser mode, tests) gives the services: no service
// imports a platform; the edge passes one of these in.
import type { AppUpdater } from 'electron-updater';
import type { Result } from '../core/errors';
import type { Sqlite } from '../db/open';
import type { KeyProtector } from './security/keyring';
import type { UpdateState } from './updates/app-updates';

/** The shell's side of app updates (services/updates). */
export interface UpdaterHost {
  /** electron-updater's updater: Electron's NsisUpdater, or one on a Node adapter. Called at
   * the first check, not at start-up (electron-updater is a large module to load). */
  create(dataDir: string): AppUpdater | Promise<AppUpdater>;
  /** Quits the app and runs the waiting installer (restart: start the new version after);
   * absent where installing is not possible (browser mode). */
  install?: (waiting: Readonly<UpdateState>, restart: boolean) => void;
}

export type PlatformKind = 'electron' | 'browser' | 'test';

export interface Platform {
  readonly kind: PlatformKind;
  readonly appVersion: string;
  /** Asks the user for a path to save a file to; null when cancelled or not possible here. */
  pickSavePath?: (defaultName: string) => Promise<string | null>;
  /** The user's documents folder: where a typed relative save path is taken from. */
  readonly documentsDir?: string;
  /** Asks the user for an existing file; null when cancelled or not possible here. */
  pickOpenPath?: () => Promise<string | null>;
  /**
   * Asks where to save and writes the printed form there as an A4 PDF (Electron's printToPDF);
   * null when cancelled. Absent in browser mode: the print dialog's "Save as PDF" does it.
   */
  savePdf?: (html: string, defaultName: string) => Promise<string | null>;
  /** The OS keystore (Electron: safeStorage); without one, the key file is owner-only. */
  keyProtector?: KeyProtector;
  /** App updates from the province; absent: no updater (tests, development). */
  updates?: UpdaterHost;
}

export interface AppOptions {
  /** Folder holding the database, backups and lock file (Electron: app.getPath('userData')). */
  readonly dataDir: string;
  readonly platform: Platform;
  /** Injectable clock for tests; defaults to Date.now. */
  readonly now?: () => number;
  /** Folder of the committed migrations; defaults to db/migrations under the working dir. */
  readonly migrationsDir?: string;
  /** Folder of resources/ (seed catalog, calendars, fonts); defaults to resources under the working dir. */
  readonly resourcesDir?: string;
  /** Delay before the first automatic backup after start (ms). */
  readonly backupDelayMs?: number;
  /** Benchmarks only: open (and create) the database unencrypted, to measure the cost. */
  readonly plainDatabase?: boolean;
}

/** One running backend: every contract operation, called with the caller's session key. */
export interface AppBackend {
  /** sessionKey identifies the caller (a webContents id, a browser cookie, a test client). */
  call(sessionKey: string, name: string, input: unknown): Promise<Result<unknown>>;
  /** Runs the once-a-day automatic backup now if today's is not done yet. */
  runDailyBackup(): Promise<unknown>;
  /** Before quitting with a downloaded update: backup, then what to install (null: nothing). */
  prepareUpdateInstall(): Promise<UpdateState | null>;
  /** The live connection, for read-only inspection by tests and benchmarks. */
  database(): Sqlite;
  close(): void;
}

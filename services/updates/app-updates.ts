// The office's app updates over the network, driven by electron-updater: after each sync (and
// once a day) it reads latest.yml from the enrolled province server with this PC's device
// headers, lets the staged rollout decide with the PC's own device id (core/update/staging.ts,
// the function the server uses), downloads in the background (differentially when blockmaps
// exist; electron-updater checks the sha512 and, on Windows, the publisher's signature) and
// reports progress for the Sync screen. Installing happens at the next quit or when an admin
// asks, after a backup; never on its own in the middle of work. The updater object comes from
// the shell (Electron's NsisUpdater, or one on a Node adapter in browser mode and tests), so
// this module never imports electron.
import path from 'node:path';
import type { AppUpdater, ProgressInfo, UpdateDownloadedEvent, UpdateInfo } from 'electron-updater';
import type { UpdatePhase, UpdateReport } from '../../core/update/report';
import { formatUpdateHeader } from '../../core/update/report';
import { installerName } from '../../core/update/installer-name';
import { inStage } from '../../core/update/staging';
import type { SyncEngine } from '../sync/engine';
import { keepInstaller } from './installers';
import { updateErrorMessage } from './messages';

export const UPDATES_PATH = '/v1/updates/';
/** Besides after every sync: a PC left open for days still checks. */
export const DAILY_CHECK_MS = 24 * 3600_000;

export interface UpdateState {
  readonly phase: UpdatePhase;
  readonly version: string | null;
  readonly notes: string | null;
  readonly releaseDate: string | null;
  /** 0-100 while downloading. */
  readonly percent: number | null;
  readonly transferred: number | null;
  readonly total: number | null;
  readonly error: string | null;
  readonly checkedAt: number | null;
  /** Where the waiting installer came from. */
  readonly source: 'network' | 'usb' | null;
  /** The verified installer to run (USB), or electron-updater's download. */
  readonly file: string | null;
}

const IDLE: UpdateState = {
  phase: 'idle',
  version: null,
  notes: null,
  releaseDate: null,
  percent: null,
  transferred: null,
  total: null,
  error: null,
  checkedAt: null,
  source: null,
  file: null,
};

const notesOf = (info: UpdateInfo): string | null =>
  typeof info.releaseNotes === 'string'
    ? info.releaseNotes
    : Array.isArray(info.releaseNotes)
      ? info.releaseNotes.map((n) => n.note ?? '').join('\n')
      : null;

export interface AppUpdatesOptions {
  /** Makes the updater, at the first check: electron-updater is not loaded at start-up. */
  readonly updater: () => AppUpdater | Promise<AppUpdater>;
  readonly engine: SyncEngine;
  readonly appVersion: string;
  readonly dataDir: string;
  readonly now: () => number;
}

export class AppUpdates {
  private current: UpdateState = IDLE;
  private checking: Promise<void> | null = null;
  private download: Promise<unknown> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private updater: Promise<AppUpdater> | null = null;

  constructor(private readonly o: AppUpdatesOptions) {
    o.engine.updateHeader = () => formatUpdateHeader(this.report());
  }

  /** The updater, made and wired to this state on first use. */
  private loadUpdater(): Promise<AppUpdater> {
    this.updater ??= Promise.resolve()
      .then(() => this.o.updater())
      .then(
        (u) => {
          this.listen(u);
          return u;
        },
        (error: unknown) => {
          this.updater = null; // tried again at the next check
          throw error;
        },
      );
    return this.updater;
  }

  private listen(u: AppUpdater): void {
    u.autoDownload = true;
    // Installing is ours (after a backup, only for a version still offered): never on quit
    // by electron-updater's own hook.
    u.autoInstallOnAppQuit = false;
    u.allowDowngrade = false;
    u.on('checking-for-update', () => {
      if (this.current.phase !== 'downloaded') this.set({ phase: 'checking', error: null });
    });
    u.on('update-available', (info: UpdateInfo) => this.available(info));
    u.on('download-progress', (p: ProgressInfo) =>
      this.set({
        phase: 'downloading',
        percent: Math.min(100, Math.round(p.percent * 10) / 10),
        transferred: p.transferred,
        total: p.total,
      }),
    );
    u.on('update-downloaded', (e: UpdateDownloadedEvent) => this.downloaded(e));
    u.on('update-not-available', () => {
      // Withdrawn, paused or nothing newer: nothing installs, unless a USB update waits.
      if (this.current.source !== 'usb') this.current = { ...IDLE, checkedAt: this.o.now() };
    });
    u.on('error', (error: Error) => this.failed(error));
  }

  state(): UpdateState {
    return this.current;
  }

  report(): UpdateReport {
    const s = this.current;
    return { phase: s.phase, version: s.version, error: s.error };
  }

  private set(patch: Partial<UpdateState>): void {
    this.current = { ...this.current, ...patch };
  }

  private available(info: UpdateInfo): void {
    // A later check offering the version already downloaded keeps it ready to install
    // (electron-updater then reuses its cached file).
    const c = this.current;
    if (c.phase === 'downloaded' && c.source === 'network' && c.version === info.version) return;
    this.set({
      phase: 'downloading',
      version: info.version,
      notes: notesOf(info),
      releaseDate: info.releaseDate,
      percent: 0,
      transferred: 0,
      total: info.files[0]?.size ?? null,
      error: null,
      source: 'network',
      file: null,
    });
  }

  private downloaded(e: UpdateDownloadedEvent): void {
    let kept = e.downloadedFile;
    try {
      kept = keepInstaller(this.o.dataDir, e.downloadedFile, installerName(e.version));
    } catch (error) {
      console.error('[isoxa] could not keep the installer', error);
    }
    this.set({
      phase: 'downloaded',
      version: e.version,
      notes: notesOf(e),
      releaseDate: e.releaseDate,
      percent: 100,
      error: null,
      source: 'network',
      file: kept,
    });
  }

  private failed(error: unknown): void {
    const message = updateErrorMessage(error);
    if (message === null) {
      this.current = { ...IDLE, checkedAt: this.o.now() };
      return;
    }
    if (this.current.phase === 'downloaded') return; // a later check failing keeps the download
    this.set({ phase: 'failed', error: message, percent: null });
  }

  /** A verified USB installer waits to be installed (services/updates/usb.ts). */
  usbReady(version: string, file: string, notes: string): void {
    this.current = {
      ...IDLE,
      phase: 'downloaded',
      version,
      notes,
      percent: 100,
      source: 'usb',
      file,
      checkedAt: this.o.now(),
    };
  }

  /** Checks now (one check at a time) and lets a download run in the background. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const id = this.o.engine.identity();
    if (!id || this.current.phase === 'installing') return;
    if (this.current.source === 'usb') return;
    try {
      const headers = await this.o.engine.deviceHeaders();
      if (!headers) return;
      const u = await this.loadUpdater();
      u.setFeedURL({ provider: 'generic', url: new URL(UPDATES_PATH, id.serverUrl).href });
      u.requestHeaders = headers;
      u.isUserWithinRollout = (info: UpdateInfo) => inStage(id.deviceId, info.stagingPercentage);
      const result = await u.checkForUpdates();
      this.set({ checkedAt: this.o.now() });
      if (result?.downloadPromise) {
        this.download = result.downloadPromise.catch(() => undefined);
      }
    } catch (error) {
      this.failed(error);
    }
  }

  /** Resolves when the check and the download it started are over (tests, shutdown). */
  async settled(): Promise<void> {
    await this.checking;
    await this.download;
  }

  /** Checks after each sync that reached the server (or was told to update), and daily. */
  start(): void {
    this.o.engine.afterRun = (outcome) => {
      if (outcome.ok || this.o.engine.needsUpdate) void this.check();
    };
    this.timer = setInterval(() => void this.check(), DAILY_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.o.engine.afterRun = null;
    this.o.engine.updateHeader = null;
  }

  /** Marks the update as being installed; the shell then quits and runs the installer. */
  beginInstall(): UpdateState | null {
    if (this.current.phase !== 'downloaded' || !this.current.version) return null;
    const waiting = this.current;
    this.set({ phase: 'installing' });
    return waiting;
  }
}

// Handlers get a Ctx: the updater of a backend is found by its data folder, like its engine.
const UPDATERS = new Map<string, AppUpdates>();

export function registerAppUpdates(dataDir: string, updates: AppUpdates): () => void {
  const key = path.resolve(dataDir);
  UPDATERS.set(key, updates);
  return () => {
    updates.stop();
    if (UPDATERS.get(key) === updates) UPDATERS.delete(key);
  };
}

export function appUpdatesFor(dataDir: string): AppUpdates | null {
  return UPDATERS.get(path.resolve(dataDir)) ?? null;
}

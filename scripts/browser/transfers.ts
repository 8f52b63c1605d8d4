// Files between the browser and browser mode's backend: what a handler saves through
// Platform.pickSavePath lands in a staging folder of its own and leaves as a download; an
// uploaded backup is staged (and unzipped) before the ordinary restore operation reads it.
// Staged files live under <dataDir>/browser-transfers and are removed once used.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../core/errors';
import type { Platform } from '../../services/platform';
import { backupDatabaseIn, unzipTo, zipFolder } from './zip';

export interface Download {
  readonly id: string;
  readonly name: string;
  readonly bytes: number;
}

interface Staged {
  readonly file: string;
  readonly name: string;
  /** Removed with the download (the staging folder). */
  readonly dir: string;
  readonly expires: number;
}

/** An upload larger than this is refused (a backup with years of scans fits well below). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024 - 1;
const KEEP_MS = 10 * 60_000;

const newId = () => randomBytes(18).toString('hex');

export class Transfers {
  private readonly stage = new AsyncLocalStorage<string>();
  private readonly ready = new Map<string, Staged>();

  constructor(private readonly root: string) {
    // Anything left from an earlier run is stale.
    fs.rmSync(root, { recursive: true, force: true });
  }

  /** What browser mode's platform offers the handlers: a save "dialog" that stages. */
  readonly platform: Pick<Platform, 'pickSavePath'> = {
    pickSavePath: (defaultName) => {
      const dir = this.stage.getStore();
      // Outside a download request there is no one to hand a file to.
      return Promise.resolve(dir ? path.join(dir, path.basename(defaultName)) : null);
    },
  };

  private newStage(): string {
    const dir = path.join(this.root, newId());
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  /**
   * Runs an operation that saves files and makes what it saved downloadable: one download per
   * file, or one .zip when it saved a folder too (a backup and its attachments).
   */
  async saving<T>(fn: () => Promise<T>): Promise<{ result: T; downloads: Download[] }> {
    this.sweep();
    const dir = this.newStage();
    try {
      const result = await this.stage.run(dir, fn);
      const entries = fs.readdirSync(dir, { withFileTypes: true });
      if (entries.some((e) => e.isDirectory())) {
        const base = entries.find((e) => e.isFile())?.name.replace(/\.[^.]+$/, '') ?? 'iso-xa';
        const zipDir = this.newStage();
        const zip = path.join(zipDir, `${base}.zip`);
        zipFolder(dir, zip);
        fs.rmSync(dir, { recursive: true, force: true });
        return { result, downloads: [this.offer(zip, zipDir)] };
      }
      const files = entries.filter((e) => e.isFile()).map((e) => e.name);
      if (files.length === 0) fs.rmSync(dir, { recursive: true, force: true });
      return {
        result,
        downloads: files.map((name) => {
          const own = this.newStage();
          fs.renameSync(path.join(dir, name), path.join(own, name));
          return this.offer(path.join(own, name), own);
        }),
      };
    } finally {
      if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    }
  }

  private offer(file: string, dir: string): Download {
    const id = newId();
    const name = path.basename(file);
    this.ready.set(id, { file, name, dir, expires: Date.now() + KEEP_MS });
    return { id, name, bytes: fs.statSync(file).size };
  }

  /** A staged download, taken once: `done` removes its file. */
  take(id: string): { file: string; name: string; done: () => void } | null {
    const staged = this.ready.get(id);
    if (!staged) return null;
    this.ready.delete(id);
    return { ...staged, done: () => fs.rmSync(staged.dir, { recursive: true, force: true }) };
  }

  /**
   * Stages an uploaded backup (.zip from a download, or a bare .sqlite) and runs `fn` with the
   * database's path; the attachments folder, if any, sits beside it as the restore expects.
   */
  async receivingBackup<T>(
    body: Readable,
    fileName: string,
    fn: (database: string) => Promise<T>,
  ): Promise<T> {
    this.sweep();
    const dir = this.newStage();
    try {
      const upload = path.join(dir, 'upload.bin');
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > MAX_UPLOAD_BYTES)
            done(new AppError('INVALID_INPUT', 'Tệp quá lớn để tải lên (tối đa 4 GB).'));
          else done(null, chunk);
        },
      });
      await pipeline(body, limit, fs.createWriteStream(upload, { mode: 0o600 }));
      const extracted = path.join(dir, 'backup');
      fs.mkdirSync(extracted);
      if (/\.sqlite$/i.test(fileName))
        fs.renameSync(upload, path.join(extracted, 'ban-sao.sqlite'));
      else unzipTo(upload, extracted);
      return await fn(backupDatabaseIn(extracted));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Drops downloads nobody fetched. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, s] of this.ready)
      if (s.expires < now) {
        this.ready.delete(id);
        fs.rmSync(s.dir, { recursive: true, force: true });
      }
  }
}

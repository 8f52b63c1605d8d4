// The office's data stays the OS user's own: the data folder 0700, every file 0600 (where the
// OS has POSIX modes; on Windows the folder is the PC's, in ProgramData, and the installer's
// ACL lets the PC's Users in: electron/main/data-location.ts), and small
// files that must never be half-written (the keyring) go through a flushed temporary file.
import fs from 'node:fs';
import path from 'node:path';

const POSIX = process.platform !== 'win32';

/** Creates `dir` (and parents) and makes it owner-only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) fs.chmodSync(dir, 0o700);
}

/** Makes an existing file owner-only; a missing one is not an error. */
export function restrictFile(file: string): void {
  if (!POSIX) return;
  try {
    fs.chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** fsync a file's bytes to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsync a folder so a rename inside it survives a power cut (a no-op where unsupported). */
export function syncDir(dir: string): void {
  if (!POSIX) return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes the whole file or leaves the old one: temporary file, fsync, rename, fsync folder. */
export function writeFileDurably(file: string, bytes: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

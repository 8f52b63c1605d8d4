// A saved backup (X.sqlite and its X.files folder) as one .zip for a browser download, and
// back: extracting the .zip gives the desktop app's own layout. Streamed in chunks with fflate
// (no whole file in memory); extraction refuses any entry that would leave its folder.
import fs from 'node:fs';
import path from 'node:path';
import { Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { AppError } from '../../core/errors';

const CHUNK = 1024 * 1024;

function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) return filesUnder(path.join(dir, e.name), rel);
      return e.isFile() ? [rel] : [];
    });
}

function readChunks(file: string, onChunk: (chunk: Uint8Array, last: boolean) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    let at = 0;
    do {
      const chunk = Buffer.alloc(Math.min(CHUNK, size - at));
      const n = fs.readSync(fd, chunk, 0, chunk.length, at);
      at += n;
      onChunk(chunk.subarray(0, n), at >= size);
      if (n === 0) break;
    } while (at < size);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes every file under `dir` into `out` (the database deflated, scans stored as they are). */
export function zipFolder(dir: string, out: string): void {
  const fd = fs.openSync(out, 'w');
  const state: { failure: Error | null } = { failure: null };
  try {
    const zip = new Zip((err, data) => {
      if (err) state.failure = err;
      else fs.writeSync(fd, data);
    });
    for (const rel of filesUnder(dir)) {
      const entry = rel.endsWith('.sqlite')
        ? new ZipDeflate(rel, { level: 6 })
        : new ZipPassThrough(rel);
      zip.add(entry);
      readChunks(path.join(dir, rel), (chunk, last) => entry.push(chunk, last));
    }
    zip.end();
  } finally {
    fs.closeSync(fd);
  }
  if (state.failure) throw state.failure;
}

/** A name from the archive as a path inside `dir`, or null when it would leave it. */
function safeTarget(dir: string, name: string): string | null {
  const parts = name.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || /[\\:\0]/.test(p))) return null;
  const target = path.resolve(dir, ...parts);
  return target.startsWith(path.resolve(dir) + path.sep) ? target : null;
}

const NOT_A_BACKUP = () =>
  new AppError(
    'INVALID_INPUT',
    'Tệp đã chọn không phải bản sao lưu của ISO Xã (tệp .zip tải về từ trang này, hoặc tệp .sqlite).',
  );

/** Extracts `file` into `dir`; an unreadable archive or an unsafe entry name is refused. */
export function unzipTo(file: string, dir: string): void {
  const open = new Map<string, number>();
  let bad = false;
  const unzip = new Unzip((entry) => {
    if (entry.name.endsWith('/')) return;
    const target = safeTarget(dir, entry.name);
    if (!target) {
      bad = true;
      return;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const fd = fs.openSync(target, 'w');
    open.set(entry.name, fd);
    entry.ondata = (err, data, final) => {
      if (err) bad = true;
      else fs.writeSync(fd, data);
      if (final || err) {
        fs.closeSync(fd);
        open.delete(entry.name);
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    readChunks(file, (chunk, last) => {
      if (!bad) unzip.push(chunk, last);
    });
  } catch {
    bad = true;
  } finally {
    for (const fd of open.values()) fs.closeSync(fd);
  }
  if (bad || open.size > 0) throw NOT_A_BACKUP();
}

/** The one database at the top of an extracted backup. */
export function backupDatabaseIn(dir: string): string {
  const found = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.sqlite'));
  if (found.length !== 1 || !found[0]) throw NOT_A_BACKUP();
  return path.join(dir, found[0]);
}

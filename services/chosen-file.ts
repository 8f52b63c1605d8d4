// A file the user (or a caller of the contract) chose to save to: a backup copy or a USB sync
// file. The path comes from outside (the OS save dialog, or typed into the operation's input),
// so before anything is written it must pass these rules:
// - it carries its kind's extension (a dialog's choice without one gets it added; a typed one
//   is refused, as a typo could otherwise name any file);
// - a relative path is taken from the user's documents folder, never the process's working
//   directory (which in the desktop app is wherever the shortcut started it);
// - a typed path never inside the office's data folder (the live database, keys, backups);
// - an existing file is replaced only when it is a file of the same kind (its first bytes) and
//   the user said so: the OS dialog asks before replacing; a typed path must say `replace`.
//   Anything else there (a document, another program's database, a folder, a shortcut) is
//   refused and left as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../core/errors';

export interface FileKind {
  /** Lower-case, with its dot: '.sqlite', '.isoxa-sync'. */
  readonly extension: string;
  /** The first bytes every file of this kind starts with. */
  readonly magic: Buffer;
  /** What the kind is called in messages: 'tệp sao lưu ISO Xã'. */
  readonly name: string;
}

export interface ChosenFile {
  /** The path as given: typed (the operation's input) or from the save dialog. */
  readonly raw: string;
  readonly from: 'typed' | 'dialog';
  /** Typed paths only: the caller confirmed replacing an existing file of this kind. */
  readonly replace?: boolean | undefined;
}

export interface ChosenFilePlaces {
  /** The office's data folder: nothing is ever saved inside it. */
  readonly dataDir: string;
  /** Where a relative path is taken from; defaults to the user's documents folder. */
  readonly baseDir?: string | undefined;
}

/** The user's documents folder (Documents, "Tài liệu" is the same folder), or their home. */
export function documentsDir(): string {
  const home = os.homedir();
  const docs = path.join(home, 'Documents');
  return fs.existsSync(docs) ? docs : home;
}

function refuse(message: string): never {
  throw new AppError('SAVE_PATH_INVALID', message);
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

function startsWith(file: string, magic: Buffer): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(magic);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The absolute path to write `kind` to, or an AppError saying in Vietnamese why not (nothing
 * is written or changed either way).
 */
export function resolveChosenFile(
  chosen: Readonly<ChosenFile>,
  kind: Readonly<FileKind>,
  places: Readonly<ChosenFilePlaces>,
): string {
  let target = path.resolve(places.baseDir ?? documentsDir(), chosen.raw.trim());
  if (!target.toLowerCase().endsWith(kind.extension)) {
    if (chosen.from === 'typed')
      refuse(`Tên tệp phải có đuôi ${kind.extension} (${kind.name}). Không có gì được ghi.`);
    target += kind.extension;
  }
  // A folder that is gone (a stick pulled out) fails at the write, with its own message.
  const folder = path.dirname(target);
  // A typed path never lands in the data folder. The dialog's choice may (browser mode stages
  // its downloads under it); the checks below still keep it off the database and keys.
  const dataDir = realOrSelf(path.resolve(places.dataDir));
  if (chosen.from === 'typed' && (inside(realOrSelf(folder), dataDir) || inside(target, dataDir)))
    refuse(
      'Không lưu vào thư mục dữ liệu của ISO Xã (nơi giữ cơ sở dữ liệu và khóa). Hãy chọn USB hoặc thư mục Tài liệu; không có gì được ghi.',
    );
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!stat) return target;
  if (!stat.isFile())
    refuse(
      `Đã có ${stat.isDirectory() ? 'thư mục' : 'lối tắt'} tên ${path.basename(target)} ở đó: không ghi đè. Hãy chọn tên khác.`,
    );
  if (!startsWith(target, kind.magic))
    refuse(
      `Tệp ${path.basename(target)} đã có và không phải ${kind.name}: không ghi đè lên nó. Hãy chọn tên khác; tệp đó được giữ nguyên.`,
    );
  // The OS save dialog has already asked "replace?"; a typed path must say so itself.
  if (chosen.from === 'typed' && chosen.replace !== true)
    throw new AppError(
      'FILE_EXISTS',
      `Đã có ${kind.name} ${path.basename(target)} ở đó. Chọn "Ghi đè" để thay bằng bản mới, hoặc đặt tên khác.`,
    );
  return target;
}

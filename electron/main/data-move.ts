// First start of a version keeping the office's data per PC (data-location.ts): the data an
// older version kept in this Windows user's profile is moved into the PC's data folder, with
// its backups, scans, keyring and downloaded updates. Copy, then switch: the copy goes to a
// staging folder inside the data folder, is checked file by file (size) and flushed, marked
// complete, then its entries are renamed into place and the old folder is renamed aside
// (<old>.moved), never deleted. Cut anywhere (power, kill), the next start either redoes the
// copy (not marked complete) or finishes the renames (marked): nothing is lost or doubled.
// Runs under the office lock (office-lock.ts), before the database is opened.
import fs from 'node:fs';
import path from 'node:path';
import { fsyncFile, syncDir } from '../../services/security/private-files';

export const STAGING = '.moving';
const COMPLETE = 'COMPLETE';
/** Files of the lock, never part of an office's data. */
const NOT_DATA = new Set([STAGING, 'isoxa.lock', 'isoxa.lock.json']);

export type MoveOutcome =
  /** Nothing to move: no older per-user office. */
  | 'none'
  | 'moved'
  /** Both folders hold an office (two accounts set one up each, before): the PC's is used,
   * the per-user one is left as it was. */
  | 'both';

const holdsOffice = (dir: string): boolean =>
  fs.existsSync(path.join(dir, 'isoxa.sqlite')) || fs.existsSync(path.join(dir, 'keyring.json'));

function keyIdOf(dir: string): string | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as {
      keyId?: unknown;
    };
    return typeof parsed.keyId === 'string' ? parsed.keyId : null;
  } catch {
    return null;
  }
}

/** Every file under `dir`, relative, with its size. */
function listFiles(dir: string, base = ''): [string, number][] {
  const out: [string, number][] = [];
  for (const e of fs.readdirSync(path.join(dir, base), { withFileTypes: true })) {
    const rel = path.join(base, e.name);
    if (e.isDirectory()) out.push(...listFiles(dir, rel));
    else if (e.isFile()) out.push([rel, fs.statSync(path.join(dir, rel)).size]);
  }
  return out;
}

function copyChecked(from: string, staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(from, staging, { recursive: true, errorOnExist: true, preserveTimestamps: true });
  for (const [rel, size] of listFiles(from)) {
    const copy = path.join(staging, rel);
    if (!fs.existsSync(copy) || fs.statSync(copy).size !== size) {
      throw new Error(`tệp ${rel} chép không đủ`);
    }
    fsyncFile(copy);
  }
  fs.writeFileSync(path.join(staging, COMPLETE), new Date().toISOString());
  fsyncFile(path.join(staging, COMPLETE));
  syncDir(staging);
}

/** Renames the staged entries into the data folder (those already there were done before). */
function switchIn(staging: string, dataDir: string): void {
  for (const name of fs.readdirSync(staging)) {
    if (name === COMPLETE) continue;
    const target = path.join(dataDir, name);
    if (!fs.existsSync(target)) fs.renameSync(path.join(staging, name), target);
  }
  syncDir(dataDir);
  fs.rmSync(staging, { recursive: true, force: true });
}

function setAside(legacyDir: string): void {
  let target = `${legacyDir}.moved`;
  for (let i = 2; fs.existsSync(target); i++) target = `${legacyDir}.moved-${i}`;
  fs.renameSync(legacyDir, target);
  fs.writeFileSync(
    path.join(target, 'DA-CHUYEN.txt'),
    `Dữ liệu ISO Xã đã được chuyển sang thư mục dùng chung của máy.\r\nThe ISO Xã data was moved to the PC's shared data folder.\r\n`,
  );
}

/** The message when a move fails (the old folder is untouched: the next start tries again). */
export const moveFailedMessage = (legacyDir: string, dataDir: string, reason: string): string =>
  `Không chuyển được dữ liệu ISO Xã sang thư mục dùng chung của máy (${dataDir}): ${reason}. ` +
  `Dữ liệu cũ vẫn còn nguyên ở ${legacyDir}. Hãy kiểm tra dung lượng ổ đĩa và quyền ghi thư mục (cài lại ISO Xã bằng tài khoản quản trị sẽ cấp lại quyền), rồi mở lại phần mềm.`;

/** Moves an older per-user office into `dataDir` (which exists: the lock is in it). */
export function moveLegacyData(legacyDir: string | null, dataDir: string): MoveOutcome {
  const staging = path.join(dataDir, STAGING);
  if (fs.existsSync(path.join(staging, COMPLETE))) {
    switchIn(staging, dataDir); // a move cut after its copy: finish it
  } else {
    fs.rmSync(staging, { recursive: true, force: true }); // a copy cut halfway: redo it
  }
  if (!legacyDir || !fs.existsSync(legacyDir) || !holdsOffice(legacyDir)) return 'none';
  if (holdsOffice(dataDir)) {
    // The same office already moved (cut before the old folder was set aside): finish.
    if (keyIdOf(dataDir) !== null && keyIdOf(dataDir) === keyIdOf(legacyDir)) {
      setAside(legacyDir);
      return 'moved';
    }
    return 'both';
  }
  const stray = fs.readdirSync(dataDir).filter((n) => !NOT_DATA.has(n));
  if (stray.length) throw new Error(`${dataDir} đã có ${stray.join(', ')}`);
  copyChecked(legacyDir, staging);
  switchIn(staging, dataDir);
  setAside(legacyDir);
  return 'moved';
}

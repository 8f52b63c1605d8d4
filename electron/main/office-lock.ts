// One ISO Xã process at a time on an office's data, across Windows accounts: Electron's
// single-instance lock is per user, and the data folder is per PC (data-location.ts). The lock
// is an OS file lock (SQLite's, in EXCLUSIVE locking mode, on <data>/isoxa.lock): the OS drops
// it when the process ends, even killed or crashed, so a stale lock cannot keep anyone out.
// Who holds it (the Windows account, since when) is written beside it for the message.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';

export const LOCK_FILE = 'isoxa.lock';
const OWNER_FILE = 'isoxa.lock.json';

export interface LockOwner {
  /** DOMAIN\user of the Windows account (user@host elsewhere). */
  readonly account: string;
  readonly pid: number;
  /** ms since the epoch. */
  readonly since: number;
}

/** Open lock connections: a collected connection would close and drop its lock. */
const HELD = new Set<Database.Database>();

export type LockResult =
  | { readonly ok: true; readonly release: () => void }
  | { readonly ok: false; readonly heldBy: LockOwner | null };

function readOwner(dir: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as LockOwner;
    return typeof o.account === 'string' && typeof o.pid === 'number' ? o : null;
  } catch {
    return null;
  }
}

/** Takes the office lock of `dir` (created if missing), or says who holds it. */
export function acquireOfficeLock(dir: string, me: LockOwner): LockResult {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; EXCLUSIVE mode keeps it until close.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at INTEGER); COMMIT;');
  } catch (error) {
    db.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
      return { ok: false, heldBy: readOwner(dir) };
    }
    throw error;
  }
  HELD.add(db);
  fs.writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(me));
  let held = true;
  return {
    ok: true,
    release: () => {
      if (!held) return;
      held = false;
      fs.rmSync(path.join(dir, OWNER_FILE), { force: true });
      HELD.delete(db);
      db.close();
    },
  };
}

/** What a second account sees while another has ISO Xã open on this PC. */
export function lockedMessage(heldBy: LockOwner | null, me: string): string {
  const who =
    heldBy && heldBy.account.toLowerCase() !== me.toLowerCase()
      ? `tài khoản Windows "${heldBy.account}"`
      : 'một tài khoản Windows khác (hoặc một cửa sổ khác)';
  return (
    `ISO Xã đang được mở ở ${who} trên máy này. Dữ liệu của cơ quan chỉ mở được ở một nơi một lúc ` +
    'để không ghi chồng lên nhau. Hãy chuyển sang tài khoản đó và đóng ISO Xã (hoặc đăng xuất tài khoản đó), rồi mở lại.'
  );
}

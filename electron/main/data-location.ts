// Where the office's data lives (the database, its keyring, backups, scans, downloaded updates).
// On Windows it is one folder per PC, %PROGRAMDATA%\ISO Xa\data: officials share a PC under
// several Windows accounts and the installer is per-machine, so every account must open the
// same office. The installer creates the folder and lets the PC's Users modify it
// (resources/installer/data-folder.nsh). Older versions kept it per Windows user, in
// %APPDATA%\ISO Xã\data: that folder is the `legacyDir` moved in at first start
// (data-move.ts). Elsewhere (Linux, macOS: development, support) the data stays per user.
// Pure: electron/main/index.ts gives it Electron's paths and the process environment.
import path from 'node:path';

/** The folder's name under ProgramData: ASCII, like the program's own files. */
export const MACHINE_FOLDER = 'ISO Xa';
/** An explicit data folder (tests, support staff, browser-mode tools). */
export const DATA_DIR_VAR = 'ISOXA_DATA_DIR';

export interface DataLocationInput {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Electron's userData folder (%APPDATA%\ISO Xã on Windows). */
  readonly userData: string;
  /** --user-data-dir was given: a profile of its own, its data inside it (e2e tests). */
  readonly userDataSwitch: boolean;
  /** --data-dir=<folder>, when given. */
  readonly dataDirSwitch: string | null;
}

export interface DataLocation {
  readonly dataDir: string;
  /** A per-user folder of an older version to move in at first start; null: none to look at. */
  readonly legacyDir: string | null;
  /** Shared by every account of the PC: only one process at a time, across accounts. */
  readonly shared: boolean;
  readonly source: 'switch' | 'env' | 'profile' | 'machine' | 'user';
}

export function dataLocation(input: Readonly<DataLocationInput>): DataLocation {
  const win = input.platform === 'win32';
  const p = win ? path.win32 : path.posix;
  const own = (dir: string, source: 'switch' | 'env'): DataLocation => ({
    dataDir: p.resolve(dir),
    legacyDir: null,
    shared: false,
    source,
  });
  if (input.dataDirSwitch?.trim()) return own(input.dataDirSwitch.trim(), 'switch');
  const fromEnv = input.env[DATA_DIR_VAR]?.trim();
  if (fromEnv) return own(fromEnv, 'env');
  const perUser = p.join(input.userData, 'data');
  if (input.userDataSwitch) {
    return { dataDir: perUser, legacyDir: null, shared: false, source: 'profile' };
  }
  if (!win) return { dataDir: perUser, legacyDir: null, shared: false, source: 'user' };
  const programData =
    input.env['PROGRAMDATA']?.trim() ||
    input.env['ALLUSERSPROFILE']?.trim() ||
    p.join(input.env['SystemDrive']?.trim() || 'C:', '\\ProgramData');
  return {
    dataDir: p.join(programData, MACHINE_FOLDER, 'data'),
    legacyDir: perUser,
    shared: true,
    source: 'machine',
  };
}

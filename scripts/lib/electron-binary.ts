// Where the Electron binary is, if installed — found without require('electron'), which
// would try to download it (impossible offline or where downloads are skipped).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function electronBinary(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const pathFile = path.join(dir, 'path.txt');
    const exe = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
    if (!exe) return null;
    const full = override ? path.join(override, exe) : path.join(dir, 'dist', exe);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

// The installers kept in <data>/updates: each update fetched (network or USB) is copied there,
// so the version before the current one can always be reinstalled if a new version cannot open
// the office's database. Also the message the app shows then.
import fs from 'node:fs';
import path from 'node:path';
import { compareVersions, sortNewestFirst } from '../../core/update/versions';

/** Installers kept; older ones are removed when a new one arrives. */
export const KEEP_INSTALLERS = 3;

export const updatesFolder = (dataDir: string): string => path.join(dataDir, 'updates');

const VERSION_IN_NAME = /^ISO-Xa-Setup-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.exe$/;

/** Installer files in the folder by version, newest first. */
export function keptInstallers(dataDir: string): { version: string; file: string }[] {
  const dir = updatesFolder(dataDir);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const byVersion = new Map<string, string>();
  for (const name of names) {
    const m = VERSION_IN_NAME.exec(name);
    if (m?.[1]) byVersion.set(m[1], path.join(dir, name));
  }
  return sortNewestFirst([...byVersion.keys()]).map((version) => ({
    version,
    file: byVersion.get(version) ?? '',
  }));
}

/** The newest kept installer older than the running version: what to reinstall to go back. */
export function previousInstaller(dataDir: string, runningVersion: string): string | null {
  return (
    keptInstallers(dataDir).find((i) => compareVersions(i.version, runningVersion) < 0)?.file ??
    null
  );
}

/** Copies an installer into the folder (through a .part file) and prunes the oldest ones. */
export function keepInstaller(dataDir: string, source: string, name: string): string {
  const dir = updatesFolder(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, name);
  if (path.resolve(source) !== path.resolve(target)) {
    fs.copyFileSync(source, `${target}.part`);
    fs.renameSync(`${target}.part`, target);
  }
  for (const old of keptInstallers(dataDir).slice(KEEP_INSTALLERS)) fs.rmSync(old.file);
  return target;
}

/** Shown when this version cannot open or migrate the database (which stays as it was). */
export function cannotOpenMessage(version: string, previous: string | null): string {
  const back = previous
    ? `Để dùng lại phiên bản trước, chạy tệp cài đặt ${previous} (cài đè, dữ liệu được giữ).`
    : 'Để dùng lại phiên bản trước, hãy xin Sở bộ cài của phiên bản đó và cài đè (dữ liệu được giữ).';
  return (
    `Phiên bản ISO Xã ${version} không mở được cơ sở dữ liệu của cơ quan. ` +
    `Dữ liệu vẫn giữ nguyên như trước khi cập nhật (có bản sao lưu "Trước khi nâng cấp"). ${back} ` +
    'Hãy báo Sở để được hỗ trợ.'
  );
}

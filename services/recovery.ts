// Recovery when the database cannot be opened (corrupt): put the newest valid backup in
// place. The broken file is kept beside it, never deleted.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors';
import { fileProtector, openKeyring, registerKeyring, type KeyProtector } from './security/keyring';
import { backupsDir, DB_FILE_NAME, installRestore, listBackups, prepareRestore } from './backup';

export function restoreLatestBackup(
  dataDir: string,
  migrationsDir: string,
  protector: KeyProtector = fileProtector,
): string {
  const live = path.join(dataDir, DB_FILE_NAME);
  // The backend is not running: the backups open with this PC's keyring, read here.
  const unregister = registerKeyring(dataDir, openKeyring(dataDir, protector, false));
  try {
    return restoreNewest(dataDir, migrationsDir, live);
  } finally {
    unregister();
  }
}

function restoreNewest(dataDir: string, migrationsDir: string, live: string): string {
  for (const backup of listBackups(dataDir)) {
    let prepared: string;
    try {
      prepared = prepareRestore(
        path.join(backupsDir(dataDir), backup.name),
        live,
        migrationsDir,
      ).file;
    } catch {
      continue; // a damaged backup: try the next older one
    }
    const aside = `${live}.hong-${Date.now()}`;
    for (const suffix of ['', '-wal']) {
      if (fs.existsSync(`${live}${suffix}`)) fs.renameSync(`${live}${suffix}`, `${aside}${suffix}`);
    }
    installRestore(prepared, live);
    return backup.name;
  }
  throw new AppError('BACKUP_INVALID', 'Không có bản sao lưu hợp lệ để khôi phục.');
}

// Test helpers: a real backend on a temp folder, and a typed caller per session key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OpInput, OpName, OpOutput } from '../../core/contract';
import type { Result } from '../../core/errors';
import { openSqlite, type Sqlite } from '../../db/open';
import { openBackend } from '../../services/app';
import { extractDatabase, readBackupHeader } from '../../services/backup-format';
import { keyringFor } from '../../services/security/keyring';
import type { AppBackend, AppOptions } from '../../services/platform';

export function tempDir(prefix = 'isoxa-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  readonly backend: AppBackend;
  readonly dataDir: string;
  readonly clock: { now: number };
  as(
    sessionKey: string,
  ): <N extends OpName>(name: N, input: OpInput<N>) => Promise<Result<OpOutput<N>>>;
  ok(sessionKey: string): <N extends OpName>(name: N, input: OpInput<N>) => Promise<OpOutput<N>>;
  close(): void;
}

export async function startTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDir();
  const clock = { now: Date.UTC(2026, 10, 23, 2, 0) };
  const backend = await openBackend({
    dataDir,
    platform: { kind: 'test', appVersion: '0.0.0-test' },
    now: () => clock.now,
    backupDelayMs: 3600_000,
    ...options,
  });
  const as =
    (key: string) =>
    <N extends OpName>(name: N, input: OpInput<N>) =>
      backend.call(key, name, input) as Promise<Result<OpOutput<N>>>;
  return {
    backend,
    dataDir,
    clock,
    as,
    ok: (key) => async (name, input) => {
      const r = await as(key)(name, input);
      if (!r.ok)
        throw new Error(
          `${name} failed: ${r.error.code} ${r.error.message} ${(r.error.details ?? []).join('; ')}`,
        );
      return r.value;
    },
    close: () => backend.close(),
  };
}

export const OFFICE = {
  name: 'UBND xã Kiểm Thử',
  agencyCode: '000.00.99.H56',
  province: 'Tỉnh Phú Thọ',
  commune: 'Xã Kiểm Thử',
  address: '',
};
export const ADMIN = { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'matkhau-123' };

/** A set-up office with the admin logged in under session key 'admin'. */
export async function startSetUpApp(
  options: Partial<AppOptions> = {},
): Promise<TestApp & { readonly recoveryCode: string }> {
  const app = await startTestApp(options);
  const { recoveryCode } = await app.ok('setup')('setup.create', { office: OFFICE, admin: ADMIN });
  await app.ok('admin')('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return { ...app, recoveryCode };
}

/** Every table's rows, for "nothing was written" assertions. */
export function dumpDatabase(backend: AppBackend): string {
  const sqlite = backend.database();
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return JSON.stringify(
    tables.map((t) => [
      t,
      // counters is WITHOUT ROWID (migration 0017): its rows in key order.
      sqlite.prepare(`SELECT * FROM "${t}" ORDER BY ${t === 'counters' ? 'scope' : 'rowid'}`).all(),
    ]),
  );
}

/** Logs a user the admin just created in under `key` and sets their own password: the services
 * refuse everything else while the temporary one is still in use. */
export async function loginNewUser(
  app: TestApp,
  key: string,
  username: string,
  temporary: string,
): Promise<void> {
  await app.ok(key)('auth.login', { username, password: temporary });
  await app.ok(key)('auth.changePassword', { current: temporary, next: `${temporary}-rieng` });
}

/** Opens an office database file of `dataDir` (encrypted with its keyring's key). */
export function openOfficeFile(
  file: string,
  dataDir: string,
  options: { readonly?: boolean } = {},
): Sqlite {
  return openSqlite(file, keyringFor(dataDir).dbKey(), options);
}

/** Opens the database inside a backup file made by `dataDir`'s office (a decrypted copy). */
export function openBackupCopy(file: string, dataDir: string): Sqlite {
  const read = readBackupHeader(file);
  if (!read) throw new Error(`${file} is not a backup file`);
  const copy = path.join(tempDir('isoxa-backup-copy-'), 'copy.sqlite');
  extractDatabase(file, read.offset, copy);
  return openOfficeFile(copy, dataDir, { readonly: true });
}

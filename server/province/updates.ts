// App updates: installers an operator drops into the updates directory (read only here), the
// manifest the province publishes for one of them (the server measures size and sha256 itself,
// so a manifest never names a file that is not there), and serving the file to devices.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, desc, eq, max } from 'drizzle-orm';
import type { PublishUpdateRequest, UpdatesResponse } from '../../core/sync/admin';
import type { AppUpdateManifest } from '../../core/sync/app-update';
import {
  APP_UPDATE_KEY,
  appUpdateManifest,
  UPDATES_PATH,
  updateFileName,
} from '../../core/sync/app-update';
import type { Db } from '../database/connect';
import { feed } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { publishFeed } from '../sync/feed';

const NOT_CONFIGURED =
  'Máy chủ chưa được cấu hình thư mục bản cập nhật (biến môi trường ISOXA_UPDATES_DIR).';

const missing = (name: string) =>
  new HttpError(
    404,
    'NOT_FOUND',
    `Không tìm thấy tệp cài đặt "${name}" trong thư mục bản cập nhật của máy chủ.`,
  );

/** The file's size, or an error naming it; the name (no separators) cannot leave the dir. */
const statUpdate = async (dir: string | null, name: string) => {
  if (dir === null) throw new HttpError(404, 'NOT_FOUND', NOT_CONFIGURED);
  if (!updateFileName.safeParse(name).success) throw missing(name);
  const file = path.join(dir, name);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile() || stat.size === 0) throw missing(name);
  return { file, size: stat.size };
};

export const openUpdateFile = async (dir: string | null, name: string) => {
  const { file, size } = await statUpdate(dir, name);
  return { size, stream: createReadStream(file) };
};

const latestManifest = async (db: Db) => {
  const [row] = await db
    .select()
    .from(feed)
    .where(and(eq(feed.kind, 'app_update'), eq(feed.key, APP_UPDATE_KEY)))
    .orderBy(desc(feed.version))
    .limit(1);
  const parsed = row ? appUpdateManifest.safeParse(row.body) : null;
  return row && parsed?.success
    ? { ...parsed.data, publishedAt: row.publishedAt.getTime(), feedVersion: row.version }
    : null;
};

export const listUpdates = async (db: Db, dir: string | null): Promise<UpdatesResponse> => {
  const latest = await latestManifest(db);
  if (dir === null) return { configured: false, files: [], latest };
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const e of entries) {
    if (!e.isFile() || !updateFileName.safeParse(e.name).success) continue;
    const stat = await fs.stat(path.join(dir, e.name)).catch(() => null);
    if (stat && stat.size > 0)
      files.push({ name: e.name, size: stat.size, modifiedAt: stat.mtime.getTime() });
  }
  files.sort((a, b) => b.modifiedAt - a.modifiedAt);
  return { configured: true, files, latest };
};

export const publishUpdate = async (
  db: Db,
  dir: string | null,
  input: Readonly<PublishUpdateRequest>,
  userId: string,
  now: number,
) => {
  const { file, size } = await statUpdate(dir, input.file);
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  const manifest: AppUpdateManifest = appUpdateManifest.parse({
    version: input.version,
    notes: input.notes,
    file: input.file,
    path: UPDATES_PATH + input.file,
    size,
    sha256: hash.digest('hex'),
  });
  const [top] = await db
    .select({ version: max(feed.version) })
    .from(feed)
    .where(and(eq(feed.kind, 'app_update'), eq(feed.key, APP_UPDATE_KEY)));
  const feedVersion = Number(top?.version ?? 0) + 1;
  const [row] = await publishFeed(
    db,
    [{ kind: 'app_update', key: APP_UPDATE_KEY, version: feedVersion, body: manifest }],
    userId,
    now,
  );
  if (!row) throw new Error('update manifest not published');
  return { serverSeq: row.serverSeq, feedVersion, manifest };
};

// The app update the province published (an 'app_update' feed entry kept in sync_feed by the
// pull): shown when newer than this app, and fetched into the data folder on request, kept
// only when its sha256 matches the manifest. Installing it is the Electron updater's job.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { SyncStatusView } from '../../core/contract/sync';
import { AppError } from '../../core/errors';
import type { AppUpdateManifest } from '../../core/sync/app-update';
import { APP_UPDATE_KEY, appUpdateManifest, compareVersions } from '../../core/sync/app-update';
import { HEADERS, SCHEMA_VERSION } from '../../core/sync/protocol';
import type { Db } from '../../db/open';
import { syncFeed } from '../../db/schema';
import type { Ctx } from '../context';
import type { SyncEngine } from './engine';
import { MESSAGES, SyncFailure, SyncHttp } from './http';

/** An installer may take a while on a commune's line; a stuck one still ends. */
const DOWNLOAD_TIMEOUT_MS = 30 * 60_000;

type Published = AppUpdateManifest & { readonly publishedAt: number };

/** The newest valid manifest received, whatever its version. */
export function latestManifest(db: Db): Published | null {
  const row = db
    .select()
    .from(syncFeed)
    .where(
      and(
        eq(syncFeed.kind, 'app_update'),
        eq(syncFeed.key, APP_UPDATE_KEY),
        isNull(syncFeed.error),
      ),
    )
    .orderBy(desc(syncFeed.version))
    .limit(1)
    .get();
  const parsed = row ? appUpdateManifest.safeParse(row.body) : null;
  return row && parsed?.success ? { ...parsed.data, publishedAt: row.publishedAt } : null;
}

const updatesDir = (dataDir: string) => path.join(dataDir, 'updates');

/** For sync.status: the published update when it is newer than the running app. */
export function updateView(ctx: Ctx): SyncStatusView['update'] {
  const m = latestManifest(ctx.db);
  if (!m || compareVersions(m.version, ctx.platform.appVersion) <= 0) return null;
  const saved = fs.statSync(path.join(updatesDir(ctx.dataDir), m.file), { throwIfNoEntry: false });
  return { ...m, downloaded: saved?.size === m.size };
}

async function sha256Of(file: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(file), hash);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** Fetches the installer to <data>/updates/<file> through a .part file; checks size and sha256. */
export async function downloadUpdate(ctx: Ctx, engine: SyncEngine) {
  const id = engine.identity();
  if (!id) throw new AppError('NOT_FOUND', 'Máy này chưa đăng ký đồng bộ với máy chủ tỉnh.');
  const m = updateView(ctx);
  if (!m) throw new AppError('NOT_FOUND', 'Không có phiên bản mới để tải về.');
  const dir = updatesDir(ctx.dataDir);
  const target = path.join(dir, m.file);
  if (m.downloaded && (await sha256Of(target)) === m.sha256)
    return { path: target, version: m.version };
  fs.mkdirSync(dir, { recursive: true });
  const http = new SyncHttp({
    baseUrl: id.serverUrl,
    appVersion: ctx.platform.appVersion,
    timeoutMs: engine.tuning.timeoutMs,
    ...(engine.tuning.fetch ? { fetch: engine.tuning.fetch } : {}),
  });
  const part = `${target}.part`;
  try {
    const token = await engine.auth.token(http, id);
    const response = await (engine.tuning.fetch ?? fetch)(new URL(m.path, id.serverUrl), {
      headers: {
        authorization: `Bearer ${token}`,
        [HEADERS.device]: id.deviceId,
        [HEADERS.appVersion]: http.appVersion,
        [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
      },
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!response.ok || !response.body) {
      throw new AppError('NOT_FOUND', 'Máy chủ tỉnh không có tệp cài đặt của phiên bản này.');
    }
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    await pipeline(body, fs.createWriteStream(part));
  } catch (error) {
    fs.rmSync(part, { force: true });
    if (error instanceof AppError) throw error;
    if (error instanceof SyncFailure) throw new AppError('INVALID_INPUT', error.message);
    throw new AppError('INVALID_INPUT', MESSAGES.network(new URL(id.serverUrl).host));
  }
  if (fs.statSync(part).size !== m.size || (await sha256Of(part)) !== m.sha256) {
    fs.rmSync(part, { force: true });
    throw new AppError(
      'INVALID_INPUT',
      'Tệp cài đặt tải về không khớp mã kiểm tra của tỉnh nên đã bị xóa. Hãy thử tải lại.',
    );
  }
  fs.renameSync(part, target);
  return { path: target, version: m.version };
}

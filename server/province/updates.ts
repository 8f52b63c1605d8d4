// App releases: installers an operator drops into the updates directory, the releases the
// province publishes from them (the server measures size and sha512 itself and takes the
// .blockmap electron-builder wrote next to the installer, or makes one), the staged rollout
// (raise, pause, withdraw), and what the PCs report, counted per release for the dashboard.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { eq, isNull } from 'drizzle-orm';
import type {
  PublishUpdateRequest,
  ReleaseView,
  RolloutRequest,
  UpdatesResponse,
} from '../../core/sync/admin';
import type { ReleaseRecord } from '../../core/update/release';
import { isLive, updateFileName } from '../../core/update/release';
import { inStage } from '../../core/update/staging';
import { compareVersions, sortNewestFirst } from '../../core/update/versions';
import type { Db } from '../database/connect';
import { devices, offices, releases } from '../database/schema/index';
import { HttpError } from '../http/errors';

const NOT_CONFIGURED =
  'Máy chủ chưa được cấu hình thư mục bản cập nhật (biến môi trường ISOXA_UPDATES_DIR).';

const missing = (name: string) =>
  new HttpError(
    404,
    'NOT_FOUND',
    `Không tìm thấy tệp cài đặt "${name}" trong thư mục bản cập nhật của máy chủ.`,
  );

/** The file's path and size, or an error naming it; the name (no separators) cannot leave the dir. */
export const statUpdate = async (dir: string | null, name: string) => {
  if (dir === null) throw new HttpError(404, 'NOT_FOUND', NOT_CONFIGURED);
  if (!updateFileName.safeParse(name).success) throw missing(name);
  const file = path.join(dir, name);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile() || stat.size === 0) throw missing(name);
  return { file, size: stat.size };
};

type ReleaseRow = typeof releases.$inferSelect;

export const recordOf = (r: ReleaseRow): ReleaseRecord => ({
  version: r.version,
  file: r.file,
  size: r.size,
  sha512: r.sha512,
  blockMap: r.blockMap,
  notes: r.notes,
  releasedAt: r.releasedAt.getTime(),
  stagingPercentage: r.stagingPercentage,
  paused: r.paused,
  withdrawnAt: r.withdrawnAt?.getTime() ?? null,
});

export const allReleases = async (db: Db): Promise<ReleaseRecord[]> =>
  (await db.select().from(releases)).map(recordOf);

async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file), hash);
  return hash.digest('base64');
}

const making = new Map<string, Promise<boolean>>();

/** electron-builder's blockmap next to the installer, else one made with its own code (when the
 * build tools are installed and the directory is writable); false: full downloads only. One
 * build per installer at a time (PCs asking together share it). */
export function ensureBlockMap(installer: string): Promise<boolean> {
  const pending = making.get(installer);
  if (pending) return pending;
  const job = makeBlockMap(installer).finally(() => making.delete(installer));
  making.set(installer, job);
  return job;
}

async function makeBlockMap(installer: string): Promise<boolean> {
  const blockMap = `${installer}.blockmap`;
  if ((await fs.stat(blockMap).catch(() => null))?.isFile()) return true;
  const part = `${blockMap}.${process.pid}.part`;
  try {
    const { buildBlockMap } = await import('app-builder-lib/out/targets/blockmap/blockmap.js');
    await buildBlockMap(installer, 'gzip', part);
    await fs.rename(part, blockMap);
    return true;
  } catch {
    await fs.rm(part, { force: true });
    return false;
  }
}

/**
 * An installer's blockmap for electron-updater, made on first request when the installer is
 * there without one. The updater asks for two: the new release's, and the one of the version
 * it runs (the new name with the version replaced), which may never have been published here.
 */
export const statBlockMap = async (dir: string | null, name: string) => {
  if (dir !== null && name.endsWith('.blockmap') && updateFileName.safeParse(name).success) {
    const installer = path.join(dir, name.slice(0, -'.blockmap'.length));
    if ((await fs.stat(installer).catch(() => null))?.isFile()) await ensureBlockMap(installer);
  }
  return statUpdate(dir, name);
};

export const publishRelease = async (
  db: Db,
  dir: string | null,
  input: Readonly<PublishUpdateRequest>,
  userId: string,
  now: number,
): Promise<ReleaseRecord> => {
  const { file, size } = await statUpdate(dir, input.file);
  const [existing] = await db
    .select({ version: releases.version })
    .from(releases)
    .where(eq(releases.version, input.version));
  if (existing) {
    throw new HttpError(
      409,
      'CONFLICT',
      `Phiên bản ${input.version} đã được công bố; mỗi phiên bản chỉ công bố một lần (hãy đặt số phiên bản mới).`,
    );
  }
  const sha512 = await sha512Of(file);
  const blockMap = await ensureBlockMap(file);
  const [row] = await db
    .insert(releases)
    .values({
      version: input.version,
      file: input.file,
      size,
      sha512,
      blockMap,
      notes: input.notes,
      stagingPercentage: input.stagingPercentage,
      releasedAt: new Date(now),
      releasedBy: userId,
      changedAt: new Date(now),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new HttpError(409, 'CONFLICT', `Phiên bản ${input.version} đã được công bố.`);
  return recordOf(row);
};

const findRelease = async (db: Db, version: string): Promise<ReleaseRow> => {
  const [row] = await db.select().from(releases).where(eq(releases.version, version));
  if (!row) throw new HttpError(404, 'NOT_FOUND', `Chưa công bố phiên bản ${version}.`);
  return row;
};

const WITHDRAWN = (v: string) =>
  new HttpError(409, 'CONFLICT', `Phiên bản ${v} đã bị thu hồi; hãy công bố một phiên bản mới.`);

export const changeRollout = async (
  db: Db,
  version: string,
  input: Readonly<RolloutRequest>,
  now: number,
): Promise<ReleaseRecord> => {
  const row = await findRelease(db, version);
  if (row.withdrawnAt) throw WITHDRAWN(version);
  const [next] = await db
    .update(releases)
    .set({
      ...(input.stagingPercentage !== undefined
        ? { stagingPercentage: input.stagingPercentage }
        : {}),
      ...(input.paused !== undefined ? { paused: input.paused } : {}),
      changedAt: new Date(now),
    })
    .where(eq(releases.version, version))
    .returning();
  if (!next) throw new Error('release vanished');
  return recordOf(next);
};

export const withdrawRelease = async (
  db: Db,
  version: string,
  now: number,
): Promise<ReleaseRecord> => {
  const row = await findRelease(db, version);
  if (row.withdrawnAt) throw WITHDRAWN(version);
  const [next] = await db
    .update(releases)
    .set({ withdrawnAt: new Date(now), changedAt: new Date(now) })
    .where(eq(releases.version, version))
    .returning();
  if (!next) throw new Error('release vanished');
  return recordOf(next);
};

async function listFiles(dir: string) {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
  const files = [];
  for (const name of names) {
    if (!updateFileName.safeParse(name).success || name.endsWith('.blockmap')) continue;
    if (name.endsWith('.yml') || name.endsWith('.isoxa-update')) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat && stat.size > 0) {
      const blockMap = names.has(`${name}.blockmap`);
      files.push({ name, size: stat.size, modifiedAt: stat.mtime.getTime(), blockMap });
    }
  }
  return files.sort((a, b) => b.modifiedAt - a.modifiedAt);
}

type DeviceRow = {
  id: string;
  appVersion: string;
  updatePhase: string | null;
  updateVersion: string | null;
  updateError: string | null;
  updateReportedAt: Date | null;
  office: string;
};

const countsFor = (r: ReleaseRecord, active: readonly DeviceRow[]): ReleaseView => {
  const about = active.filter((d) => d.updateVersion === r.version && d.appVersion !== r.version);
  const failed = about.filter((d) => d.updatePhase === 'failed');
  return {
    ...r,
    running: active.filter((d) => d.appVersion === r.version).length,
    downloaded: about.filter((d) => d.updatePhase === 'downloaded').length,
    downloading: about.filter((d) => d.updatePhase === 'downloading').length,
    failed: failed.length,
    errors: failed
      .map((d) => ({
        office: d.office,
        message: d.updateError ?? '',
        at: d.updateReportedAt?.getTime() ?? 0,
      }))
      .sort((a, b) => b.at - a.at)
      .slice(0, 5),
    reached: isLive(r) ? active.filter((d) => inStage(d.id, r.stagingPercentage)).length : 0,
  };
};

export const listUpdates = async (db: Db, dir: string | null): Promise<UpdatesResponse> => {
  const active: DeviceRow[] = await db
    .select({
      id: devices.id,
      appVersion: devices.appVersion,
      updatePhase: devices.updatePhase,
      updateVersion: devices.updateVersion,
      updateError: devices.updateError,
      updateReportedAt: devices.updateReportedAt,
      office: offices.name,
    })
    .from(devices)
    .innerJoin(offices, eq(offices.id, devices.officeId))
    .where(isNull(devices.revokedAt));
  const all = (await allReleases(db)).sort((a, b) => compareVersions(b.version, a.version));
  const byVersion = new Map<string, number>();
  for (const d of active) byVersion.set(d.appVersion, (byVersion.get(d.appVersion) ?? 0) + 1);
  const order = sortNewestFirst([...byVersion.keys()]);
  const invalid = [...byVersion.keys()].filter((v) => !order.includes(v));
  return {
    configured: dir !== null,
    files: dir === null ? [] : await listFiles(dir),
    releases: all.map((r) => countsFor(r, active)),
    versions: [...order, ...invalid].map((version) => ({
      version,
      devices: byVersion.get(version) ?? 0,
    })),
    activeDevices: active.length,
  };
};

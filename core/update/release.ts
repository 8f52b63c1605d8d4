// A release the province publishes for offices, what the updater feed (latest.yml) says about
// it, and which release one PC is offered. Pure: the server and the tests use it as it is.
import { dump } from 'js-yaml';
import { z } from 'zod';
import { inStage } from './staging';
import { compareVersions } from './versions';

/** An installer's (or blockmap's) name inside the server's updates directory. */
export const updateFileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/, 'Tên tệp cài đặt không hợp lệ')
  .refine((s) => !s.includes('..'), 'Tên tệp cài đặt không hợp lệ');

/** x.y.z with an optional pre-release or build suffix (1.4.0, 1.4.0-beta.2), as semver reads it. */
export const appVersionNumber = z
  .string()
  .trim()
  .regex(/^\d{1,4}\.\d{1,4}\.\d{1,6}([-+][0-9A-Za-z.-]{1,20})?$/, 'Phiên bản phải có dạng 1.2.3');

/** sha512 as electron-builder writes it: base64 of the 64 bytes. */
export const sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/);

export const stagingPercent = z
  .int('Tỷ lệ phải là số nguyên')
  .min(0, 'Tỷ lệ từ 0 đến 100')
  .max(100, 'Tỷ lệ từ 0 đến 100');

export const releaseRecord = z.object({
  version: appVersionNumber,
  file: updateFileName,
  size: z.int().min(1),
  sha512: sha512Base64,
  /** The installer's .blockmap is in the updates directory: differential downloads work. */
  blockMap: z.boolean(),
  notes: z.string(),
  /** Server clock, ms. */
  releasedAt: z.number(),
  stagingPercentage: stagingPercent,
  paused: z.boolean(),
  withdrawnAt: z.number().nullable(),
});
export type ReleaseRecord = z.infer<typeof releaseRecord>;

/** Offered to new PCs at all: not withdrawn and not paused. */
export const isLive = (r: Readonly<ReleaseRecord>): boolean => r.withdrawnAt === null && !r.paused;

export interface Offer {
  readonly release: ReleaseRecord;
  /** What latest.yml says: the release's percentage when the PC is in it, 0 when not. */
  readonly stagingPercentage: number;
}

/**
 * The release this PC is offered: the newest live one whose rollout includes it. When none
 * does, the newest release not withdrawn, at 0 %, so the updater hears "nothing for you" from
 * a well-formed feed; null when nothing was ever published (or everything was withdrawn).
 */
export const offerFor = (releases: readonly ReleaseRecord[], deviceId: string): Offer | null => {
  const standing = releases
    .filter((r) => r.withdrawnAt === null)
    .sort((a, b) => compareVersions(b.version, a.version));
  const hit = standing.find((r) => isLive(r) && inStage(deviceId, r.stagingPercentage));
  if (hit) return { release: hit, stagingPercentage: hit.stagingPercentage };
  const newest = standing[0];
  return newest ? { release: newest, stagingPercentage: 0 } : null;
};

/** latest.yml as electron-builder writes it for an NSIS per-machine installer. */
export interface LatestYml {
  readonly version: string;
  readonly files: readonly {
    readonly url: string;
    readonly sha512: string;
    readonly size: number;
  }[];
  readonly path: string;
  readonly sha512: string;
  readonly releaseDate: string;
  readonly stagingPercentage: number;
  readonly releaseNotes?: string;
  /** Per-machine install: electron-updater runs the installer elevated. */
  readonly isAdminRightsRequired: boolean;
}

export const latestYmlOf = (offer: Readonly<Offer>): LatestYml => {
  const r = offer.release;
  return {
    version: r.version,
    files: [{ url: r.file, sha512: r.sha512, size: r.size }],
    path: r.file,
    sha512: r.sha512,
    releaseDate: new Date(r.releasedAt).toISOString(),
    stagingPercentage: offer.stagingPercentage,
    ...(r.notes ? { releaseNotes: r.notes } : {}),
    isAdminRightsRequired: true,
  };
};

export const formatLatestYml = (yml: Readonly<LatestYml>): string =>
  dump(yml, { lineWidth: -1, noRefs: true, quotingType: "'" });

/** electron-builder's default name for a version's installer (electron-builder.yml). */
export { installerName } from './installer-name';

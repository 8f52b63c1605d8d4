// The app-update manifest the province publishes as an 'app_update' feed entry: which version,
// what changed, and the installer the server serves (by name, with its size and sha256, which
// the server computes itself). Installing is the Electron updater's job; the desktop only
// shows the manifest and may fetch the installer into its data folder.
import { z } from 'zod';
import { safeText } from './protocol';

/** Every manifest is published under this key, at the next version of it. */
export const APP_UPDATE_KEY = 'desktop';
export const UPDATES_PATH = '/v1/updates/';

/** An installer's name inside the server's updates directory: no separators, no dot files. */
export const updateFileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/, 'Tên tệp cài đặt không hợp lệ')
  .refine((s) => !s.includes('..'), 'Tên tệp cài đặt không hợp lệ');

/** x.y.z with an optional pre-release or build suffix (1.4.0, 1.4.0-beta.2). */
export const appVersionNumber = z
  .string()
  .trim()
  .regex(/^\d{1,4}\.\d{1,4}\.\d{1,6}([-+][0-9A-Za-z.-]{1,20})?$/, 'Phiên bản phải có dạng 1.2.3');

export const appUpdateManifest = z.object({
  version: appVersionNumber,
  notes: safeText(0, 5000),
  file: updateFileName,
  /** Path on the server, for an enrolled device: UPDATES_PATH + file. */
  path: z.string().startsWith(UPDATES_PATH).max(300),
  size: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AppUpdateManifest = z.infer<typeof appUpdateManifest>;

const parts = (v: string) => {
  const [core = '', pre = ''] = v.split(/[-+](.*)/s);
  return { nums: core.split('.').map((n) => Number(n) || 0), pre };
};

/** Orders two app versions: numbers first; a pre-release comes before its release. */
export const compareVersions = (a: string, b: string): number => {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === '') return 1;
  if (y.pre === '') return -1;
  return x.pre < y.pre ? -1 : 1;
};

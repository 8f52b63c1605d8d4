// The app-update manifest earlier servers published as an 'app_update' feed entry. Releases are
// now offered through the updater feed (core/update/release.ts, staged per PC); the feed kind
// stays readable so an office that pulls an old entry still parses it, and nothing new is
// published under it.
import { z } from 'zod';
import { appVersionNumber, updateFileName } from '../update/release';
import { safeText } from './protocol';

export { appVersionNumber, updateFileName } from '../update/release';
export { compareVersions } from '../update/versions';

/** Every manifest is published under this key, at the next version of it. */
export const APP_UPDATE_KEY = 'desktop';
/** Where a device fetches latest.yml, installers and blockmaps (device authentication). */
export const UPDATES_PATH = '/v1/updates/';

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

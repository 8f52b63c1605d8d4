// Browser mode's backend: the database opened (and migrated, restored or filled with the demo
// office when asked) and every operation's handler. scripts/browser-mode.ts loads this with
// `import()` once its HTTP server listens, so the URL is printed before the contract, the
// handlers and their schemas are evaluated; the page loads while they are.
import path from 'node:path';
import { openBackend } from '../../services/app';
import { setUpDemoIfNew } from '../../services/foundation/demo/office';
import type { AppBackend } from '../../services/platform';
import { restoreLatestBackup } from '../../services/recovery';
import type { Transfers } from './transfers';

export interface BrowserBackendOptions {
  readonly root: string;
  readonly dataDir: string;
  readonly version: string;
  readonly transfers: Transfers;
  readonly demo: boolean;
  readonly restoreLatest: boolean;
}

export async function openBrowserBackend(o: BrowserBackendOptions): Promise<AppBackend> {
  if (o.restoreLatest) {
    const restored = restoreLatestBackup(o.dataDir, path.join(o.root, 'db/migrations'));
    console.log(`Đã khôi phục từ bản sao lưu ${restored}.`);
  }
  const backend = await openBackend({
    dataDir: o.dataDir,
    platform: {
      kind: 'browser',
      appVersion: o.version,
      ...o.transfers.platform,
      // electron-updater checks and downloads here too; installing needs the desktop app.
      updates: {
        create: async (dir) => {
          const { createNodeUpdater } = await import('../../services/updates/node-updater');
          return createNodeUpdater({ appVersion: o.version, dir: path.join(dir, 'updater') })
            .updater;
        },
      },
    },
  });
  if (o.demo) await setUpDemoIfNew(backend);
  return backend;
}

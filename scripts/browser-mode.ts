// `npm run browser [-- --demo] [--port N] [--data-dir DIR] [--restore-latest]`: the product in
// a browser, same backend and UI, on 127.0.0.1 only. Prints the URL to open.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../core/errors';
import { openBackend } from '../services/app';
import { setUpDemoIfNew } from '../services/foundation/demo/office';
import { restoreLatestBackup } from '../services/recovery';
import { startBrowserServer } from './browser/server';
import { Transfers } from './browser/transfers';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: path.resolve('.data/browser') },
    'restore-latest': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const root = process.cwd();
const dataDir = path.resolve(values['data-dir']);
const version = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
).version;

async function main(): Promise<void> {
  if (values['restore-latest']) {
    const restored = restoreLatestBackup(dataDir, path.join(root, 'db/migrations'));
    console.log(`Đã khôi phục từ bản sao lưu ${restored}.`);
  }
  const transfers = new Transfers(path.join(dataDir, 'browser-transfers'));
  const backend = await openBackend({
    dataDir,
    platform: {
      kind: 'browser',
      appVersion: version,
      ...transfers.platform,
      // electron-updater checks and downloads here too; installing needs the desktop app.
      updates: {
        create: async (dir) => {
          const { createNodeUpdater } = await import('../services/updates/node-updater');
          return createNodeUpdater({ appVersion: version, dir: path.join(dir, 'updater') }).updater;
        },
      },
    },
  });
  if (values.demo) await setUpDemoIfNew(backend);
  const server = await startBrowserServer({
    backend,
    transfers,
    rendererDir: path.join(root, 'dist/renderer'),
    fontsDir: path.join(root, 'resources/fonts'),
    port: Number(values.port),
  });
  console.log(`ISO Xã (chế độ trình duyệt) đang chạy. Mở: ${server.url}`);
  // The bundle's compiled code (compile cache, scripts/build-browser.ts) is written once the
  // login screen has been served, not only at a clean exit: closing the terminal still keeps it.
  setTimeout(() => module.flushCompileCache(), 3000).unref();
  const stop = () => {
    void server.close().finally(() => {
      backend.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`Lỗi: ${error.message}`);
    if (error.code === 'DB_CORRUPT')
      console.error('Khôi phục bản sao lưu gần nhất: npm run browser -- --restore-latest');
  } else console.error(error);
  process.exit(1);
});

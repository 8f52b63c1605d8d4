// `npm run browser [-- --demo] [--port N] [--data-dir DIR] [--restore-latest]`: the product in
// a browser, same backend and UI, on 127.0.0.1 only. Prints the URL to open.
//
// Start-up order: the HTTP server listens and the URL is printed first; the backend (the
// database, every handler, the contract's schemas: most of the bundle) is loaded with
// `import()` right after, while the browser loads the page. A call that arrives before it is
// open waits for it. --restore-latest and --demo open it before the URL, as their messages
// and data come first.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../core/errors';
import type { AppBackend } from '../services/platform';
import { saveCodeCache } from './browser/code-cache';
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

function fail(error: unknown): never {
  if (error instanceof AppError) {
    console.error(`Lỗi: ${error.message}`);
    if (error.code === 'DB_CORRUPT')
      console.error('Khôi phục bản sao lưu gần nhất: npm run browser -- --restore-latest');
  } else console.error(error);
  process.exit(1);
}

async function main(): Promise<void> {
  const transfers = new Transfers(path.join(dataDir, 'browser-transfers'));
  // Between loading steps the server serves the page's files first (once it listens).
  let between = (): Promise<void> => Promise.resolve();
  let opening: Promise<AppBackend> | undefined;
  const backend = (): Promise<AppBackend> =>
    (opening ??= (async () => {
      const { loadBackendModules } = await import('./browser/load-order');
      await loadBackendModules(() => between());
      const { openBrowserBackend } = await import('./browser/backend');
      return openBrowserBackend({
        root,
        dataDir,
        version,
        transfers,
        demo: values.demo,
        restoreLatest: values['restore-latest'],
      });
    })());
  if (values.demo || values['restore-latest']) await backend();
  const server = await startBrowserServer({
    backend: {
      call: async (sessionKey, name, input) => (await backend()).call(sessionKey, name, input),
    },
    transfers,
    rendererDir: path.join(root, 'dist/renderer'),
    fontsDir: path.join(root, 'resources/fonts'),
    port: Number(values.port),
  });
  between = () => server.quiet();
  console.log(`ISO Xã (chế độ trình duyệt) đang chạy. Mở: ${server.url}`);
  // An error opening the database ends the run with its message, as before the URL.
  const open = backend().catch(fail);
  // The bundle's compiled code (scripts/browser/code-cache.ts) is written once the backend is
  // open and the login screen has been served (closing the terminal then keeps it), or at a
  // stop that comes sooner.
  void open.then(() => setTimeout(saveCodeCache, 3000).unref());
  const stop = () => {
    void server.close().finally(async () => {
      (await open).close();
      saveCodeCache();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(fail);

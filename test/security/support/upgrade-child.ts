// A child process for the kill -9 test: opens the office backend on a data folder (which
// upgrades a plaintext office to encryption), says so, and exits. The parent kills it at a
// random moment in between.
import { openBackend } from '../../../services/app';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: upgrade-child <dataDir>');
process.stdout.write('go\n');
const backend = await openBackend({
  dataDir,
  platform: { kind: 'test', appVersion: '0.0.0-test' },
  backupDelayMs: 3600_000,
});
process.stdout.write('ready\n');
backend.close();
process.exit(0);

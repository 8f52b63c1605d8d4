// `npm start [-- --demo]`: the Electron app when its binary is installed; otherwise one line
// saying so, then browser mode (same backend, same UI) at a printed URL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildBrowserMode } from './build-browser';
import { electronBinary } from './lib/electron-binary';

function run(script: string): void {
  const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
const bin = electronBinary();
if (!fs.existsSync(path.resolve('dist/renderer/index.html')) || bin) run('build:renderer');
if (bin) {
  run('build:electron');
  const child = spawn(bin, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'Không có Electron trên máy này (chưa tải bản chạy): mở ISO Xã ở chế độ trình duyệt.',
  );
  const bundle = await buildBrowserMode();
  const child = spawn(process.execPath, [bundle, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

// `npm run dist [-- extra electron-builder options]`: the Windows installer. It refuses to
// start without the province server's URL (scripts/lib/dist-env.ts), says whether the installer
// will be signed, then builds the bundles and runs electron-builder (electron-builder.yml) with
// the URL normalised, so the installed app's app-update.yml points at <url>/v1/updates/.
import { spawnSync } from 'node:child_process';
import { checkDistEnv, PROVINCE_URL_VAR } from './lib/dist-env';

const check = checkDistEnv(process.env);
for (const w of check.warnings) console.warn(`Lưu ý: ${w}`);
if (check.errors.length || !check.provinceUrl) {
  for (const e of check.errors) console.error(`Không tạo bộ cài: ${e}`);
  process.exit(1);
}
console.log(`Máy chủ tỉnh ghi vào bộ cài: ${check.provinceUrl}/v1/updates/`);

const env = { ...process.env, [PROVINCE_URL_VAR]: check.provinceUrl };
const run = (command: string, args: readonly string[]) => {
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npm', ['run', 'build']);
run('npx', ['electron-builder', '--win', '--x64', ...process.argv.slice(2)]);

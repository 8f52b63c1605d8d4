// A desktop backend in its own process for the kill -9 suite: opens the office data folder,
// then receives dossiers and syncs in a loop until the parent kills it.
import { openBackend } from '../../../services/app';
import { DEMO_PASSWORD } from '../../../services/foundation/setup';
import { syncEngineFor } from '../../../services/sync/engine';

const [dataDir, startAt] = process.argv.slice(2);
if (!dataDir || !startAt) throw new Error('usage: crash-client <dataDir> <startAt>');
const started = Date.now();
const backend = await openBackend({
  dataDir,
  platform: { kind: 'test', appVersion: '0.0.0-test' },
  now: () => Number(startAt) + (Date.now() - started),
  backupDelayMs: 3600_000,
});
const call = async (key: string, name: string, input: unknown) => {
  const r = await backend.call(key, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
};
await call('motcua', 'auth.login', { username: 'motcua', password: DEMO_PASSWORD });
const tuphap = await call('tuphap', 'auth.login', { username: 'tuphap', password: DEMO_PASSWORD });
const list = (await call('motcua', 'catalog.list', {})) as unknown as {
  id: string;
  code: string;
}[];
const procedureId = list.find((p) => p.code === '1.001193')?.id ?? '';
const assigneeId = (tuphap.user as { id: string }).id;
const engine = syncEngineFor(dataDir);
Object.assign(engine.tuning, { timeoutMs: 5_000 });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  for (let k = 0; k < 3; k++) {
    await call('motcua', 'dossiers.receive', {
      requestKey: crypto.randomUUID(),
      procedureId,
      applicant: {
        fullName: `Người nộp ${i}-${k}`,
        idKind: 'cccd',
        idNumber: '001099012345',
        address: 'Thôn Đông',
        phone: '0912345678',
        email: '',
      },
      documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
      sets: 1,
      feeVnd: 0,
      channel: 'direct',
      assigneeId,
      note: '',
    });
  }
  const outcome = await engine.run();
  process.stdout.write(`sync ${i} ${outcome.ok ? 'ok' : 'failed'}\n`);
}

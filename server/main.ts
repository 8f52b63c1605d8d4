// `npm run server`: the provincial server. Zero setup: embedded PGlite in .data/server-pglite
// (or memory with --memory) and a demo province; DATABASE_URL points it at PostgreSQL.
// See server/README.md for production (PostgreSQL, TLS, backups).
import { readFileSync } from 'node:fs';
import { passwordProblem } from '../services/passwords';
import { buildApp } from './app';
import { listenProblem, parseConfig } from './config';
import { openDatabase } from './database/connect';
import { DEMO, ensureDemo } from './database/seed';
import { createProvinceUser } from './province/users';
import { ephemeralSealer, loadOrCreateSealer } from './security/seal-key';
import { ephemeralSigner, loadOrCreateSigner } from './security/signing-key';

const config = parseConfig(process.argv.slice(2), process.env);
const problem = listenProblem(config);
if (problem) {
  console.error(problem);
  process.exit(1);
}

const database = await openDatabase(
  config.databaseUrl !== null
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir },
  (error) => console.error('PostgreSQL pool error:', error.message),
);

if (config.createAdmin !== null) {
  const password = process.env.ISOXA_ADMIN_PASSWORD ?? '';
  const problem = await passwordProblem(password, [config.createAdmin]);
  if (problem) {
    console.error(
      `Mật khẩu trong biến môi trường ISOXA_ADMIN_PASSWORD không dùng được: ${problem}`,
    );
    process.exit(1);
  }
  await createProvinceUser(
    database.db,
    { username: config.createAdmin, displayName: config.createAdmin, password },
    Date.now(),
  );
  console.log(`Đã tạo tài khoản cấp tỉnh "${config.createAdmin}".`);
  await database.close();
  process.exit(0);
}

if (config.signingKeyFile === null) {
  console.warn('Không có tệp khóa ký của máy chủ: tệp phản hồi chỉ kiểm được đến khi tắt máy chủ.');
}
const app = await buildApp({
  db: database.db,
  signer:
    config.signingKeyFile === null ? ephemeralSigner() : loadOrCreateSigner(config.signingKeyFile),
  sealer: config.sealKeyFile === null ? ephemeralSealer() : loadOrCreateSealer(config.sealKeyFile),
  updatesDir: config.updatesDir,
  logger: { level: config.logLevel },
  https: config.tls && {
    cert: readFileSync(config.tls.certPath),
    key: readFileSync(config.tls.keyPath),
  },
  trustProxy: config.trustProxy,
});

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

const address = await app.listen({ host: config.host, port: config.port });
app.log.info(
  { address, database: database.kind, dataDir: config.databaseUrl ? null : config.dataDir },
  'ISO Xã provincial server listening',
);
if (config.demo) {
  const demo = await ensureDemo(database.db, Date.now());
  console.log(
    [
      '',
      `  Máy chủ tỉnh (demo): ${address}`,
      `  Tài khoản tỉnh: ${DEMO.username} / ${DEMO.password}`,
      `  ${DEMO.officeName} (${DEMO.agencyCode}) — mã đăng ký máy: ${demo.code}`,
      `  (hết hạn ${new Date(demo.expiresAt).toISOString()}; mỗi lần khởi động cấp mã mới)`,
      '',
    ].join('\n'),
  );
}

// Command line and environment of `npm run server`, and the rule that plain HTTP is only
// served on loopback unless the operator says otherwise.
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** PostgreSQL when set; otherwise embedded PGlite. */
  readonly databaseUrl: string | null;
  /** PGlite directory; null keeps everything in memory. */
  readonly dataDir: string | null;
  readonly demo: boolean;
  readonly tls: { readonly certPath: string; readonly keyPath: string } | null;
  readonly allowPlainHttp: boolean;
  readonly trustProxy: boolean | string;
  readonly logLevel: string;
  /** `--create-admin <username>`: add a province user (password from ISOXA_ADMIN_PASSWORD). */
  readonly createAdmin: string | null;
  /** The server's Ed25519 signing key (PEM); null: a key for this process only (--memory). */
  readonly signingKeyFile: string | null;
  /** The province's X25519 key, which offices seal their sync files and escrows to. */
  readonly sealKeyFile: string | null;
  /** Installers offered to offices (read only); null: no app updates. */
  readonly updatesDir: string | null;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_DIR = '.data/server-pglite';

export const parseConfig = (argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      memory: { type: 'boolean' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'create-admin': { type: 'string' },
      'server-key': { type: 'string' },
      'seal-key': { type: 'string' },
      'updates-dir': { type: 'string' },
    },
    strict: true,
  });
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const certPath = values['tls-cert'] ?? env.ISOXA_TLS_CERT ?? null;
  const keyPath = values['tls-key'] ?? env.ISOXA_TLS_KEY ?? null;
  if ((certPath === null) !== (keyPath === null)) {
    throw new Error('Cần cả chứng chỉ (--tls-cert) và khóa (--tls-key) để bật TLS.');
  }
  const port = Number(values.port ?? env.ISOXA_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Cổng không hợp lệ: ${port}`);
  const trust = env.ISOXA_TRUST_PROXY?.trim();
  const dataDir = values.memory
    ? null
    : (values['data-dir'] ?? env.ISOXA_DATA_DIR ?? DEFAULT_DATA_DIR);
  const updatesDir = values['updates-dir'] ?? env.ISOXA_UPDATES_DIR ?? env.UPDATES_DIR ?? '';
  return {
    host: values.host ?? env.ISOXA_HOST ?? '127.0.0.1',
    port,
    databaseUrl,
    dataDir,
    // Zero setup means a demo province on the embedded database; a real PostgreSQL gets none.
    demo: values['no-demo'] ? false : (values.demo ?? databaseUrl === null),
    tls: certPath !== null && keyPath !== null ? { certPath, keyPath } : null,
    allowPlainHttp: env.ISOXA_ALLOW_PLAIN_HTTP === '1',
    trustProxy: !trust ? false : trust === '1' || trust === 'true' ? true : trust,
    logLevel: env.LOG_LEVEL ?? 'info',
    createAdmin: values['create-admin'] ?? null,
    // Next to the data: the key outlives the database no more than the data does.
    signingKeyFile:
      values['server-key'] ??
      env.ISOXA_SERVER_KEY_FILE ??
      (dataDir === null ? null : path.join(path.dirname(dataDir), 'server-signing-key.pem')),
    sealKeyFile:
      values['seal-key'] ??
      env.ISOXA_SERVER_SEAL_KEY_FILE ??
      (dataDir === null ? null : path.join(path.dirname(dataDir), 'server-seal-key.pem')),
    updatesDir: updatesDir.trim() ? path.resolve(updatesDir.trim()) : null,
  };
};

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

/** Why the server must not listen as configured, or null when it may. */
export const listenProblem = (config: Pick<ServerConfig, 'host' | 'tls' | 'allowPlainHttp'>) => {
  if (config.tls !== null || isLoopback(config.host) || config.allowPlainHttp) return null;
  return (
    `Không mở máy chủ trên ${config.host} bằng HTTP không mã hóa: dữ liệu hồ sơ có thông tin cá nhân. ` +
    'Cấu hình TLS (--tls-cert, --tls-key) hoặc, khi đã có reverse proxy lo TLS phía trước, ' +
    'đặt ISOXA_ALLOW_PLAIN_HTTP=1.'
  );
};

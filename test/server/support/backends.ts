// The databases the server suites run on: PGlite always, PostgreSQL when a URL is given.
// Each PostgreSQL run gets its own throwaway database, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ServerDatabase } from '../../../server/database/connect';
import { openDatabase } from '../../../server/database/connect';

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  /** Why this backend is skipped, or null when it runs. */
  readonly skip: string | null;
  open(): Promise<ServerDatabase>;
}

const pgUrl = process.env.ISOXA_TEST_PG_URL ?? process.env.DATABASE_URL ?? null;

export const pglite: Backend = {
  name: 'pglite',
  skip: null,
  open: () => openDatabase({ kind: 'pglite', dataDir: null }),
};

export const postgres: Backend = {
  name: 'postgres',
  skip: pgUrl
    ? null
    : 'PostgreSQL variant skipped: set ISOXA_TEST_PG_URL (or DATABASE_URL), e.g. postgres://isoxa:isoxa@127.0.0.1:5432/postgres',
  open: async () => {
    if (!pgUrl) throw new Error('no PostgreSQL URL');
    const name = `isoxa_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 8 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const drop = new pg.Client({ connectionString: pgUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  },
};

export const BACKENDS: readonly Backend[] = [pglite, postgres];

if (postgres.skip) console.warn(postgres.skip);

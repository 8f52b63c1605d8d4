// The sync benchmark's province: the real server (buildApp) on 127.0.0.1 over a fresh
// PostgreSQL database of its own, dropped on close, with a province user to issue codes.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../server/app';
import type { ServerDatabase } from '../../server/database/connect';
import { openDatabase } from '../../server/database/connect';
import type { Limits } from '../../server/http/context';
import { createProvinceUser } from '../../server/province/users';
import { TestAdmin } from '../../test/server/support/client';

export interface Province {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  readonly database: ServerDatabase;
  readonly name: string;
  /** The province user (feed publications name their publisher). */
  readonly userId: string;
  /** A new office and a one-time enrollment code for it. */
  office(agencyCode: string, name: string): Promise<{ officeId: string; code: string }>;
  close(): Promise<void>;
}

const ADMIN = { username: 'tinh', password: 'bench-1234', displayName: 'Sở (benchmark)' };

/** Production limits, except enrollment: every bench office enrolls from 127.0.0.1, where
 * a real province sees one address per office (or per NAT). */
export const BENCH_LIMITS: Partial<Limits> = { credentialRateMax: 100_000 };

export function pgUrl(): string {
  const url = process.env.ISOXA_TEST_PG_URL ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'The sync benchmark runs on PostgreSQL: set ISOXA_TEST_PG_URL (source .envrc.sh), e.g. postgres://isoxa:isoxa@127.0.0.1:5432/postgres',
    );
  return url;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startProvince(label: string, poolSize = 20): Promise<Province> {
  const name = `isoxa_bench_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl());
  url.pathname = `/${name}`;
  let database: ServerDatabase | null = null;
  try {
    database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
    const app = await buildApp({ db: database.db, logger: false, limits: BENCH_LIMITS });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const userId = await createProvinceUser(database.db, ADMIN, Date.now());
    const admin = new TestAdmin(address);
    if ((await admin.login(ADMIN.username, ADMIN.password)).status !== 200)
      throw new Error('province login failed');
    const db = database;
    return {
      url: address,
      port: Number(new URL(address).port),
      app,
      database: db,
      name,
      userId,
      office: (agencyCode, officeName) => admin.createOffice(agencyCode, officeName),
      close: async () => {
        await app.close();
        await db.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } catch (error) {
    await database?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
}

/** Agency code n of the bench's offices (the format the contract requires). */
export const agencyCodeOf = (n: number) =>
  `000.${String(Math.floor(n / 100) % 100).padStart(2, '0')}.${String(n % 100).padStart(2, '0')}.H99`;

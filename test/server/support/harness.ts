// Starts the real server on 127.0.0.1 (port 0) over a fresh database, with a province user,
// and offers helpers to set up offices and enrolled devices.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Limits } from '../../../server/http/context';
import { buildApp, type AppOptions } from '../../../server/app';
import type { ServerDatabase } from '../../../server/database/connect';
import { createProvinceUser } from '../../../server/province/users';
import type { Backend } from './backends';
import type { DeviceOptions } from './client';
import { TestAdmin, TestDevice } from './client';

export const ADMIN = { username: 'tinh', password: 'demo1234', displayName: 'Sở' };

export interface Harness {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly database: ServerDatabase;
  readonly admin: TestAdmin;
  /** Moves the server's clock (not the clients'). */
  advance(ms: number): void;
  /** A new office with one enrolled, authenticated device. */
  office(
    agencyCode: string,
    options?: DeviceOptions,
  ): Promise<{ officeId: string; device: TestDevice }>;
  device(officeId: string, options?: DeviceOptions): Promise<TestDevice>;
  /** Row counts and a digest of everything offices and the province wrote. */
  fingerprint(): Promise<string>;
  close(): Promise<void>;
}

/** `shared` reuses another harness's database (and leaves closing it to that harness): a
 * second app with other limits costs no second database start. */
export const startServer = async (
  backend: Backend,
  limits: Partial<Limits> = {},
  shared?: ServerDatabase,
  options: Pick<AppOptions, 'updatesDir' | 'signer' | 'qmsRefresh'> = {},
): Promise<Harness> => {
  const database = shared ?? (await backend.open());
  let offset = 0;
  const app = await buildApp({
    db: database.db,
    logger: false,
    // A loaded 2-core test machine stalls the event loop for over a second at times: the
    // overload guard is tested on its own (limits.test.ts), not tripped by every test.
    limits: {
      rateMax: 1_000_000,
      credentialRateMax: 1_000_000,
      maxEventLoopDelayMs: 60_000,
      ...limits,
    },
    now: () => Date.now() + offset,
    ...options,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  if (!shared) await createProvinceUser(database.db, ADMIN, Date.now());
  const admin = new TestAdmin(address);
  const login = await admin.login(ADMIN.username, ADMIN.password);
  if (login.status !== 200) throw new Error('admin login failed');

  const device = async (officeId: string, options: DeviceOptions = {}) => {
    const code = await admin.newCode(officeId);
    const d = new TestDevice(address, options);
    const enrolled = await d.enroll(code);
    if (enrolled.status !== 200) throw new Error(`enroll: ${JSON.stringify(enrolled.body)}`);
    const auth = await d.authenticate();
    if (auth.status !== 200) throw new Error(`auth: ${JSON.stringify(auth.body)}`);
    return d;
  };

  return {
    url: address,
    app,
    database,
    admin,
    advance: (ms) => {
      offset += ms;
    },
    office: async (agencyCode, options) => {
      const { officeId } = await admin.createOffice(agencyCode, `UBND xã ${agencyCode}`);
      return { officeId, device: await device(officeId, options) };
    },
    device,
    fingerprint: async () => {
      const rows = await database.db.execute(sql`
        select
          (select count(*) from ops)::text || '|' ||
          (select count(*) from entities)::text || '|' ||
          (select count(*) from rejected_ops)::text || '|' ||
          (select count(*) from devices where revoked_at is null)::text || '|' ||
          (select count(*) from offices)::text || '|' ||
          (select count(*) from feed)::text || '|' ||
          (select count(*) from enrollment_codes where used_at is null)::text || '|' ||
          coalesce((select md5(string_agg(op_id::text || row::text, ',' order by server_seq)) from ops), '') || '|' ||
          coalesce((select md5(string_agg(entity_id || row::text || server_seq::text, ',' order by office_id, entity, entity_id)) from entities), '')
          as digest`);
      const [first] = (rows as { rows: { digest: string }[] }).rows;
      return first?.digest ?? '';
    },
    close: async () => {
      await app.close();
      if (!shared) await database.close();
    },
  };
};

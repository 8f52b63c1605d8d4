import { randomBytes } from 'node:crypto';
// Prepared hot queries: one per connection, and run inside a transaction on that connection
// they read its uncommitted rows (loadDossier and the outbox rely on this).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '../../db/open';
import { counters } from '../../db/schema';
import { prepared } from '../../services/prepared';

const opened: { conn: Connection; dir: string }[] = [];
async function connect(): Promise<Connection> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-prepared-'));
  const conn = await openDatabase(path.join(dir, 'isoxa.sqlite'), {
    migrationsDir: path.resolve('db/migrations'),
    key: randomBytes(32),
  });
  opened.push({ conn, dir });
  return conn;
}
afterEach(() => {
  for (const { conn, dir } of opened.splice(0)) {
    conn.sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const counterQuery = (conn: Connection) =>
  prepared(conn.db, 'test.counter', (db) =>
    db
      .select({ last: counters.last })
      .from(counters)
      .where(eq(counters.scope, sql.placeholder('scope')))
      .prepare(),
  );

describe('prepared queries', () => {
  it('are built once per connection, never shared between connections', async () => {
    const a = await connect();
    const b = await connect();
    expect(counterQuery(a)).toBe(counterQuery(a));
    expect(counterQuery(b)).not.toBe(counterQuery(a));
    a.db.insert(counters).values({ scope: 'x', last: 1 }).run();
    b.db.insert(counters).values({ scope: 'x', last: 2 }).run();
    expect(counterQuery(a).get({ scope: 'x' })).toEqual({ last: 1 });
    expect(counterQuery(b).get({ scope: 'x' })).toEqual({ last: 2 });
  });

  it("see the open transaction's rows, and nothing of it after a rollback", async () => {
    const conn = await connect();
    const query = counterQuery(conn);
    expect(() =>
      conn.db.transaction((tx) => {
        tx.insert(counters).values({ scope: 'y', last: 5 }).run();
        expect(query.get({ scope: 'y' })).toEqual({ last: 5 });
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(query.get({ scope: 'y' })).toBeUndefined();
  });
});

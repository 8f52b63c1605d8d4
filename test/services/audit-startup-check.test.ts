// The start-up check of the audit trail reads the whole chain (a million rows after ten years,
// seconds of work): it runs in idle time only, so it never slows the login screen or the desk,
// and an official waiting for its result on the audit screen does not wait for idle time.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import type { Ctx } from '../../services/context';
import { auditTrailHandlers, startAuditCheck } from '../../services/foundation/audit-trail';
import { startSetUpApp, type TestApp } from '../support/backend';

let app: TestApp;
beforeEach(async () => {
  app = await startSetUpApp();
});
afterEach(() => app.close());

const settledWithin = async (p: Promise<unknown>, ms: number): Promise<boolean> => {
  let settled = false;
  void p.finally(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
};

function checkContext() {
  const db = drizzle({ client: app.backend.database(), schema });
  return { db, now: () => app.clock.now, cache: new Map<string, unknown>() };
}

describe('the start-up audit check', () => {
  it('waits while the app is busy and checks the whole chain once it is idle', async () => {
    const ctx = checkContext();
    let idle = false;
    const check = startAuditCheck(ctx, () => idle);
    expect(await settledWithin(check, 700)).toBe(false);
    idle = true;
    const rows = app.backend.database().prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(await check).toMatchObject({ ok: true, checked: rows });
  });

  it('an official asking for its result hurries it', async () => {
    const ctx = checkContext();
    void startAuditCheck(ctx, () => false);
    const verify = auditTrailHandlers['audit.verify'] as (c: Ctx, i: unknown) => Promise<unknown>;
    const answer = verify(ctx as unknown as Ctx, { fresh: false });
    expect(await settledWithin(answer, 2000)).toBe(true);
    expect(await answer).toMatchObject({ ok: true });
  });
});

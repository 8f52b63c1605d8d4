// The escrow of an office's data key (issue #11 item 1): sent sealed to the province with the
// office's token requests, opened only when a province administrator releases it, with a
// reason, to an enrolled PC of the same office, which alone can open what it receives.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { keyringFor } from '../../services/security/keyring';
import { fetchReleasedKeys } from '../../services/sync/escrow';
import { DeviceAuth, SyncHttp } from '../../services/sync/http';
import { identityOf, readState } from '../../services/sync/state';
import type { DeskApp } from '../support/desk';
import { deviceIdOf, enrollDesk, provinceFixture } from '../sync/support/env';

const province = provinceFixture();
const dbOf = (app: DeskApp) => drizzle({ client: app.backend.database(), schema });

describe('the escrow of the data key', () => {
  it('reaches the province sealed, and only an administrator releases it to a PC of the office', async () => {
    const old = await province.office();
    expect((await old.engine.run()).ok).toBe(true);
    const keyId = keyringFor(old.app.dataDir).keyId;
    const listed = await province.h.admin.call('GET', `/v1/admin/offices/${old.officeId}/escrow`);
    expect(listed.body).toMatchObject({ keys: [{ keyId }], releases: [] });

    // A new PC of the same office, and a PC of another office.
    const code = await province.h.admin.newCode(old.officeId);
    const fresh = province.track((await enrollDesk(province.h.url, code)).app);
    const other = await province.office();
    const release = (deviceId: string, cookie = province.h.admin.cookie) =>
      province.h.admin.call('POST', `/v1/admin/offices/${old.officeId}/escrow/release`, {
        body: { keyId, deviceId, reason: 'Máy cũ hỏng ổ cứng, mất mã khôi phục' },
        headers: { cookie },
      });
    expect((await release(deviceIdOf(fresh), '')).status).toBe(401);
    expect((await release(deviceIdOf(other.app))).status).toBe(409);
    expect((await release(deviceIdOf(fresh))).status).toBe(201);
    const after = await province.h.admin.call('GET', `/v1/admin/offices/${old.officeId}/escrow`);
    expect(after.body.releases).toMatchObject([
      { keyId, deviceId: deviceIdOf(fresh), releasedBy: expect.any(String) as unknown },
    ]);

    const keysOf = async (app: DeskApp) => {
      const id = identityOf(readState(dbOf(app)), app.dataDir);
      if (!id) throw new Error('not enrolled');
      const http = new SyncHttp({ baseUrl: province.h.url, appVersion: '0.2.0', timeoutMs: 5_000 });
      return fetchReleasedKeys(http, new DeviceAuth(), id);
    };
    // The new PC opens the office's data key; the other office's PC gets nothing.
    const got = await keysOf(fresh);
    expect(got.get(keyId)?.equals(keyringFor(old.app.dataDir).dataKey)).toBe(true);
    expect((await keysOf(other.app)).size).toBe(0);
  });
});

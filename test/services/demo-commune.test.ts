// setup.demo for another commune (the province demo's several offices, scripts/demo-province.ts):
// the office carries that commune's name and agency code on its forms and codes; a malformed
// agency code is refused and nothing is set up.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp | undefined;
afterEach(() => app?.close());

describe('the demo office of another commune', () => {
  it('takes the commune name and agency code, and refuses a bad code', async () => {
    app = await startTestApp();
    const bad = await app.as('setup')('setup.demo', {
      commune: { name: 'Hòa Bình', agencyCode: 'xã hòa bình' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await app.ok('setup')('app.status', {})).setUp).toBe(false);
    await app.ok('setup')('setup.demo', {
      commune: { name: 'Hòa Bình', agencyCode: '000.00.22.H56' },
    });
    await app.ok('admin')('auth.login', { username: 'admin', password: 'demo1234' });
    expect(await app.ok('admin')('office.get', {})).toMatchObject({
      name: 'UBND xã Hòa Bình',
      agencyCode: '000.00.22.H56',
      commune: 'Xã Hòa Bình',
    });
  });
});

// Dashboard routes need a province session: no cookie, a forged one and a device's own
// credentials are all refused with 401.
import { expect } from 'vitest';
import { send } from './client';

type Route = readonly ['GET' | 'POST', string];

export async function expectSessionRequired(
  url: string,
  device: { authHeaders(): Record<string, string> },
  routes: readonly Route[],
  postBody: unknown,
): Promise<void> {
  for (const [method, p] of routes) {
    const body = method === 'POST' ? { body: postBody } : {};
    expect((await send(url, method, p, body)).status, p).toBe(401);
    const forged = await send(url, method, p, {
      ...body,
      headers: { cookie: 'isoxa_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(forged.status, p).toBe(401);
    const asDevice = await send(url, method, p, { ...body, headers: device.authHeaders() });
    expect(asDevice.status, p).toBe(401);
  }
}

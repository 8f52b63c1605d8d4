import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../../core/contract/index';
import { makeBridge } from '../../electron/preload/bridge';

function recording() {
  const calls: [string, unknown][] = [];
  const bridge = makeBridge((channel, input) => {
    calls.push([channel, input]);
    return Promise.resolve({ ok: true, value: 'from-main' });
  });
  return { bridge, calls };
}

describe('preload bridge', () => {
  it('forwards every contract operation on its own channel', async () => {
    const { bridge, calls } = recording();
    for (const name of OP_NAMES) {
      await expect(bridge.call(name, { a: 1 })).resolves.toEqual({ ok: true, value: 'from-main' });
    }
    expect(calls).toEqual(OP_NAMES.map((name) => [`op:${name}`, { a: 1 }]));
  });

  it.each(['nope.nothing', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', 'app'])(
    'refuses %s without touching IPC',
    async (name) => {
      const { bridge, calls } = recording();
      const result = await bridge.call(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
      expect(calls).toEqual([]);
    },
  );

  it('refuses non-string names', async () => {
    const { bridge, calls } = recording();
    const result = await bridge.call(42 as unknown as string, {});
    expect(result.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('is frozen so the page cannot swap the function', () => {
    expect(Object.isFrozen(recording().bridge)).toBe(true);
  });
});

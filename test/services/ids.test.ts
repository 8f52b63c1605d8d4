// Row and op ids from a pooled random buffer: still valid, unique, time-ordered UUID v7s.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validate, version } from 'uuid';
import { newId } from '../../services/ids';

afterEach(() => vi.useRealTimers());

describe('newId', () => {
  it('makes valid, distinct UUID v7s across many refills of the random pool', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    for (const id of ids.slice(0, 50)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(id[19]).toMatch(/[89ab]/); // RFC 9562 variant
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Ids made one after the other sort in the order they were made (the sequence counts on
    // within a millisecond), so rows ordered by id are in creation order.
    expect([...ids].sort()).toEqual(ids);
  });

  it('stays ordered within one millisecond, across a clock step back, and carries the time', () => {
    // An hour ahead of the ids made so far (the process's state is shared).
    const t = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t);
    const same = Array.from({ length: 300 }, () => newId());
    vi.setSystemTime(t - 5000); // the clock went back
    const back = Array.from({ length: 10 }, () => newId());
    vi.setSystemTime(t + 1);
    const later = newId();
    const all = [...same, ...back, later];
    expect([...all].sort()).toEqual(all);
    expect(parseInt(same[0].replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    expect(parseInt(later.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(t + 1);
  });

  it('uses fresh random bytes for every id (no two share their random tail)', () => {
    const tails = Array.from({ length: 600 }, () => newId().replace(/-/g, '').slice(20));
    expect(new Set(tails).size).toBe(tails.length);
  });
});

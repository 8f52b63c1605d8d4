// A small seeded PRNG (sfc32, seeded through splitmix32) so generated histories are
// reproducible: the same seed gives the same office, byte for byte in content.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  u32(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Exponential with the given mean. */
  exp(mean: number): number;
}

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4_294_967_296;
  return {
    next,
    u32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    exp: (mean) => -mean * Math.log(1 - next()),
  };
}

/** Picks from weighted items by binary search over cumulative weights. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of entries) {
    if (!(weight > 0)) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (!items.length) throw new RangeError('weighted(): no positive weights');
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number): string =>
  (HEX[(n >>> 24) & 255] ?? '') +
  (HEX[(n >>> 16) & 255] ?? '') +
  (HEX[(n >>> 8) & 255] ?? '') +
  (HEX[n & 255] ?? '');

/** A UUIDv7 for the instant `ms` with seeded random bits (RFC 9562 layout). */
export function uuid7(ms: number, rng: Rng): string {
  const t = ms.toString(16).padStart(12, '0');
  const r1 = rng.u32();
  const r2 = rng.u32();
  const r3 = rng.u32();
  const randA = (r1 & 0xfff).toString(16).padStart(3, '0');
  const variant = (((r1 >>> 12) & 0x3fff) | 0x8000).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${randA}-${variant}-${hex32(r2)}${hex32(r3).slice(0, 4)}`;
}

// Row ids and sync op ids: UUID v7 (time-ordered), monotonic within the process like uuid's
// own v7(). uuid asks crypto for 16 random bytes per id; a receive makes nine ids, and that
// one call per id cost more than the rest of the id. Here the random bytes come from a pool
// filled by the same CSPRNG 4 KiB at a time, each byte used once.
import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

function random16(): Uint8Array {
  if (used + 16 > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + 16);
  used += 16;
  return bytes;
}

/** uuid's v7 state, kept here since uuid keeps none when given its random bytes. */
const state = { msecs: -Infinity, seq: 0 };

export function newId(): string {
  const random = random16();
  const now = Date.now();
  if (now > state.msecs) {
    // A new millisecond starts from a random 31-bit counter, as uuid's v7 does.
    state.msecs = now;
    state.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    // Same (or an earlier: the clock went back) millisecond: count on, so ids still sort.
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return uuidv7({ random, msecs: state.msecs, seq: state.seq });
}

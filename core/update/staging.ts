// Staged rollout: which PCs a release is offered to. A PC's place in the rollout is a stable
// hash of its device id mapped to [0, 100); a release at p % reaches the PCs below p, so the
// same PC stays in (or out) every time and raising p only adds PCs. The server decides with
// this function and the desktop gives the same function to electron-updater, so both agree.

/** FNV-1a over the id's UTF-8 bytes, then murmur3's finaliser so near ids spread evenly. */
const hash32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text.trim().toLowerCase())) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** The PC's place in every rollout, in [0, 100). */
export const stagingBucket = (deviceId: string): number => (hash32(deviceId) / 2 ** 32) * 100;

/** Whether a release at `percent` (0-100; null or undefined: everyone) reaches this PC. */
export const inStage = (deviceId: string, percent: number | null | undefined): boolean => {
  if (percent === null || percent === undefined) return true;
  if (!Number.isFinite(percent) || percent <= 0) return false;
  if (percent >= 100) return true;
  return stagingBucket(deviceId) < percent;
};

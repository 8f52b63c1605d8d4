// Two installer-sized files for the differential-update measurement, deterministic from a seed.
// They are built like electron-builder's NSIS installer: a small stub (an .exe with its version
// resource), then the app packed non-solid (electron-builder's differentialPackage), i.e. one
// incompressible compressed stream per packed file with a short header before each. The
// "rebuild" changes what a patch release changes: the version string in the stub, two packed
// files rewritten in place (same size), and one that grows, which shifts everything after it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRng, type Rng } from '../../core/demo/rng';

export interface Change {
  /** Where the change starts in the new file, and its length there (bytes). */
  readonly offset: number;
  readonly length: number;
  readonly kind: 'version' | 'rewrite' | 'insert';
}

export interface InstallerPair {
  readonly oldSize: number;
  readonly newSize: number;
  /** The changed regions, in new-file offsets. */
  readonly changes: readonly Change[];
  /** Bytes of the new file that are not in the old one (the sum of the changes). */
  readonly changedBytes: number;
}

const STUB = 160 * 1024;

/** Incompressible bytes from the seeded generator, like an LZMA stream. */
function noise(rng: Rng, size: number): Buffer {
  const out = Buffer.allocUnsafe(size + 3);
  for (let i = 0; i < size; i += 4) out.writeUInt32LE(rng.u32(), i);
  return out.subarray(0, size);
}

/** The NSIS stub: code-like repetitive bytes, the version resource, then a few tables. */
function stub(rng: Rng, version: string): Buffer {
  const out = Buffer.alloc(STUB);
  const code = noise(rng, 4096);
  for (let at = 0; at < STUB; at += code.length) code.copy(out, at, 0, Math.min(4096, STUB - at));
  out.write('MZ', 0, 'latin1');
  out.write(`ProductVersion\0${version.padEnd(16, '\0')}`, 40_000, 'utf16le');
  return out;
}

interface Member {
  readonly size: number;
  readonly seed: number;
}

/** The packed files: sizes like an Electron app's (a few large, many small), seeded. */
function members(rng: Rng, total: number): Member[] {
  const list: Member[] = [];
  let sum = STUB;
  while (sum < total) {
    const large = rng.chance(0.08);
    const size = Math.min(
      total - sum,
      large ? rng.int(1 << 20, 6 << 20) : Math.max(512, Math.round(rng.exp(96 * 1024))),
    );
    list.push({ size, seed: rng.u32() });
    sum += size + 64;
  }
  return list;
}

function header(index: number, size: number): Buffer {
  const h = Buffer.alloc(64);
  h.write('7zMB', 0, 'latin1');
  h.writeUInt32LE(index, 4);
  h.writeUInt32LE(size, 8);
  return h;
}

/** Writes the file in pieces (80 MB never sits in memory at once); returns its sha512. */
function writeInstaller(
  file: string,
  version: string,
  list: readonly Member[],
  edit: (index: number, body: Buffer, at: number) => Buffer,
): string {
  const fd = fs.openSync(file, 'w');
  const hash = createHash('sha512');
  const put = (b: Buffer) => {
    fs.writeSync(fd, b);
    hash.update(b);
    at += b.length;
  };
  let at = 0;
  try {
    put(stub(createRng(7), version));
    list.forEach((m, i) => {
      const body = edit(i, noise(createRng(m.seed), m.size), at + 64);
      put(header(i, body.length));
      put(body);
    });
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('base64');
}

/**
 * Writes `oldFile` (version 1.1.0) and `newFile` (1.2.0) of about `size` bytes. The new one
 * differs by about `changeRatio` of the size (default 0.5 %): three quarters of it rewritten
 * in two packed files, a quarter inserted into a third, plus the version string.
 */
export function makeInstallerPair(
  oldFile: string,
  newFile: string,
  size: number,
  seed = 20261205,
  changeRatio = 0.005,
): InstallerPair {
  const list = members(createRng(seed), size);
  // Packed files to touch, away from both ends, large enough to hold their change.
  const budget = Math.max(4096, Math.floor(size * changeRatio));
  const rewrite = Math.floor((budget * 3) / 8);
  const insert = budget - 2 * rewrite;
  const pick = (from: number) =>
    list.findIndex((m, i) => i >= Math.floor(list.length * from) && m.size > rewrite * 2);
  const targets = [pick(0.2), pick(0.5), pick(0.75)];
  if (targets.some((t) => t < 0)) throw new Error('installer too small for its change');
  const changes: Change[] = [];
  writeInstaller(oldFile, '1.1.0', list, (_i, body) => body);
  writeInstaller(newFile, '1.2.0', list, (i, body, at) => {
    const r = createRng(i ^ 0x5eed);
    const mid = Math.floor(body.length / 3);
    if (i === targets[0] || i === targets[1]) {
      noise(r, rewrite).copy(body, mid);
      changes.push({ offset: at + mid, length: rewrite, kind: 'rewrite' });
      return body;
    }
    if (i === targets[2]) {
      changes.push({ offset: at + mid, length: insert, kind: 'insert' });
      return Buffer.concat([body.subarray(0, mid), noise(r, insert), body.subarray(mid)]);
    }
    return body;
  });
  // The version resource (UTF-16, "1.1.0" → "1.2.0"): one character of it.
  changes.unshift({ offset: 40_000 + 'ProductVersion\0'.length * 2, length: 6, kind: 'version' });
  return {
    oldSize: fs.statSync(oldFile).size,
    newSize: fs.statSync(newFile).size,
    changes,
    changedBytes: changes.reduce((s, c) => s + c.length, 0),
  };
}

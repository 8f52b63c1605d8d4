// Draws the placeholder app icon (icon.png, 256x256 RGBA): a blue rounded square with a white
// check mark. Built-ins only. Run: node resources/icons/make-icon.mjs
// electron-builder turns a 256x256 PNG into the Windows .ico. Replace with a designed icon.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextEncoder } from 'node:util';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const SS = 4; // supersampling per axis, for smooth edges
const BLUE = [30, 90, 168];
const WHITE = [255, 255, 255];
const CHECK = [
  [68, 134],
  [110, 176],
  [190, 90],
];
const STROKE = 13; // half the check mark's width

function insideRoundedSquare(x, y) {
  const m = 8;
  const r = 52;
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r);
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r);
  return (
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && y >= m && x <= SIZE - m && y <= SIZE - m
  );
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onCheck(x, y) {
  return (
    distanceToSegment(x, y, CHECK[0], CHECK[1]) <= STROKE ||
    distanceToSegment(x, y, CHECK[1], CHECK[2]) <= STROKE
  );
}

const raw = new Uint8Array(SIZE * (SIZE * 4 + 1)); // each row: filter byte 0 + RGBA
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    let cover = 0;
    let white = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const px = x + (sx + 0.5) / SS;
        const py = y + (sy + 0.5) / SS;
        if (!insideRoundedSquare(px, py)) continue;
        cover++;
        if (onCheck(px, py)) white++;
      }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const w = cover === 0 ? 0 : white / cover;
    for (let c = 0; c < 3; c++) raw[o + c] = Math.round(BLUE[c] * (1 - w) + WHITE[c] * w);
    raw[o + 3] = Math.round((255 * cover) / (SS * SS));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const header = new Uint8Array(13);
const hv = new DataView(header.buffer);
hv.setUint32(0, SIZE);
hv.setUint32(4, SIZE);
header.set([8, 6, 0, 0, 0], 8); // 8-bit depth, RGBA, deflate, no filter, no interlace

const parts = [
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', new Uint8Array(0)),
];
const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
let at = 0;
for (const p of parts) {
  png.set(p, at);
  at += p.length;
}
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'icon.png'), png);

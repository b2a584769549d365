// Draws the Kernel Workbench icon (a chip with a shell prompt) into icon.png, 512x512 RGBA, with zlib only: `node resources/icons/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SS = 4; // supersampling per axis

/** Signed distance to a rounded rectangle centred at (cx, cy). */
const roundRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r, qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
/** Signed distance to a segment of half-width w. */
const segment = (x, y, ax, ay, bx, by, w) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - w;
};

const BG = [17, 21, 28], CHIP = [38, 50, 66], EDGE = [96, 125, 160], PIN = [150, 170, 195], PROMPT = [80, 220, 120];

/** Colour of one sample point, or null outside the icon. */
function sample(x, y) {
  if (roundRect(x, y, 256, 256, 240, 240, 96) > 0) return null;
  let c = BG;
  for (let i = 0; i < 5; i++) {
    const t = 146 + i * 55;
    if (roundRect(x, y, t, 76, 10, 26, 5) < 0 || roundRect(x, y, t, 436, 10, 26, 5) < 0 ||
        roundRect(x, y, 76, t, 26, 10, 5) < 0 || roundRect(x, y, 436, t, 26, 10, 5) < 0) c = PIN;
  }
  const chip = roundRect(x, y, 256, 256, 160, 160, 28);
  if (chip < 0) c = chip > -10 ? EDGE : CHIP;
  if (segment(x, y, 170, 190, 240, 256, 17) < 0 || segment(x, y, 240, 256, 170, 322, 17) < 0) c = PROMPT;
  if (roundRect(x, y, 312, 318, 50, 15, 6) < 0) c = PROMPT;
  return c;
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const c = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    if (a) { raw[o] = Math.round(r / a); raw[o + 1] = Math.round(g / a); raw[o + 2] = Math.round(b / a); }
    raw[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0); ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA, no interlace
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);

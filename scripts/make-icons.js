#!/usr/bin/env node
// Draws the app's icons (the ◐ of the top bar, white and brand blue) as PNG files for the web
// app's manifest, the iPhone home screen and the notification badge, with Node's zlib alone:
// `node scripts/make-icons.js` writes web/public/icons/. The files are committed; run it again
// only to change the drawing.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';
import console from 'node:console';
import { deflateSync } from 'node:zlib';

const BRAND = [0x1d, 0x4f, 0x91];
const WHITE = [0xff, 0xff, 0xff];

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of size × size whose pixels `paint(x, y)` gives (x, y from 0 to 1, at the pixel's centre, 4× supersampled). */
function png(size, paint) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const [r, g, b, a] = paint((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      const alpha = sum[3] / 16;
      const at = 1 + x * 4;
      row[at] = alpha ? Math.round(sum[0] / sum[3]) : 0;
      row[at + 1] = alpha ? Math.round(sum[1] / sum[3]) : 0;
      row[at + 2] = alpha ? Math.round(sum[2] / sum[3]) : 0;
      row[at + 3] = Math.round(alpha * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The ◐: a ring and its left half filled, centred, of the given radius (as a share of the icon). */
function halfMoon(x, y, radius, ink, background) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const d = Math.hypot(dx, dy);
  const ring = radius * 0.14;
  if (d <= radius && (d >= radius - ring || dx <= 0)) return [...ink, 1];
  return background ? [...background, 1] : [0, 0, 0, 0];
}

const out = new URL('../web/public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
// "any": the blue square with rounded corners and the white ◐; "maskable": the same on a full bleed, inside the 80 % safe zone.
const rounded = (x, y, r) => {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
};
for (const size of [192, 512]) {
  writeFileSync(
    new URL(`icon-${size}.png`, out),
    png(size, (x, y) => (rounded(x, y, 0.18) ? halfMoon(x, y, 0.3, WHITE, BRAND) : [0, 0, 0, 0])),
  );
  writeFileSync(
    new URL(`maskable-${size}.png`, out),
    png(size, (x, y) => halfMoon(x, y, 0.26, WHITE, BRAND)),
  );
}
writeFileSync(
  new URL('apple-touch-icon-180.png', out),
  png(180, (x, y) => halfMoon(x, y, 0.3, WHITE, BRAND)),
);
// The notification badge: a monochrome shape on transparency (Android draws it in one colour).
writeFileSync(
  new URL('badge-96.png', out),
  png(96, (x, y) => halfMoon(x, y, 0.42, WHITE, null)),
);
writeFileSync(
  new URL('favicon-32.png', out),
  png(32, (x, y) => (rounded(x, y, 0.18) ? halfMoon(x, y, 0.32, WHITE, BRAND) : [0, 0, 0, 0])),
);
console.log(`icons written to ${out.pathname}`);

/* global console */
// Draws the app icon (a red rounded square with a yellow five-pointed star) as SVG and as PNGs for
// electron-builder: build/icon.png (512 px, Windows .ico is made from it) and build/icons/NxN.png
// (Linux). Pure code, no image tools: `node build/make-icons.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { Buffer } from 'node:buffer';

const here = path.dirname(fileURLToPath(import.meta.url));
const RED = [200, 16, 46];
const YELLOW = [255, 205, 0];
const RADIUS = 0.18; // corner radius, fraction of the side

/** Star points in unit coordinates (centre 0.5, 0.52). */
function starPoints() {
  const points = [];
  for (let i = 0; i < 10; i += 1) {
    const r = i % 2 === 0 ? 0.34 : 0.34 * 0.382;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([0.5 + r * Math.cos(angle), 0.53 + r * Math.sin(angle)]);
  }
  return points;
}
const STAR = starPoints();

function insidePolygon(x, y, polygon) {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), 1 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 1 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

function render(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let red = 0;
      let star = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!insideRoundedSquare(x, y)) continue;
          if (insidePolygon(x, y, STAR)) star += 1;
          else red += 1;
        }
      }
      const total = samples * samples;
      const alpha = (red + star) / total;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) {
        pixels[offset + c] = alpha === 0 ? 0 : Math.round((RED[c] * red + YELLOW[c] * star) / (red + star));
      }
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const points = STAR.map(([x, y]) => `${(x * 512).toFixed(1)},${(y * 512).toFixed(1)}`).join(' ');
  const r = RADIUS * 512;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <title>Một cửa</title>
  <rect width="512" height="512" rx="${r}" ry="${r}" fill="rgb(${RED.join(',')})"/>
  <polygon points="${points}" fill="rgb(${YELLOW.join(',')})"/>
</svg>
`;
}

mkdirSync(path.join(here, 'icons'), { recursive: true });
writeFileSync(path.join(here, 'icon.svg'), svg());
writeFileSync(path.join(here, 'icon.png'), encodePng(512, render(512)));
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(path.join(here, 'icons', `${size}x${size}.png`), encodePng(size, render(size)));
}
console.log('build/icon.svg, build/icon.png and build/icons/*.png written');

// The app icons as PNG, drawn from the favicon's design (assets/favicon.svg: a blue rounded square,
// a white "P", a yellow dot) with Node's built-ins only: shapes as distance tests, 4×4
// supersampling for smooth edges, zlib for the PNG. Deterministic: the same bytes every build.
//
// "any" icons are the favicon itself; "maskable" icons fill the whole square with the blue and
// shrink the glyph into the safe zone (the centre circle of 80% diameter that every mask keeps).
//
// Usage: node scripts/icons.mjs OUT_DIR   (writes icon-192.png, icon-512.png, maskable-*.png)
// The post-build hook (scripts/precache.mjs) calls `writeIcons` for every build.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";

const BLUE = [0x1f, 0x4f, 0xd1];
const WHITE = [0xff, 0xff, 0xff];
const YELLOW = [0xff, 0xd1, 0x66];

/** The icons a build ships: file name, size, purpose. */
export const ICONS = [
  { name: "icon-192.png", size: 192, maskable: false },
  { name: "icon-512.png", size: 512, maskable: false },
  { name: "maskable-192.png", size: 192, maskable: true },
  { name: "maskable-512.png", size: 512, maskable: true },
];

// Distance from (x, y) to the segment (ax, ay)–(bx, by).
function segment(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

// Distance to the outline of the "P" in the favicon's 64×64 box:
// M20 46 V18 h14 a10 10 0 0 1 0 20 h-6 v8 z (its bowl is the right half of a circle at (34, 28)).
function pDistance(x, y) {
  const bowl = x >= 34 ? Math.abs(Math.hypot(x - 34, y - 28) - 10) : Math.min(Math.hypot(x - 34, y - 18), Math.hypot(x - 34, y - 38));
  return Math.min(
    segment(x, y, 20, 46, 20, 18),
    segment(x, y, 20, 18, 34, 18),
    bowl,
    segment(x, y, 34, 38, 28, 38),
    segment(x, y, 28, 38, 28, 46),
    segment(x, y, 28, 46, 20, 46),
  );
}

// The colour at a point of the 64×64 design, or null where it is transparent.
function colourAt(x, y, maskable) {
  if (maskable) {
    // Full bleed; the glyph scaled by 0.8 about the centre stays inside the safe zone.
    const gx = 32 + (x - 32) / 0.8;
    const gy = 32 + (y - 32) / 0.8;
    if (Math.hypot(gx - 46, gy - 46) <= 4) return YELLOW;
    if (pDistance(gx, gy) <= 3) return WHITE;
    return BLUE;
  }
  if (x < 0 || y < 0 || x > 64 || y > 64) return null;
  const qx = Math.max(Math.abs(x - 32) - 18, 0);
  const qy = Math.max(Math.abs(y - 32) - 18, 0);
  if (qx * qx + qy * qy > 14 * 14) return null; // outside the rounded square (rx = 14)
  if (Math.hypot(x - 46, y - 46) <= 4) return YELLOW;
  if (pDistance(x, y) <= 3) return WHITE;
  return BLUE;
}

/** RGBA pixels of one icon. */
export function drawIcon(size, maskable) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 64;
          const y = ((py + (sy + 0.5) / samples) / size) * 64;
          const c = colourAt(x, y, maskable);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        pixels[at] = Math.round(r / a);
        pixels[at + 1] = Math.round(g / a);
        pixels[at + 2] = Math.round(b / a);
      }
      pixels[at + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no filtering). */
export function encodePng(size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Writes every icon into `dir`. */
export async function writeIcons(dir) {
  await mkdir(dir, { recursive: true });
  for (const icon of ICONS) {
    await writeFile(join(dir, icon.name), encodePng(icon.size, drawIcon(icon.size, icon.maskable)));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = "icons"] = process.argv.slice(2);
  await writeIcons(dir);
  console.log(`wrote ${ICONS.map((i) => i.name).join(", ")} to ${dir}`);
}

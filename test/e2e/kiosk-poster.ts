// A small poster for the kiosk's browser test, drawn here as a PNG (no image files in the
// repository, no image library): a night sky over a marquee-yellow horizon with a round moon.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG of `width` × `height` whose pixel (x, y) is `paint(x, y)`. */
export function png(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) rows.set(paint(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/** A 2:3 poster, 360 × 540. */
export function posterPng(): Buffer {
  const width = 360;
  const height = 540;
  return png(width, height, (x, y) => {
    const moon = Math.hypot(x - 250, y - 150) < 56;
    if (moon) return [246, 236, 206];
    const horizon = height * 0.72 + Math.sin(x / 40) * 10;
    if (y > horizon) {
      const t = (y - horizon) / (height - horizon);
      return [mix(255, 120, t), mix(178, 40, t), mix(31, 20, t)];
    }
    const t = y / horizon;
    return [mix(18, 96, t), mix(16, 34, t), mix(46, 84, t)];
  });
}

import { deflateSync } from 'node:zlib';

/**
 * A tiny raster canvas that writes PNG: enough to draw the ecomap for the DOCX (Word takes PNG;
 * no headless browser or native image library is needed on the server). Shapes, thick and dashed
 * lines, arrowheads and digits (a 3x5 bitmap font): names go in the legend beside the image, as
 * text the reader can search and copy.
 */
export type Rgb = readonly [number, number, number];

const DIGITS: Record<string, string> = {
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '111001111100111',
  '3': '111001111001111',
  '4': '101101111001001',
  '5': '111100111001111',
  '6': '111100111101111',
  '7': '111001001001001',
  '8': '111101111101111',
  '9': '111101111001111',
};

export class Raster {
  readonly data: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) this.data.set(background, i * 3);
  }

  pixel(x: number, y: number, c: Rgb): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    this.data.set(c, (py * this.width + px) * 3);
  }

  /** A disc of radius r: the pen for thick lines too. */
  disc(cx: number, cy: number, r: number, c: Rgb): void {
    for (let y = -r; y <= r; y++) for (let x = -r; x <= r; x++) if (x * x + y * y <= r * r) this.pixel(cx + x, cy + y, c);
  }

  ring(cx: number, cy: number, r: number, width: number, c: Rgb): void {
    const outer = r + width / 2;
    const inner = r - width / 2;
    for (let y = -Math.ceil(outer); y <= outer; y++)
      for (let x = -Math.ceil(outer); x <= outer; x++) {
        const d = Math.sqrt(x * x + y * y);
        if (d <= outer && d >= inner) this.pixel(cx + x, cy + y, c);
      }
  }

  /** An ellipse outline, drawn as short segments. */
  ellipse(cx: number, cy: number, rx: number, ry: number, width: number, c: Rgb): void {
    const steps = Math.max(24, Math.ceil((rx + ry) / 2));
    for (let i = 0; i < steps; i++) {
      const a = (i / steps) * 2 * Math.PI;
      const b = ((i + 1) / steps) * 2 * Math.PI;
      this.line(cx + rx * Math.cos(a), cy + ry * Math.sin(a), cx + rx * Math.cos(b), cy + ry * Math.sin(b), width, c);
    }
  }

  rect(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
    for (let y = Math.round(y0); y <= y1; y++) for (let x = Math.round(x0); x <= x1; x++) this.pixel(x, y, c);
  }

  /** A line of the given width; `dash` = [on, off] in pixels along the line. */
  line(x0: number, y0: number, x1: number, y1: number, width: number, c: Rgb, dash?: [number, number]): void {
    const length = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(1, Math.ceil(length));
    const r = Math.max(0, Math.floor(width / 2));
    for (let i = 0; i <= steps; i++) {
      if (dash && i % (dash[0] + dash[1]) >= dash[0]) continue;
      const t = i / steps;
      this.disc(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, r, c);
    }
  }

  /** A filled triangle (arrowheads), by scanning its bounding box. */
  triangle(a: [number, number], b: [number, number], d: [number, number], c: Rgb): void {
    const minX = Math.floor(Math.min(a[0], b[0], d[0]));
    const maxX = Math.ceil(Math.max(a[0], b[0], d[0]));
    const minY = Math.floor(Math.min(a[1], b[1], d[1]));
    const maxY = Math.ceil(Math.max(a[1], b[1], d[1]));
    const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    for (let y = minY; y <= maxY; y++)
      for (let x = minX; x <= maxX; x++) {
        const s1 = side(a, b, x, y);
        const s2 = side(b, d, x, y);
        const s3 = side(d, a, x, y);
        if ((s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)) this.pixel(x, y, c);
      }
  }

  /** Digits centred on (cx, cy), `scale` pixels per font dot. */
  number(text: string, cx: number, cy: number, scale: number, c: Rgb): void {
    const glyphs = [...text].filter((ch) => DIGITS[ch]);
    const w = glyphs.length * 4 * scale - scale;
    let x0 = Math.round(cx - w / 2);
    const y0 = Math.round(cy - (5 * scale) / 2);
    for (const ch of glyphs) {
      const bits = DIGITS[ch]!;
      for (let i = 0; i < 15; i++) if (bits[i] === '1') this.rect(x0 + (i % 3) * scale, y0 + Math.floor(i / 3) * scale, x0 + (i % 3) * scale + scale - 1, y0 + Math.floor(i / 3) * scale + scale - 1, c);
      x0 += 4 * scale;
    }
  }

  toPng(): Buffer {
    const rowBytes = this.width * 3;
    const raw = Buffer.alloc((rowBytes + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (rowBytes + 1)] = 0; // filter: none
      this.data.copy(raw, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: RGB
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * A small PNG writer for the charts' fallback pictures (Word shows the SVG; a reader that cannot
 * draws this instead). Indexed colour, 8 bits a pixel, and "stored" deflate blocks: no compression
 * library, and the same bytes in a browser and in Node. Pictures are a few hundred kilobytes at
 * most, which a board paper carries easily.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks carry it (ISO 3309): "IEND" gives 0xae426082. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream of stored (uncompressed) deflate blocks, as RFC 1950 and 1951 allow. */
function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let i = 0; i < blocks; i++) {
    const start = i * 65535;
    const len = Math.min(65535, data.length - start);
    out[o++] = i === blocks - 1 ? 1 : 0;
    out[o++] = len & 0xff;
    out[o++] = len >>> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >>> 8) & 0xff;
    out.set(data.subarray(start, start + len), o);
    o += len;
  }
  const adler = adler32(data);
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o] = adler & 0xff;
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An indexed-colour picture: `pixels[y * width + x]` is an index into `palette` (#rrggbb). */
export type IndexedImage = {
  readonly width: number;
  readonly height: number;
  readonly palette: readonly string[];
  readonly pixels: Uint8Array;
};

export function encodePng(img: IndexedImage): Uint8Array {
  if (img.palette.length === 0 || img.palette.length > 256)
    throw new RangeError('A PNG palette holds 1 to 256 colours.');
  if (img.pixels.length !== img.width * img.height)
    throw new RangeError('The pixels do not fill the picture.');
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, img.width);
  hv.setUint32(4, img.height);
  header[8] = 8; // bits per index
  header[9] = 3; // indexed colour
  const palette = new Uint8Array(img.palette.length * 3);
  img.palette.forEach((hex, i) => {
    const n = Number.parseInt(hex.replace('#', ''), 16);
    palette[i * 3] = n >>> 16;
    palette[i * 3 + 1] = (n >>> 8) & 0xff;
    palette[i * 3 + 2] = n & 0xff;
  });
  // Each row starts with its filter type, 0: none.
  const raw = new Uint8Array(img.height * (img.width + 1));
  for (let y = 0; y < img.height; y++)
    raw.set(img.pixels.subarray(y * img.width, (y + 1) * img.width), y * (img.width + 1) + 1);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

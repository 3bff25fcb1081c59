import { describe, expect, it } from '@jest/globals';
import { PNG } from 'pngjs';
import { crc32, encodePng } from './png.js';

describe('the PNG writer', () => {
  it('computes the CRC that PNG chunks carry', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('writes a picture an independent decoder reads pixel for pixel, over several stored blocks', () => {
    // 300 x 300 at a byte a pixel is more than one 65,535-byte stored block.
    const width = 300;
    const height = 300;
    const pixels = new Uint8Array(width * height).map((_, i) =>
      i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0,
    );
    const png = PNG.sync.read(
      Buffer.from(encodePng({ width, height, palette: ['#ffffff', '#102030', '#c23b22'], pixels })),
    );
    expect([png.width, png.height]).toEqual([300, 300]);
    const at = (i: number) => [...png.data.subarray(i * 4, i * 4 + 4)];
    expect(at(0)).toEqual([0xc2, 0x3b, 0x22, 255]);
    expect(at(3)).toEqual([0x10, 0x20, 0x30, 255]);
    expect(at(1)).toEqual([255, 255, 255, 255]);
    // 89,997 is a multiple of 3 and not of 7: the second colour.
    expect(at(89_997)).toEqual([0x10, 0x20, 0x30, 255]);
  });

  it('refuses a palette or pixels that do not fit', () => {
    expect(() =>
      encodePng({ width: 1, height: 1, palette: [], pixels: new Uint8Array(1) }),
    ).toThrow('A PNG palette holds 1 to 256 colours.');
    expect(() =>
      encodePng({
        width: 1,
        height: 1,
        palette: Array.from({ length: 257 }, () => '#000000'),
        pixels: new Uint8Array(1),
      }),
    ).toThrow('A PNG palette holds 1 to 256 colours.');
    expect(() =>
      encodePng({ width: 2, height: 2, palette: ['#000000'], pixels: new Uint8Array(3) }),
    ).toThrow('The pixels do not fill the picture.');
  });
});

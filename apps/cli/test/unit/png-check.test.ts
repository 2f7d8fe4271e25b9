import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { decodePng, encodeGrayPng } from '../../src/image/png.js';
import { MAX_PIXELS } from '../../src/image/png-check.js';

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(
  width: number,
  height: number,
  depth: number,
  colour: number,
  raw: Uint8Array,
  interlace = 0,
) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([depth, colour, 0, 0, interlace], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

describe('PNG structure checks before decoding', () => {
  it('refuses a header pngjs would size zlib buffers from (found by the fuzzer: Node aborted)', () => {
    // 2^31 - 1 × 65,536 pixels of 4-bit RGBA: pngjs's inflate tripped an assertion in Node's
    // zlib binding and the process died with SIGABRT.
    const input = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUn////8AAQAABAYAAABiMA3nAAAACElEQVR42gMAAAAAAW/dyZEAAAAASUVORK5CYII=',
      'base64',
    );
    expect(() => decodePng(input, 'crash.png')).toThrow(CliError);
  });

  it('refuses a decompression bomb from its header, before inflating anything', () => {
    // 20,000 × 20,000 one-bit pixels deflate to 49 kB; decoded they took 1.6 GB and 95 s. The
    // header alone decides, so the image data here is a token.
    const side = 20_000;
    const bomb = png(side, side, 1, 0, new Uint8Array(64));
    const start = performance.now();
    expect(() => decodePng(bomb, 'bomb.png')).toThrow(
      /bomb.png: the image is 20000×20000 pixels; predict takes at most 4,194,304 pixels/,
    );
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(MAX_PIXELS).toBe(2048 * 2048);
  });

  it('refuses image data that inflates to more or less than the header needs', () => {
    expect(() => decodePng(png(2, 2, 8, 0, new Uint8Array(7)), 'long.png')).toThrow(
      /long.png: not a valid PNG image \(its image data inflates to more than the 6 bytes 2×2 pixels need\)/,
    );
    expect(() => decodePng(png(2, 2, 8, 0, new Uint8Array(5)), 'short.png')).toThrow(
      /its image data holds 5 bytes, 2×2 pixels need 6/,
    );
  });

  it('refuses impossible depths, chunks past the end and a missing signature', () => {
    expect(() => decodePng(png(2, 2, 3, 0, new Uint8Array(6)), 'a.png')).toThrow(
      /colour type 0 with bit depth 3 does not exist/,
    );
    const cut = png(2, 2, 8, 0, new Uint8Array(6)).subarray(0, 40);
    expect(() => decodePng(cut, 'b.png')).toThrow(/b.png: not a valid PNG image/);
    expect(() => decodePng(new Uint8Array(10), 'c.png')).toThrow(/PNG signature/);
  });

  it('still decodes valid images, interlaced ones too', () => {
    const plain = decodePng(encodeGrayPng([0, 1, 0.5, 1], 2, 2), 'ok.png');
    expect([plain.width, plain.height]).toEqual([2, 2]);
    // 3 × 3 grey, Adam7: passes of 1×1, 1×1, 2×1, 1×2 and 3×1 pixels, each row with a filter
    // byte: 2 + 2 + 3 + 4 + 4 = 15 bytes.
    const raw = new Uint8Array(15).fill(255);
    for (const at of [0, 2, 4, 7, 9, 11]) raw[at] = 0;
    const interlaced = decodePng(png(3, 3, 8, 0, raw, 1), 'adam7.png');
    expect([interlaced.width, interlaced.height]).toEqual([3, 3]);
    expect(Array.from(interlaced.pixels)).toEqual(new Array(9).fill(1));
  });
});

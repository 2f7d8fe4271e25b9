// PNG files for the fuzzer: images encoded by pngjs from random pixels in every colour type it
// writes, then mutated (the signature, each chunk's length, type, data and CRC); and files
// built chunk by chunk that lie: IHDR dimensions up to 2^31 - 1, bit depths and colour types
// that do not exist, IDAT streams that inflate to far more or less than the header promises
// (a few kilobytes that claim a gigapixel), missing or repeated chunks.
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { concat, mutated, type Sample } from '../mutations.js';

const SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

export function chunk(type: string, data: Uint8Array, crcLie = 0): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length, false);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, (crc32(out.subarray(4, 8 + data.length)) + crcLie) >>> 0, false);
  return out;
}

export function ihdr(
  width: number,
  height: number,
  depth: number,
  colorType: number,
  interlace = 0,
) {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width, false);
  view.setUint32(4, height, false);
  data.set([depth, colorType, 0, 0, interlace], 8);
  return chunk('IHDR', data);
}

/** Random small images as pngjs writes them; boundaries at every chunk's fields. */
export const validPng: fc.Arbitrary<Sample> = fc
  .record({
    width: fc.integer({ min: 1, max: 40 }),
    height: fc.integer({ min: 1, max: 40 }),
    colorType: fc.constantFrom(0, 2, 4, 6),
    seed: fc.nat(),
    blob: fc.boolean(),
  })
  .map(({ width, height, colorType, seed, blob }) => {
    const png = new PNG({ width, height });
    // A light background with a dark blob (a "digit"), or noise.
    for (let i = 0; i < width * height; i++) {
      const x = i % width;
      const y = Math.floor(i / width);
      const inBlob = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (width * height) / 16;
      const v = blob ? (inBlob ? 20 : 235) : (seed * (i + 1) * 2654435761) >>> 24;
      png.data.set([v, v, (v + seed) & 0xff, 255 - ((seed + i) & 0x3f)], 4 * i);
    }
    const bytes = new Uint8Array(PNG.sync.write(png, { colorType }));
    return { bytes, boundaries: chunkBoundaries(bytes) };
  });

function chunkBoundaries(bytes: Uint8Array): number[] {
  const out = [0, 8];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 8 <= bytes.length && out.length < 64; ) {
    const length = view.getUint32(at, false);
    out.push(at + 4, at + 8, at + 8 + length, at + 12 + length);
    at += 12 + length;
  }
  return out;
}

const deflatedZeros = new Map<number, Uint8Array>();
/** zlib data of `n` zero bytes, memoised: a bomb costs its maker once. */
function zeros(n: number): Uint8Array {
  let z = deflatedZeros.get(n);
  if (z === undefined) {
    z = new Uint8Array(deflateSync(new Uint8Array(n), { level: 9 }));
    deflatedZeros.set(n, z);
  }
  return z;
}

/** Hand-built files whose header lies about their size, depth or layout. */
const lyingPng = fc
  .record({
    width: fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.constantFrom(2 ** 31 - 1, 2 ** 31, 0xffffffff, 65_536, 30_000),
    ),
    height: fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.constantFrom(2 ** 31 - 1, 1, 65_536, 30_000),
    ),
    depth: fc.constantFrom(1, 2, 4, 8, 16, 0, 3, 32),
    colorType: fc.constantFrom(0, 2, 3, 4, 6, 1, 7),
    interlace: fc.constantFrom(0, 0, 1, 2),
    // The inflated size the IDAT holds, as a share of what the header needs.
    share: fc.constantFrom(0, 0.5, 1, 1, 2),
    palette: fc.boolean(),
    crcLie: fc.constantFrom(0, 0, 0, 1),
    idatCount: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ width, height, depth, colorType, interlace, share, palette, crcLie, idatCount }) => {
    const channels = [1, 0, 3, 1, 2, 0, 4][colorType] ?? 1;
    const rowBytes = 1 + Math.ceil((width * channels * depth) / 8);
    // Bombs are capped at 64 MiB of zeros to keep the generator quick; the header may claim more.
    const inflated = Math.min(64 * 2 ** 20, Math.floor(rowBytes * height * share));
    const idat = zeros(inflated);
    const parts = [SIGNATURE, ihdr(width, height, depth, colorType, interlace)];
    if (palette) parts.push(chunk('PLTE', new Uint8Array(3 * 4).fill(200)));
    const piece = Math.ceil(idat.length / Math.max(1, idatCount));
    for (let k = 0; k < idatCount; k++) {
      parts.push(chunk('IDAT', idat.subarray(k * piece, (k + 1) * piece), k === 0 ? crcLie : 0));
    }
    parts.push(chunk('IEND', new Uint8Array(0)));
    return concat(...parts);
  });

export const pngInputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 2, arbitrary: validPng.map((s) => s.bytes) },
  { weight: 5, arbitrary: mutated(validPng) },
  { weight: 2, arbitrary: lyingPng },
);

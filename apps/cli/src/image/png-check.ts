// Checks a PNG's structure before pngjs decodes it. pngjs trusts the header: it sizes zlib's
// buffers from the declared width and height (2^31 - 1 × 65,536 makes Node's zlib binding abort
// the process), inflates interlaced images with no limit, and allocates width × height × 4
// bytes for the pixels whatever the file's size (a 49 kB file can declare 20,000 × 20,000 and
// take 1.6 GB and a minute and a half). Here the header is read and bounded, and the image data
// is inflated once with a cap equal to the size the header implies, so pngjs only ever sees a
// stream that inflates to exactly what it expects.
import { inflateSync } from 'node:zlib';
import { CliError } from '../errors.js';

/**
 * The largest image `predict` takes: 2048 × 2048, far more than a digit needs. Decoding is
 * linear in the pixels, and at 4096 × 4096 a 16 kB file of zeros took 9 s on a loaded machine.
 */
export const MAX_PIXELS = 2048 * 2048;

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Bit depths allowed for each colour type (PNG specification, table 11.1). */
const DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7's passes: first column and row, and the steps between them. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export interface PngHeader {
  readonly width: number;
  readonly height: number;
}

export function checkPng(bytes: Uint8Array, file: string): PngHeader {
  const fail = (what: string) => new CliError(`${file}: not a valid PNG image (${what})`);
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw fail('it does not start with the PNG signature');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let header:
    | {
        width: number;
        height: number;
        depth: number;
        colour: number;
        compression: number;
        filter: number;
        interlace: number;
      }
    | undefined;
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw fail(`the chunk at byte ${at} is cut short`);
    const length = view.getUint32(at, false);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (length > 2 ** 31 - 1 || end > bytes.length) {
      throw fail(
        `the ${JSON.stringify(type)} chunk at byte ${at} declares ${length} bytes, past the end of the file`,
      );
    }
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (header === undefined) {
      if (type !== 'IHDR' || length !== 13) throw fail('the first chunk is not a 13-byte IHDR');
      header = {
        width: view.getUint32(at + 8, false),
        height: view.getUint32(at + 12, false),
        depth: data[8]!,
        colour: data[9]!,
        compression: data[10]!,
        filter: data[11]!,
        interlace: data[12]!,
      };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at = end;
  }
  const { width, height, depth, colour, compression, filter, interlace } = header;
  if (width === 0 || height === 0 || width > 2 ** 31 - 1 || height > 2 ** 31 - 1) {
    throw fail(`its header declares ${width}×${height} pixels`);
  }
  if (width * height > MAX_PIXELS) {
    throw new CliError(
      `${file}: the image is ${width}×${height} pixels; predict takes at most ${MAX_PIXELS.toLocaleString('en-US')} pixels (2048×2048): scale it down first`,
    );
  }
  if (!DEPTHS[colour]?.includes(depth)) {
    throw fail(`colour type ${colour} with bit depth ${depth} does not exist`);
  }
  if (compression !== 0 || filter !== 0 || interlace > 1) {
    throw fail(
      `compression ${compression}, filter ${filter} and interlace ${interlace} are not all known methods`,
    );
  }
  const expected = imageDataSize(width, height, CHANNELS[colour]! * depth, interlace === 1);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(concat(idat), { maxOutputLength: expected });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw fail(
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `its image data inflates to more than the ${expected} bytes ${width}×${height} pixels need`
        : `its image data is not a valid zlib stream: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (inflated.length !== expected) {
    throw fail(
      `its image data holds ${inflated.length} bytes, ${width}×${height} pixels need ${expected}`,
    );
  }
  return { width, height };
}

/** The inflated size of the image data: each row is a filter byte and its packed pixels. */
function imageDataSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean) {
  const rows = (w: number, h: number) =>
    w <= 0 || h <= 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!interlaced) return rows(width, height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy));
  }
  return total;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

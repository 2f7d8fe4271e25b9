// PNG files in and out, through pngjs (pure JavaScript: every colour type and bit depth,
// interlacing, palettes, and CRC checks on every chunk).
import { PNG } from 'pngjs';
import { CliError } from '../errors.js';
import { checkPng } from './png-check.js';

/** A grayscale image: row-major intensities in [0, 1], 0 black and 1 white. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Float32Array;
}

/**
 * Decodes a PNG to grayscale (its structure and size checked first, see `checkPng`): luma (ITU-R BT.601 weights, as PIL's convert('L')), with
 * transparent pixels composited over white, the paper colour of a digit drawn in an editor.
 */
export function decodePng(bytes: Uint8Array, file: string): GrayImage {
  checkPng(bytes, file);
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${file}: not a valid PNG image (${reason})`);
  }
  const { width, height, data } = png;
  if (width === 0 || height === 0) throw new CliError(`${file}: the image is empty`);
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const r = data[4 * i]!;
    const g = data[4 * i + 1]!;
    const b = data[4 * i + 2]!;
    const a = data[4 * i + 3]! / 255;
    const luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    pixels[i] = a * luma + (1 - a);
  }
  return { width, height, pixels };
}

/** Encodes intensities in [0, 1] (row-major, `width` × `height`) as an 8-bit grayscale PNG. */
export function encodeGrayPng(pixels: ArrayLike<number>, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const data = Buffer.alloc(width * height);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.round(255 * Math.min(1, Math.max(0, pixels[i]!)));
  }
  png.data = data;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Encodes 8-bit RGB triples (row-major, `width` × `height`) as a PNG. */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

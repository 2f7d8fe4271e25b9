// A picture of a digit to what an MNIST model expects, the way MNIST itself was made (LeCun et
// al.): the digit's bounding box scaled, keeping its aspect ratio, to fit a 20×20 box with
// anti-aliasing, then placed in a 28×28 field so that its centre of mass is at the centre.
// Photos and scans are dark ink on light paper, MNIST is light ink on black: the background is
// read off the border and the image inverted when it is light.
import { CliError } from '../errors.js';
import type { GrayImage } from './png.js';
import { resampleArea } from './resample.js';

export interface DigitLayout {
  /** The side of the square field, 28 for MNIST. */
  readonly size: number;
  /** The side of the box the digit is scaled into, 20 for MNIST. */
  readonly box: number;
}

export const MNIST_LAYOUT: DigitLayout = { size: 28, box: 20 };

/** Ink below this share of the image's contrast is background when finding the digit's box. */
const INK_THRESHOLD = 0.1;
/** An image whose contrast is below this holds no digit. */
const MIN_CONTRAST = 0.1;

/** Returns `layout.size`² intensities in [0, 1], ink bright on black, like MNIST's pixels. */
export function preprocessDigit(
  image: GrayImage,
  file: string,
  layout: DigitLayout = MNIST_LAYOUT,
): Float32Array {
  const { width, height } = image;
  const ink = inkOf(image);
  let max = 0;
  for (const v of ink) if (v > max) max = v;
  if (max < MIN_CONTRAST) {
    throw new CliError(`${file}: no digit found (the image is a single flat colour)`);
  }
  for (let i = 0; i < ink.length; i++) ink[i] = ink[i]! / max;

  // The bounding box of the ink.
  let x0 = width;
  let x1 = -1;
  let y0 = height;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > INK_THRESHOLD) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const crop = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    crop.set(ink.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + w), y * w);
  }

  // Longer side to `box`, aspect ratio kept.
  const scale = layout.box / Math.max(w, h);
  const bw = Math.max(1, Math.round(w * scale));
  const bh = Math.max(1, Math.round(h * scale));
  const digit = resampleArea(crop, w, h, bw, bh);

  // Centre of mass, then the shift that puts it at the field's centre (pixel coordinates, as
  // MNIST's digits have it: their mean centre of mass is (14.0, 14.0) on the 28×28 grid).
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const v = digit[y * bw + x]!;
      mass += v;
      cx += v * x;
      cy += v * y;
    }
  }
  const centre = layout.size / 2;
  const dx = Math.round(centre - cx / mass);
  const dy = Math.round(centre - cy / mass);
  const out = new Float32Array(layout.size * layout.size);
  for (let y = 0; y < bh; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= layout.size) continue;
    for (let x = 0; x < bw; x++) {
      const tx = x + dx;
      if (tx < 0 || tx >= layout.size) continue;
      out[ty * layout.size + tx] = Math.min(1, Math.max(0, digit[y * bw + x]!));
    }
  }
  return out;
}

/**
 * How much ink each pixel holds, 0 for the background: intensities are inverted when the
 * background (the median of the border pixels) is light, then the background level removed.
 */
function inkOf(image: GrayImage): Float32Array {
  const { width, height, pixels } = image;
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(pixels[x]!, pixels[(height - 1) * width + x]!);
  for (let y = 1; y < height - 1; y++)
    border.push(pixels[y * width]!, pixels[y * width + width - 1]!);
  border.sort((a, b) => a - b);
  const background = border[Math.floor(border.length / 2)]!;
  const invert = background > 0.5;
  const level = invert ? 1 - background : background;
  const ink = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const v = invert ? 1 - pixels[i]! : pixels[i]!;
    ink[i] = Math.max(0, v - level);
  }
  return ink;
}

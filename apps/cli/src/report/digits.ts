// Misclassified test images as a grid of small PNGs inlined as data URIs, each captioned with
// its true and predicted class.
import { encodeGrayPng } from '../image/png.js';
import { escapeXml } from './svg/escape.js';

export interface ImageExample {
  /** Intensities in [0, 1], row-major. */
  readonly pixels: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
  readonly label: string;
  readonly predicted: string;
  /** The predicted class's probability. */
  readonly confidence: number;
}

export function imageGridHtml(examples: readonly ImageExample[]): string {
  const figures = examples.map((e) => {
    const png = encodeGrayPng(e.pixels, e.width, e.height).toString('base64');
    const caption = `true ${e.label} → ${e.predicted} (${Math.round(100 * e.confidence)}%)`;
    return `<figure class="digit"><img src="data:image/png;base64,${png}" width="${e.width * 2}" height="${e.height * 2}" alt="${escapeXml(caption)}"><figcaption><span class="true">${escapeXml(e.label)}</span> → <span class="predicted">${escapeXml(e.predicted)}</span> <small>${Math.round(100 * e.confidence)}%</small></figcaption></figure>`;
  });
  return `<div class="digits misclassified">${figures.join('')}</div>`;
}

// Colour scales for heatmaps and points. The diverging scale is the TensorFlow Playground's
// (orange for negative / class 0, blue for positive / class 1), so the lecture's slides and
// this page read the same way.

export type RGB = readonly [number, number, number];

export const NEGATIVE: RGB = [245, 147, 34];
export const NEUTRAL: RGB = [232, 234, 235];
export const POSITIVE: RGB = [8, 119, 189];
/** What a value that is not a number (a diverged network) is painted. */
export const INVALID: RGB = [160, 160, 160];

/** Six stops of viridis, enough for a smooth sequential scale by linear interpolation. */
const VIRIDIS: readonly RGB[] = [
  [68, 1, 84],
  [65, 68, 135],
  [42, 120, 142],
  [34, 168, 132],
  [122, 209, 81],
  [253, 231, 37],
];

function mix(a: RGB, b: RGB, t: number): RGB {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

/** v in [−1, 1] (clamped) to orange … neutral … blue. */
export function diverging(v: number): RGB {
  if (Number.isNaN(v)) return INVALID;
  const t = Math.max(-1, Math.min(1, v));
  return t < 0 ? mix(NEUTRAL, NEGATIVE, -t) : mix(NEUTRAL, POSITIVE, t);
}

/** t in [0, 1] (clamped) along viridis: dark for low loss, bright for high. */
export function sequential(t: number): RGB {
  if (Number.isNaN(t)) return INVALID;
  const x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(x), VIRIDIS.length - 2);
  return mix(VIRIDIS[i]!, VIRIDIS[i + 1]!, x - i);
}

export function css([r, g, b]: RGB, alpha = 1): string {
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/**
 * Writes `values` (row-major, `width` × `height`, row 0 at the top) into RGBA `pixels` through
 * `scale`. `alpha` lightens the picture so points drawn over it stay visible.
 */
export function paintValues(
  pixels: Uint8ClampedArray,
  values: ArrayLike<number>,
  scale: (v: number) => RGB,
  alpha = 255,
): void {
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = scale(values[i]!);
    pixels[4 * i] = r;
    pixels[4 * i + 1] = g;
    pixels[4 * i + 2] = b;
    pixels[4 * i + 3] = alpha;
  }
}

/** Line colours of the optimizer race and the loss curves: distinct, and legible on white. */
export const SERIES: readonly string[] = [
  '#d62728',
  '#ff7f0e',
  '#bcbd22',
  '#2ca02c',
  '#17becf',
  '#1f77b4',
  '#9467bd',
  '#e377c2',
];

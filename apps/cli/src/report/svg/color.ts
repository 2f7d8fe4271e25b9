// Colours: a sequential ramp for counts, and a categorical palette for classes.

export type Rgb = readonly [number, number, number];

/** Tableau 10: distinguishable, and the default of matplotlib. */
export const PALETTE: readonly Rgb[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

export function rgb([r, g, b]: Rgb): string {
  return `rgb(${Math.round(r)},${Math.round(g)},${Math.round(b)})`;
}

export function classColor(k: number): string {
  return rgb(PALETTE[k % PALETTE.length]!);
}

/** White to deep blue as t goes from 0 to 1. */
export function blues(t: number): string {
  const u = Math.min(1, Math.max(0, t));
  const from: Rgb = [247, 251, 255];
  const to: Rgb = [8, 48, 107];
  const mix = (i: 0 | 1 | 2) => from[i] + (to[i] - from[i]) * u;
  return rgb([mix(0), mix(1), mix(2)]);
}

/** The mix of the class colours weighted by `probabilities`, faded towards white. */
export function mixClasses(probabilities: ArrayLike<number>, fade = 0.55): string {
  return rgb(mixClassesRgb(probabilities, fade));
}

export function mixClassesRgb(probabilities: ArrayLike<number>, fade = 0.55): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let k = 0; k < probabilities.length; k++) {
    const [cr, cg, cb] = PALETTE[k % PALETTE.length]!;
    const p = probabilities[k]!;
    r += p * cr;
    g += p * cg;
    b += p * cb;
  }
  return [r + (255 - r) * fade, g + (255 - g) * fade, b + (255 - b) * fade];
}

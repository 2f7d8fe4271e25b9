// Growth per step of a series of memory samples: the least-squares slope over the second half
// (the first half includes warm-up: V8 compiling and tuning, pools filling), in KiB per step.

export interface Point {
  readonly at: number;
  readonly kib: number;
}

/** The least-squares slope of `kib` against `at`; needs two distinct `at`s. */
export function leastSquaresSlope(points: readonly Point[]): number {
  const n = points.length;
  if (n < 2) throw new Error(`a slope needs at least 2 points, got ${n}`);
  const meanAt = points.reduce((s, p) => s + p.at, 0) / n;
  const meanKib = points.reduce((s, p) => s + p.kib, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.at - meanAt) * (p.kib - meanKib);
    variance += (p.at - meanAt) ** 2;
  }
  if (variance === 0) throw new Error('a slope needs at least 2 distinct positions');
  return covariance / variance;
}

/** The slope over the second half of the points (the middle point counted in it). */
export function secondHalfSlope(points: readonly Point[]): number {
  return leastSquaresSlope(points.slice(Math.floor((points.length - 1) / 2)));
}

import type { Measurement } from './results.js';

/**
 * Runs `sample` (which returns a figure, e.g. samples per second) `warmup` times unmeasured and
 * then `samples` times, and reports the median and the best. `higherIsBetter` says which end is
 * best.
 */
export function measure(
  sample: () => number,
  options: { samples: number; warmup: number; unit: string; higherIsBetter: boolean },
): Measurement {
  for (let i = 0; i < options.warmup; i++) sample();
  const values: number[] = [];
  for (let i = 0; i < options.samples; i++) values.push(sample());
  return summarize(values, options.unit, options.higherIsBetter);
}

export function summarize(values: number[], unit: string, higherIsBetter: boolean): Measurement {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const best = higherIsBetter ? sorted[sorted.length - 1]! : sorted[0]!;
  return { median, best, samples: values, unit };
}

/** Milliseconds of wall-clock time `fn` takes. */
export function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

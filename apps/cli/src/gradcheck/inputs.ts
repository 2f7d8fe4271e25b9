// Seeded float64 inputs for gradient checks, kept away from the points where an op has a kink
// (|x| at 0, relu at 0, clamp at its bounds): central differences straddling a kink measure
// neither one-sided derivative, so a correct gradient would fail there.
import { rand, type Shape, Tensor } from '@nabla/tensor';

/** Uniform in [low, high), float64. */
export function uniform(shape: Shape, seed: number, low = -1, high = 1): Tensor {
  return rand(shape, { seed, low, high, dtype: 'float64' });
}

/** Uniform in [low, high) with every value at least `margin` from each of `kinks`. */
export function awayFrom(
  shape: Shape,
  seed: number,
  kinks: readonly number[],
  { low = -1, high = 1, margin = 0.05 } = {},
): Tensor {
  const t = uniform(shape, seed, low, high);
  const data = t.data;
  for (let i = 0; i < data.length; i++) {
    for (const k of kinks) {
      const d = data[i]! - k;
      if (Math.abs(d) < margin) data[i] = k + (d < 0 ? -2 : 2) * margin;
    }
  }
  return t;
}

/** int32 values in [0, n), from a seed: class targets and indices. */
export function indices(shape: Shape, seed: number, n: number): Tensor {
  const u = uniform(shape, seed, 0, n);
  return new Tensor(
    Int32Array.from(u.data, (v) => Math.min(n - 1, Math.floor(v))),
    shape,
  );
}

/** Rows of positive numbers summing to 1: probability targets. */
export function probabilities(rows: number, cols: number, seed: number): Tensor {
  const t = uniform([rows, cols], seed, 0.1, 1);
  const d = t.data;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += d[r * cols + c]!;
    for (let c = 0; c < cols; c++) d[r * cols + c] = d[r * cols + c]! / s;
  }
  return t;
}

import { formatShape, ShapeError, type Tensor } from '@nabla/tensor';
import { checkCounts, checkName } from './check.js';
import type { Metric } from './metric.js';

export interface RegressionMetricOptions {
  /** The key in logs (default `'mse'` or `'mae'`). */
  name?: string;
}

/** The mean squared error over every element: outputs `[N, 1]` against targets `[N]` is fine. */
export function mse(options: RegressionMetricOptions = {}): Metric<number> {
  return meanOf(checkName('mse', options.name ?? 'mse'), (d) => d * d);
}

/** The mean absolute error over every element. */
export function mae(options: RegressionMetricOptions = {}): Metric<number> {
  return meanOf(checkName('mae', options.name ?? 'mae'), Math.abs);
}

/** A running mean of `f(output − target)` over elements, summed in float64. */
function meanOf(name: string, f: (difference: number) => number): Metric<number> {
  let sum = 0;
  let count = 0;
  return {
    name,
    reset() {
      sum = 0;
      count = 0;
    },
    update(output: Tensor, target: Tensor) {
      if (output.size !== target.size || output.shape[0] !== target.shape[0]) {
        throw new ShapeError(
          name,
          `output ${formatShape(output.shape)} and target ${formatShape(target.shape)} must hold the same values per sample`,
        );
      }
      const o = output.data;
      const t = target.data;
      for (let i = 0; i < o.length; i++) sum += f(o[i]! - t[i]!);
      count += o.length;
    },
    result: () => (count === 0 ? Number.NaN : sum / count),
    getState: () => [sum, count],
    setState(state) {
      const s = checkCounts(name, state, 2);
      sum = s[0]!;
      count = s[1]!;
    },
  };
}

import { ArgumentError, ShapeError } from '@nabla/tensor';
import { checkCounts, checkName } from './check.js';
import { outputLayout, predictedClass, targetReader } from './classes.js';
import type { Metric } from './metric.js';

export interface ConfusionMatrixOptions {
  /** The number of classes C (2 for one binary logit). */
  numClasses: number;
  /** The key in logs (default `'confusionMatrix'`). */
  name?: string;
  /** For one-logit outputs: predict 1 above this logit (default 0). */
  threshold?: number;
}

/**
 * Counts of (target class, predicted class) pairs: `result()[t][p]` is how many samples of
 * class t were predicted as p, so rows are the true classes and the diagonal the hits (the
 * layout of scikit-learn's `confusion_matrix`). Predictions are read as `accuracy` reads them.
 */
export function confusionMatrix(options: ConfusionMatrixOptions): Metric<number[][]> {
  const op = 'confusionMatrix';
  const n = options?.numClasses;
  if (!Number.isInteger(n) || n < 1) {
    throw new ArgumentError(op, `numClasses must be a positive integer, got ${String(n)}`);
  }
  const name = checkName(op, options.name ?? 'confusionMatrix');
  const threshold = options.threshold ?? 0;
  const counts = new Float64Array(n * n);
  return {
    name,
    reset() {
      counts.fill(0);
    },
    update(output, target) {
      const layout = outputLayout(name, output);
      if (layout.classes !== n) {
        throw new ShapeError(name, `outputs have ${layout.classes} classes, numClasses is ${n}`);
      }
      const label = targetReader(name, target, layout);
      const out = output.data;
      for (let i = 0; i < layout.rows; i++) {
        const t = label(i);
        if (!Number.isInteger(t) || t < 0 || t >= n) {
          throw new ArgumentError(name, `target ${i} is ${t}, not a class in 0..${n - 1}`);
        }
        const p = predictedClass(out, i, layout, threshold);
        counts[t * n + p] = counts[t * n + p]! + 1;
      }
    },
    result: () =>
      Array.from({ length: n }, (_, t) => Array.from(counts.subarray(t * n, t * n + n))),
    getState: () => Array.from(counts),
    setState(state) {
      counts.set(checkCounts(name, state, n * n));
    },
  };
}

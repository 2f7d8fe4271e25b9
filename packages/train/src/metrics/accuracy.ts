import { ArgumentError } from '@nabla/tensor';
import { checkCounts, checkName } from './check.js';
import { outputLayout, predictedClass, targetReader } from './classes.js';
import type { Metric } from './metric.js';

export interface AccuracyOptions {
  /** The key in logs (default `'accuracy'`). */
  name?: string;
  /**
   * For one-logit (binary) outputs: the prediction is 1 when the logit is above it. Default 0,
   * the logit of probability 0.5.
   */
  threshold?: number;
}

/**
 * The fraction of samples whose predicted class is the target class. Multi-class outputs
 * `[N, C]` predict their argmax (the first on ties); a single logit column (`[N, 1]` or `[N]`,
 * as trained with `binaryCrossEntropyWithLogits`) predicts 1 when the logit is above
 * `threshold` (default 0). Targets are class indices `[N]`, or one-hot rows `[N, C]`.
 */
export function accuracy(options: AccuracyOptions = {}): Metric<number> {
  const name = checkName('accuracy', options.name ?? 'accuracy');
  const threshold = options.threshold ?? 0;
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new ArgumentError('accuracy', `threshold must be a number, got ${String(threshold)}`);
  }
  let correct = 0;
  let total = 0;
  return {
    name,
    reset() {
      correct = 0;
      total = 0;
    },
    update(output, target) {
      const layout = outputLayout(name, output);
      const label = targetReader(name, target, layout);
      const out = output.data;
      for (let i = 0; i < layout.rows; i++) {
        if (predictedClass(out, i, layout, threshold) === label(i)) correct++;
      }
      total += layout.rows;
    },
    result: () => (total === 0 ? Number.NaN : correct / total),
    getState: () => [correct, total],
    setState(state) {
      const s = checkCounts(name, state, 2);
      correct = s[0]!;
      total = s[1]!;
    },
  };
}

import { ArgumentError, formatShape, ShapeError } from '@nabla/tensor';
import { checkCounts, checkName } from './check.js';
import { outputLayout, targetReader } from './classes.js';
import type { Metric } from './metric.js';

export interface TopKAccuracyOptions {
  /** How many of the highest logits count as a hit (default 5). */
  k?: number;
  /** The key in logs (default `top${k}Accuracy`). */
  name?: string;
}

/**
 * The fraction of samples whose target class is among the `k` highest logits of `[N, C]`
 * outputs: a hit when fewer than `k` classes score strictly higher than the target, so ties
 * count in the target's favour. Targets are class indices `[N]` or one-hot rows `[N, C]`.
 */
export function topKAccuracy(options: TopKAccuracyOptions = {}): Metric<number> {
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1) {
    throw new ArgumentError('topKAccuracy', `k must be a positive integer, got ${String(k)}`);
  }
  const name = checkName('topKAccuracy', options.name ?? `top${k}Accuracy`);
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
      if (layout.binary) {
        throw new ShapeError(
          name,
          `needs class logits [N, C], got ${formatShape(output.shape)} (one binary logit)`,
        );
      }
      const label = targetReader(name, target, layout);
      const out = output.data;
      const c = layout.classes;
      for (let i = 0; i < layout.rows; i++) {
        const row = i * c;
        const score = out[row + label(i)]!;
        let higher = 0;
        for (let j = 0; j < c && higher < k; j++) if (out[row + j]! > score) higher++;
        if (higher < k) correct++;
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

import type { Tensor } from '@nabla/tensor';

/** What a metric reports: a number, or a matrix (the confusion matrix). */
export type MetricValue = number | number[][];

/**
 * A metric accumulated over the batches of an epoch or an evaluation:
 *
 * - `update(output, target)` adds one batch: the model's raw output (logits, not probabilities)
 *   and the batch's targets;
 * - `result()` is the value over every batch since the last `reset()`;
 * - `getState()` / `setState()` save and restore the running sums as plain numbers, so a
 *   training run checkpointed in the middle of an epoch resumes with the same totals.
 *
 * Metrics are small objects, so writing one is a few lines:
 *
 * ```ts
 * const maxError: Metric = {
 *   name: 'maxError', worst: 0,
 *   reset() { this.worst = 0 },
 *   update(out, y) { for (let i = 0; i < y.size; i++) this.worst = Math.max(this.worst, Math.abs(out.data[i]! - y.data[i]!)) },
 *   result() { return this.worst },
 *   getState() { return [this.worst] },
 *   setState([w]) { this.worst = w! },
 * };
 * ```
 *
 * `fit` uses one instance for the training batches and, after `reset()`, for the validation
 * set; names must be unique within a list (they key the logs: `accuracy`, `valAccuracy`).
 */
export interface Metric<V extends MetricValue = MetricValue> {
  readonly name: string;
  reset(): void;
  update(output: Tensor, target: Tensor): void;
  result(): V;
  /** The running sums as numbers (JSON-safe); needed to checkpoint in the middle of an epoch. */
  getState?(): number[];
  setState?(state: readonly number[]): void;
}

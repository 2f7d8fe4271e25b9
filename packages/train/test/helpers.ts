// Shared pieces of the training tests: losses shaped for one-logit models, standardized toy
// sets, and bit-level comparisons of weights and histories.
import { reshape, type Variable } from '@nabla/autograd';
import { type Dataset, standardize } from '@nabla/datasets';
import { binaryCrossEntropyWithLogits, crossEntropy } from '@nabla/losses';
import type { Module } from '@nabla/nn';
import type { Tensor } from '@nabla/tensor';
import type { EpochLog, History } from '../src/index.js';

/** BCE for a model with one output column `[N, 1]` and 0/1 labels `[N]`. */
export const binaryLoss = (out: Variable, y: Tensor): Variable =>
  binaryCrossEntropyWithLogits(reshape(out, [-1]), y);

/** Cross-entropy without the probability-input check (it reads every batch once more). */
export const classLoss = (out: Variable, y: Tensor): Variable =>
  crossEntropy(out, y, { check: 'off' });

/** Train and test sets standardized with the training set's statistics. */
export function standardized(train: Dataset, test: Dataset): { train: Dataset; test: Dataset } {
  const { x, stats } = standardize(train.x);
  return {
    train: { x, y: train.y },
    test: { x: standardize(test.x, { stats }).x, y: test.y },
  };
}

/** Every parameter's bytes, by name: equal only if the weights are equal bit for bit. */
export function weightBytes(model: Module): Record<string, string> {
  return weightBytesOf(model.stateDict());
}

/** A state dict's bytes, by name. */
export function weightBytesOf(stateDict: Record<string, Tensor>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, t] of Object.entries(stateDict)) {
    out[name] = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex');
  }
  return out;
}

/** A History without its wall-clock fields, the part that must reproduce exactly. */
export function withoutTimes(history: History | readonly EpochLog[]): unknown {
  const logs = Array.isArray(history) ? history : (history as History).epochs;
  return logs.map(({ time: _t, samplesPerSecond: _s, ...rest }: EpochLog) => rest);
}

import type { Module } from '@nabla/nn';
import { type FitOptions, resolveFitOptions } from './fit-options.js';
import type { History } from './history.js';
import { Run } from './run.js';

/**
 * Trains `model`: for each epoch, every batch of `train` goes forward, through `loss`,
 * backward and into `optimizer.step()`; then `val` is evaluated (eval mode, no gradients), the
 * epoch is logged, the scheduler stepped and the callbacks told. Returns the `History`.
 *
 * ```ts
 * const history = await fit(model, {
 *   loss: crossEntropy,
 *   optimizer: new Adam(model.parameters(), { lr: 1e-3 }),
 *   train: new DataLoader(trainSet, { batchSize: 64, shuffle: true, seed: 1 }),
 *   val: new DataLoader(valSet, { batchSize: 1000 }),
 *   epochs: 50,
 *   metrics: [accuracy()],
 *   callbacks: [new EarlyStopping({ patience: 5, smoothing: 0.5 })],
 * });
 * ```
 *
 * Reproducible: with seeded initialisation and a seeded loader, the same call gives the same
 * weights and the same History, bit for bit, on every run (except `time` and
 * `samplesPerSecond`). An aborted `signal` stops it between two batches; `ctx.checkpoint()`
 * (in a callback's `onTrainEnd`, say) then captures a state that `resume` continues exactly.
 * A NaN or infinite loss throws `NonFiniteLossError` (see `TerminateOnNaN`).
 */
export function fit(model: Module, options: FitOptions): Promise<History> {
  try {
    return new Run(model, resolveFitOptions(model, options)).execute();
  } catch (error) {
    return Promise.reject(error);
  }
}

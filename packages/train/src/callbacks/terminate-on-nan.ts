import { NonFiniteLossError } from '../errors.js';
import type { EpochLog } from '../history.js';
import type { BatchInfo, Callback, TrainContext } from './callback.js';

/**
 * Stops training with a `NonFiniteLossError` (naming the epoch and step, and suggesting a lower
 * learning rate) as soon as a batch loss is NaN or infinite: there is nothing to gain from
 * training on, since every weight the next step touches would become NaN. It checks in
 * `onBatchLoss`, before the backward pass, so the model and the optimizer keep the last finite
 * state (Keras checks after the step, when the weights are already lost).
 *
 * Two more checks close the gaps a loss check leaves; `fit` runs them whenever a
 * `TerminateOnNaN` is among its callbacks. A finite loss with a non-finite gradient (an overflow
 * in the backward pass) throws `NonFiniteGradientError` before the optimizer step, weights
 * untouched. A finite gradient whose update overflows a weight throws `NonFiniteWeightError`
 * (from @nabla/nn, naming the parameter, the index, the epoch and the step) right after that
 * step: those weights are lost, but no later step, epoch end or callback (`ModelCheckpoint`)
 * ever sees them, and the save paths refuse them anyway. So when a `NonFiniteLossError` or a
 * `NonFiniteGradientError` is thrown, every weight is finite.
 *
 * `fit` adds one by default; pass `terminateOnNaN: false` to train through non-finite losses.
 */
export class TerminateOnNaN implements Callback {
  readonly name = 'TerminateOnNaN';

  onBatchLoss(_ctx: TrainContext, batch: Readonly<BatchInfo>): void {
    if (!Number.isFinite(batch.loss)) {
      throw new NonFiniteLossError(batch.epoch, batch.batch, batch.loss);
    }
  }

  onEpochEnd(_ctx: TrainContext, log: EpochLog): void {
    if (log.valLoss !== undefined && !Number.isFinite(log.valLoss)) {
      throw new NonFiniteLossError(log.epoch, null, log.valLoss, 'validation loss');
    }
  }
}

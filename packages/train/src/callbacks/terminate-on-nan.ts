import { findNonFinite, NonFiniteWeightError } from '@nabla/nn';
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
 * Two more checks close the gaps a loss check leaves. A finite loss with a non-finite gradient
 * (an overflow in the backward pass) throws `NonFiniteGradientError` before the optimizer
 * step (`fit` does this whenever a `TerminateOnNaN` is among its callbacks). A finite gradient
 * whose update overflows a weight shows as a non-finite loss at the next batch; after an
 * epoch's last step there is no next batch, so at the end of each epoch, before the callbacks
 * after it (`ModelCheckpoint`) run, the weights are checked (`NonFiniteWeightError` naming the
 * parameter and index), and then the validation loss.
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

  onEpochEnd(ctx: TrainContext, log: EpochLog): void {
    const bad = findNonFinite(ctx.model.stateDict());
    if (bad !== null) {
      throw new NonFiniteWeightError(
        'fit',
        bad,
        `the update of step ${log.steps} (the last of epoch ${log.epoch}) overflowed: try a lower learning rate`,
      );
    }
    if (log.valLoss !== undefined && !Number.isFinite(log.valLoss)) {
      throw new NonFiniteLossError(log.epoch, null, log.valLoss, 'validation loss');
    }
  }
}

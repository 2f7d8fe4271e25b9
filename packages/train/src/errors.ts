import { NablaError } from '@nabla/tensor';

/**
 * The training loss became NaN or ±Infinity (the `TerminateOnNaN` callback, on by default in
 * `fit`). It is thrown before the backward pass of the batch that produced it, so the model and
 * the optimizer still hold the last finite state; `epoch` and `step` say where it happened.
 */
export class NonFiniteLossError extends NablaError {
  /** The epoch, counting from 1. */
  readonly epoch: number;
  /** The batch within the epoch, counting from 1; null for the validation loss. */
  readonly step: number | null;
  /** The loss value: NaN, Infinity or -Infinity. */
  readonly loss: number;

  constructor(epoch: number, step: number | null, loss: number, what = 'training loss') {
    const where = step === null ? `epoch ${epoch}` : `epoch ${epoch}, step ${step}`;
    super(
      'fit',
      `the ${what} is ${loss} at ${where}; the weights diverged: try a lower learning rate (or clipGradNorm, or standardized inputs)`,
    );
    this.epoch = epoch;
    this.step = step;
    this.loss = loss;
  }
}

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

/**
 * A gradient became NaN or ±Infinity while the loss was finite (an overflow in the backward
 * pass). Thrown by `fit`'s `TerminateOnNaN` guard after the backward pass and before
 * `optimizer.step()`, so the weights and the optimizer keep their last finite state.
 */
export class NonFiniteGradientError extends NablaError {
  /** The epoch, counting from 1. */
  readonly epoch: number;
  /** The batch within the epoch, counting from 1. */
  readonly step: number;
  /** The parameter's state-dict key, e.g. `'0.weight'`. */
  readonly parameter: string;
  /** The index of the first non-finite element of its gradient, one entry per axis. */
  readonly index: readonly number[];
  /** Its value: NaN, Infinity or -Infinity. */
  readonly value: number;
  /** The batch loss, finite. */
  readonly loss: number;

  constructor(
    epoch: number,
    step: number,
    parameter: string,
    index: readonly number[],
    value: number,
    loss: number,
  ) {
    super(
      'fit',
      `the gradient of ${JSON.stringify(parameter)} is ${value} at index [${index.join(',')}] at epoch ${epoch}, step ${step} (the loss, ${loss}, is finite: the backward pass overflowed); the step was not taken: try a lower learning rate, clipGradNorm, or a loss scaled down`,
    );
    this.epoch = epoch;
    this.step = step;
    this.parameter = parameter;
    this.index = index;
    this.value = value;
    this.loss = loss;
  }
}

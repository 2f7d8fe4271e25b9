import type { FloatArray, TypedArray } from '@nabla/tensor';
import { bufferLike } from './buffers.js';
import { Optimizer, type ParamGroup, type Params } from './optimizer.js';
import { adagradUpdate } from './updates/adagrad-update.js';
import { checkBoolean, checkNonNegative } from './validate.js';

export interface AdagradOptions {
  /** Learning rate η; default 1e-2. */
  lr: number;
  /** Learning-rate decay δ: step t uses η/(1 + (t − 1)·δ); default 0. */
  lrDecay: number;
  /** Coupled L2 weight decay (adds λ·w to the gradient); default 0. */
  weightDecay: number;
  /** The sum of squared gradients starts here; default 0. */
  initialAccumulatorValue: number;
  /** Added to √sum for numerical stability; default 1e-10. */
  eps: number;
  /** Ascend the objective instead of descending it; default false. */
  maximize: boolean;
}

/** Adagrad's state per parameter: the step count and the sum of squared gradients. */
export type AdagradState = { step: number; sum: FloatArray };

const DEFAULTS: AdagradOptions = {
  lr: 1e-2,
  lrDecay: 0,
  weightDecay: 0,
  initialAccumulatorValue: 0,
  eps: 1e-10,
  maximize: false,
};

/**
 * Adagrad (torch.optim.Adagrad; Duchi, Hazan & Singer, 2011): each weight's step is divided by
 * the root of the sum of all its squared gradients so far, so rarely updated weights keep
 * larger steps.
 *
 * ```text
 * s ← s + g²;   w ← w − η/(1 + (t − 1)δ) · g/(√s + ε)
 * ```
 *
 * The lecture's AdaGrad, r ← r + g⊙g, Δw = −λ/(δ + √r) ⊙ g, is this with its λ as η, its δ as ε
 * and no learning-rate decay. See `adagradUpdate`.
 *
 * Unlike torch, which creates every parameter's state in the constructor, state is created at a
 * parameter's first step, like every other optimizer here; the numbers are the same.
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  constructor(params: Params<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super('Adagrad', params, DEFAULTS, options);
  }

  protected checkOptions(op: string, o: AdagradOptions): void {
    checkNonNegative(op, 'lr', o.lr);
    checkNonNegative(op, 'lrDecay', o.lrDecay);
    checkNonNegative(op, 'weightDecay', o.weightDecay);
    checkNonNegative(op, 'initialAccumulatorValue', o.initialAccumulatorValue);
    checkNonNegative(op, 'eps', o.eps);
    checkBoolean(op, 'maximize', o.maximize);
  }

  protected initState(param: FloatArray, group: ParamGroup<AdagradOptions>): AdagradState {
    return { step: 0, sum: bufferLike(param, group.initialAccumulatorValue) };
  }

  protected update(
    param: FloatArray,
    grad: TypedArray,
    state: AdagradState,
    group: ParamGroup<AdagradOptions>,
  ): void {
    state.step += 1;
    adagradUpdate(param, grad, state.sum, state.step, group);
  }
}

import type { FloatArray, TypedArray } from '@nabla/tensor';
import { bufferLike } from './buffers.js';
import { Optimizer, type ParamGroup, type Params } from './optimizer.js';
import { rmspropUpdate } from './updates/rmsprop-update.js';
import { checkBoolean, checkInRange, checkNonNegative } from './validate.js';

export interface RMSpropOptions {
  /** Learning rate η; default 1e-2. */
  lr: number;
  /** Decay α of the running average of squared gradients; default 0.99. */
  alpha: number;
  /** Added to the root for numerical stability; default 1e-8. */
  eps: number;
  /** Coupled L2 weight decay (adds λ·w to the gradient); default 0. */
  weightDecay: number;
  /** Momentum μ on the scaled steps; default 0. */
  momentum: number;
  /** Divide by an estimate of the gradient's variance instead of its second moment; default false. */
  centered: boolean;
  /** Ascend the objective instead of descending it; default false. */
  maximize: boolean;
}

/**
 * RMSprop's state per parameter: the step count, the average of squared gradients, and the
 * momentum buffer and gradient average when those options are on.
 */
export type RMSpropState = {
  step: number;
  squareAvg: FloatArray;
  momentumBuffer?: FloatArray;
  gradAvg?: FloatArray;
};

const DEFAULTS: RMSpropOptions = {
  lr: 1e-2,
  alpha: 0.99,
  eps: 1e-8,
  weightDecay: 0,
  momentum: 0,
  centered: false,
  maximize: false,
};

/**
 * RMSprop (torch.optim.RMSprop; Hinton, Coursera lecture 6e): AdaGrad with a decaying average
 * instead of a sum, so old gradients are forgotten.
 *
 * ```text
 * v ← αv + (1 − α)g²;   w ← w − η · g/(√v + ε)
 * ```
 *
 * The lecture's RMSProp, r ← ρr + (1 − ρ)g⊙g, Δw = −λ/√(δ + r) ⊙ g, is this with ρ = α, its λ
 * as η and ε added outside the root. See `rmspropUpdate` for momentum and `centered`.
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  constructor(params: Params<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super('RMSprop', params, DEFAULTS, options);
  }

  protected checkOptions(op: string, o: RMSpropOptions): void {
    checkNonNegative(op, 'lr', o.lr);
    checkInRange(op, 'alpha', o.alpha, 0, 1, true);
    checkNonNegative(op, 'eps', o.eps);
    checkNonNegative(op, 'weightDecay', o.weightDecay);
    checkNonNegative(op, 'momentum', o.momentum);
    checkBoolean(op, 'centered', o.centered);
    checkBoolean(op, 'maximize', o.maximize);
  }

  protected initState(param: FloatArray, group: ParamGroup<RMSpropOptions>): RMSpropState {
    const state: RMSpropState = { step: 0, squareAvg: bufferLike(param) };
    if (group.momentum > 0) state.momentumBuffer = bufferLike(param);
    if (group.centered) state.gradAvg = bufferLike(param);
    return state;
  }

  protected update(
    param: FloatArray,
    grad: TypedArray,
    state: RMSpropState,
    group: ParamGroup<RMSpropOptions>,
  ): void {
    // Options switched on after the first steps start their buffers here.
    if (group.momentum > 0 && state.momentumBuffer === undefined) {
      state.momentumBuffer = bufferLike(param);
    }
    if (group.centered && state.gradAvg === undefined) state.gradAvg = bufferLike(param);
    state.step += 1;
    rmspropUpdate(
      param,
      grad,
      state.squareAvg,
      state.gradAvg ?? null,
      state.momentumBuffer ?? null,
      group,
    );
  }
}

import { ArgumentError, type FloatArray, type TypedArray } from '@nabla/tensor';
import { bufferLike } from './buffers.js';
import { Optimizer, type ParamGroup, type Params } from './optimizer.js';
import { sgdUpdate } from './updates/sgd-update.js';
import { checkBoolean, checkInRange, checkNonNegative } from './validate.js';

export interface SGDOptions {
  /** Learning rate η; default 1e-3 (torch ≥ 2.2; earlier torch required it). */
  lr: number;
  /** Momentum factor μ; default 0 (plain SGD). */
  momentum: number;
  /** Dampening τ of the gradient added to the momentum buffer; default 0. */
  dampening: number;
  /** Coupled L2 weight decay λ (adds λ·w to the gradient); default 0. */
  weightDecay: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0); default false. */
  nesterov: boolean;
  /** Ascend the objective instead of descending it; default false. */
  maximize: boolean;
}

/** SGD's state: the momentum buffer, created on the first step that uses momentum. */
export type SGDState = { momentumBuffer?: FloatArray };

const DEFAULTS: SGDOptions = {
  lr: 1e-3,
  momentum: 0,
  dampening: 0,
  weightDecay: 0,
  nesterov: false,
  maximize: false,
};

/**
 * Stochastic gradient descent, optionally with momentum or Nesterov momentum (torch.optim.SGD):
 *
 * ```text
 * g ← ∇w + λ·w;   b ← μ·b + (1 − τ)·g  (b ← g on the first step);   w ← w − η·(nesterov ? g + μ·b : b)
 * ```
 *
 * The lecture's momentum, v ← αv + λ∇w, w ← w − v, is SGD with momentum α and the learning
 * rate λ folded into the velocity: v = η·b. See `sgdUpdate` for the details.
 *
 * ```ts
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 * ```
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  constructor(params: Params<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super('SGD', params, DEFAULTS, options);
  }

  protected checkOptions(op: string, o: SGDOptions): void {
    checkNonNegative(op, 'lr', o.lr);
    checkNonNegative(op, 'momentum', o.momentum);
    checkInRange(op, 'dampening', o.dampening, 0, 1, true);
    checkNonNegative(op, 'weightDecay', o.weightDecay);
    checkBoolean(op, 'nesterov', o.nesterov);
    checkBoolean(op, 'maximize', o.maximize);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new ArgumentError(
        op,
        `nesterov needs momentum > 0 and dampening 0, got momentum ${o.momentum} and dampening ${o.dampening}`,
      );
    }
  }

  protected initState(): SGDState {
    return {};
  }

  protected update(
    param: FloatArray,
    grad: TypedArray,
    state: SGDState,
    group: ParamGroup<SGDOptions>,
  ): void {
    let init = false;
    if (group.momentum !== 0 && state.momentumBuffer === undefined) {
      state.momentumBuffer = bufferLike(param);
      init = true;
    }
    sgdUpdate(param, grad, state.momentumBuffer ?? null, init, group);
  }
}

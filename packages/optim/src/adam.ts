import { ArgumentError, type FloatArray, type TypedArray } from '@nabla/tensor';
import { bufferLike } from './buffers.js';
import { Optimizer, type ParamGroup, type Params } from './optimizer.js';
import { type AdamUpdateOptions, adamUpdate } from './updates/adam-update.js';
import { checkBoolean, checkInRange, checkNonNegative, showValue } from './validate.js';

export interface AdamOptions {
  /** Learning rate η; default 1e-3. */
  lr: number;
  /** Decay rates (β₁, β₂) of the first and second moment averages; default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** Added to the denominator for numerical stability; default 1e-8. */
  eps: number;
  /** Adam: coupled L2 (λ·w added to the gradient), default 0. AdamW: decoupled, default 1e-2. */
  weightDecay: number;
  /** Use AMSGrad's running maximum of the second moment; default false. */
  amsgrad: boolean;
  /** Ascend the objective instead of descending it; default false. */
  maximize: boolean;
}

/** Adam's state per parameter: the step count t and the moment averages. */
export type AdamState = {
  step: number;
  expAvg: FloatArray;
  expAvgSq: FloatArray;
  /** AMSGrad's running maximum of `expAvgSq`, only with `amsgrad`. */
  maxExpAvgSq?: FloatArray;
};

type AdamUpdate = typeof adamUpdate;

/** What Adam and AdamW share: options, checks and state; they differ in the update. */
export abstract class AdamFamily extends Optimizer<AdamOptions, AdamState> {
  protected abstract readonly rule: AdamUpdate;

  protected constructor(
    name: string,
    params: Params<AdamOptions>,
    defaults: AdamOptions,
    options: Partial<AdamOptions>,
  ) {
    super(name, params, defaults, options);
  }

  protected checkOptions(op: string, o: AdamOptions): void {
    checkNonNegative(op, 'lr', o.lr);
    if (!Array.isArray(o.betas) || o.betas.length !== 2) {
      throw new ArgumentError(op, `betas must be a pair [beta1, beta2], got ${showValue(o.betas)}`);
    }
    checkInRange(op, 'betas[0]', o.betas[0], 0, 1);
    checkInRange(op, 'betas[1]', o.betas[1], 0, 1);
    checkNonNegative(op, 'eps', o.eps);
    checkNonNegative(op, 'weightDecay', o.weightDecay);
    checkBoolean(op, 'amsgrad', o.amsgrad);
    checkBoolean(op, 'maximize', o.maximize);
  }

  protected initState(param: FloatArray, group: ParamGroup<AdamOptions>): AdamState {
    const state: AdamState = { step: 0, expAvg: bufferLike(param), expAvgSq: bufferLike(param) };
    if (group.amsgrad) state.maxExpAvgSq = bufferLike(param);
    return state;
  }

  protected update(
    param: FloatArray,
    grad: TypedArray,
    state: AdamState,
    group: ParamGroup<AdamOptions>,
  ): void {
    // A group switched to amsgrad after its first steps starts its maximum here.
    if (group.amsgrad && state.maxExpAvgSq === undefined) state.maxExpAvgSq = bufferLike(param);
    state.step += 1;
    const options: AdamUpdateOptions = {
      lr: group.lr,
      beta1: group.betas[0],
      beta2: group.betas[1],
      eps: group.eps,
      weightDecay: group.weightDecay,
      amsgrad: group.amsgrad,
      maximize: group.maximize,
    };
    this.rule(
      param,
      grad,
      state.expAvg,
      state.expAvgSq,
      state.maxExpAvgSq ?? null,
      state.step,
      options,
    );
  }
}

/** torch.optim.Adam's defaults (AdamW's differ only in weightDecay). */
export const ADAM_DEFAULTS: AdamOptions = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  maximize: false,
};

/**
 * Adam (torch.optim.Adam; Kingma & Ba, 2015): per-weight step sizes from running averages of
 * the gradient and of its square, both bias-corrected.
 *
 * ```text
 * m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   w ← w − η·(m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε)
 * ```
 *
 * This is the lecture's Adam with ρ₁, ρ₂ = β₁, β₂ and δ = ε; `weightDecay` adds λ·w to g
 * (coupled L2 — prefer `AdamW` for weight decay). See `adamUpdate`.
 *
 * ```ts
 * const opt = new Adam(model.parameters(), { lr: 1e-3, betas: [0.9, 0.999], weightDecay: 0 });
 * ```
 */
export class Adam extends AdamFamily {
  protected readonly rule = adamUpdate;

  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super('Adam', params, ADAM_DEFAULTS, options);
  }
}

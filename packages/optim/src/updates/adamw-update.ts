import type { FloatArray, TypedArray } from '@nabla/tensor';
import { type AdamUpdateOptions, adamUpdate } from './adam-update.js';

/**
 * One AdamW step, in place (torch.optim.AdamW; Loshchilov & Hutter, 2019): decoupled weight
 * decay, then an Adam step without L2 in the gradient.
 *
 * ```text
 * w ← w · (1 − η·λ)                   (λ = weightDecay: shrinks w directly)
 * then Adam's update with weightDecay = 0
 * ```
 *
 * Adam's coupled L2 adds λ·w to g, where the adaptive denominator rescales it, so weights with
 * large gradients are barely regularised; decoupling decays every weight at the same rate. An
 * L2 penalty α/2·‖w‖² added to the loss (the lecture's regularisation) is the coupled form:
 * Adam's `weightDecay`, or `l2Penalty` from @nabla/losses.
 */
export function adamwUpdate(
  param: FloatArray,
  grad: TypedArray,
  expAvg: FloatArray,
  expAvgSq: FloatArray,
  maxExpAvgSq: FloatArray | null,
  step: number,
  options: AdamUpdateOptions,
): void {
  const decay = 1 - options.lr * options.weightDecay;
  if (decay !== 1) {
    for (let i = 0; i < param.length; i++) param[i] = param[i]! * decay;
  }
  adamUpdate(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, { ...options, weightDecay: 0 });
}

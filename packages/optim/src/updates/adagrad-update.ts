import type { FloatArray, TypedArray } from '@nabla/tensor';

/** The scalars of one Adagrad step, as torch.optim.Adagrad names them (camelCase). */
export interface AdagradUpdateOptions {
  lr: number;
  lrDecay: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * One Adagrad step, in place, elementwise (torch.optim.Adagrad; Duchi et al., 2011):
 *
 * ```text
 * g ← ±∇w + λ·w                       (− when maximizing; λ = weightDecay)
 * η_t ← η / (1 + (t − 1)·δ)           (δ = lrDecay; t counts steps from 1)
 * s ← s + g²                          (s starts at initialAccumulatorValue)
 * w ← w − η_t · g / (√s + ε)
 * ```
 *
 * The lecture's AdaGrad, r ← r + g⊙g, Δw = −λ/(δ + √r) ⊙ g, is this with its λ as η, its δ as ε
 * (added to √s, not inside the root) and no learning-rate decay.
 */
export function adagradUpdate(
  param: FloatArray,
  grad: TypedArray,
  stateSum: FloatArray,
  step: number,
  options: AdagradUpdateOptions,
): void {
  const { lr, lrDecay, eps, weightDecay, maximize } = options;
  const clr = lr / (1 + (step - 1) * lrDecay);
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const w = param[i]!;
    let g = maximize ? -grad[i]! : grad[i]!;
    if (weightDecay !== 0) g += weightDecay * w;
    stateSum[i] = stateSum[i]! + g * g;
    param[i] = w - (clr * g) / (Math.sqrt(stateSum[i]!) + eps);
  }
}

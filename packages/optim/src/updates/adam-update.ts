import { type FloatArray, kernels, type TypedArray } from '@nabla/tensor';

/** The scalars of one Adam step, as torch.optim.Adam names them (camelCase, betas split). */
export interface AdamUpdateOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Coupled L2: added to the gradient, so it is rescaled by the adaptive denominator. */
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/**
 * One Adam step, in place, elementwise (torch.optim.Adam; Kingma & Ba, 2015):
 *
 * ```text
 * g ← ±∇w + λ·w                       (− when maximizing; λ = weightDecay, coupled L2)
 * m ← β₁·m + (1 − β₁)·g               first moment
 * v ← β₂·v + (1 − β₂)·g²              second moment
 * v̂ ← max(v̂, v) if amsgrad, else v̂ = v
 * w ← w − η · (m / (1 − β₁ᵗ)) / (√v̂ / √(1 − β₂ᵗ) + ε)
 * ```
 *
 * The lecture's Adam, s ← ρ₁s + (1 − ρ₁)g, r ← ρ₂r + (1 − ρ₂)g⊙g, ŝ = s/(1 − ρ₁ᵗ),
 * r̂ = r/(1 − ρ₂ᵗ), Δw = −λ·ŝ/(√r̂ + δ), is exactly this with ρ = β, its λ as η and δ as ε:
 * √r̂ = √v/√(1 − β₂ᵗ). `step` is t, counted from 1.
 *
 * `maxExpAvgSq` holds the running maximum for AMSGrad (null otherwise); as in torch, the
 * maximum is taken of the raw v and bias-corrected with the current step.
 */
export function adamUpdate(
  param: FloatArray,
  grad: TypedArray,
  expAvg: FloatArray,
  expAvgSq: FloatArray,
  maxExpAvgSq: FloatArray | null,
  step: number,
  options: AdamUpdateOptions,
): void {
  const { lr, beta1, beta2, eps, weightDecay, amsgrad, maximize } = options;
  const biasCorrection1 = 1 - beta1 ** step;
  // √v / √(1 − β₂ᵗ) as √v · (1/√(1 − β₂ᵗ)): one division per element instead of two. Division
  // and square root are the slowest scalar operations; the loop is otherwise bound by memory.
  const inverseCorrection2Sqrt = 1 / Math.sqrt(1 - beta2 ** step);
  const stepSize = lr / biasCorrection1;
  if (!amsgrad && grad.constructor === param.constructor) {
    // The pass over memory is a kernel of @nabla/tensor's backend (WebAssembly SIMD for large
    // float32 parameters), with this function's math: see `AdamArgs`.
    kernels().adam({
      param,
      grad: grad as FloatArray,
      expAvg,
      expAvgSq,
      beta1,
      beta2,
      stepSize,
      inverseCorrection2Sqrt,
      eps,
      weightDecay,
      maximize,
    });
    return;
  }
  const n = param.length;
  const useMax = amsgrad && maxExpAvgSq !== null;
  for (let i = 0; i < n; i++) {
    const w = param[i]!;
    let g = maximize ? -grad[i]! : grad[i]!;
    if (weightDecay !== 0) g += weightDecay * w;
    expAvg[i] = beta1 * expAvg[i]! + (1 - beta1) * g;
    expAvgSq[i] = beta2 * expAvgSq[i]! + (1 - beta2) * g * g;
    let v = expAvgSq[i]!;
    if (useMax) {
      if (v > maxExpAvgSq[i]!) maxExpAvgSq[i] = v;
      v = maxExpAvgSq[i]!;
    }
    const denom = Math.sqrt(v) * inverseCorrection2Sqrt + eps;
    param[i] = w - (stepSize * expAvg[i]!) / denom;
  }
}

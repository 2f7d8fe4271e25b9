import type { FloatArray, TypedArray } from '@nabla/tensor';

/** The scalars of one RMSprop step, as torch.optim.RMSprop names them (camelCase). */
export interface RmspropUpdateOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

/**
 * One RMSprop step, in place, elementwise (torch.optim.RMSprop; Hinton's lecture 6e):
 *
 * ```text
 * g ← ±∇w + λ·w                       (− when maximizing; λ = weightDecay)
 * v ← α·v + (1 − α)·g²                (α = alpha: the decay of the squared-gradient average)
 * m ← α·m + (1 − α)·g;  v̄ ← v − m²   if centered (an estimate of the variance), else v̄ = v
 * u ← g / (√v̄ + ε)
 * b ← μ·b + u;  w ← w − η·b          with momentum μ > 0, else w ← w − η·u
 * ```
 *
 * The lecture's RMSProp, r ← ρr + (1 − ρ)g⊙g, Δw = −λ/√(δ + r) ⊙ g, is this with ρ = α, its λ as
 * η, and ε added to √v rather than inside the root (torch's choice; the two differ only while v
 * is of the order of ε²). Its RMSProp with Nesterov momentum is not torch's momentum variant:
 * torch's momentum accumulates the scaled steps u, without the look-ahead.
 *
 * `gradAvg` is m (null unless centered), `momentumBuffer` is b (null without momentum).
 */
export function rmspropUpdate(
  param: FloatArray,
  grad: TypedArray,
  squareAvg: FloatArray,
  gradAvg: FloatArray | null,
  momentumBuffer: FloatArray | null,
  options: RmspropUpdateOptions,
): void {
  const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = options;
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const w = param[i]!;
    let g = maximize ? -grad[i]! : grad[i]!;
    if (weightDecay !== 0) g += weightDecay * w;
    squareAvg[i] = alpha * squareAvg[i]! + (1 - alpha) * g * g;
    let variance = squareAvg[i]!;
    if (centered && gradAvg !== null) {
      gradAvg[i] = alpha * gradAvg[i]! + (1 - alpha) * g;
      const m = gradAvg[i]!;
      variance -= m * m;
    }
    const u = g / (Math.sqrt(variance) + eps);
    if (momentum > 0 && momentumBuffer !== null) {
      momentumBuffer[i] = momentum * momentumBuffer[i]! + u;
      param[i] = w - lr * momentumBuffer[i]!;
    } else {
      param[i] = w - lr * u;
    }
  }
}

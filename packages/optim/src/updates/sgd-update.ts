import type { FloatArray, TypedArray } from '@nabla/tensor';

/** The scalars of one SGD step, as torch.optim.SGD names them (camelCase). */
export interface SgdUpdateOptions {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  maximize: boolean;
}

/**
 * One step of stochastic gradient descent, in place, elementwise (torch.optim.SGD):
 *
 * ```text
 * g ← ±∇w + λ·w                       (− when maximizing; λ = weightDecay, coupled L2)
 * b ← g                   on the first step with momentum,
 * b ← μ·b + (1 − τ)·g     afterwards  (μ = momentum, τ = dampening)
 * d ← g + μ·b  if nesterov, else b    (d = g without momentum)
 * w ← w − η·d                         (η = lr)
 * ```
 *
 * The lecture writes momentum as v ← αv + λ∇w, w ← w − v, with the learning rate λ inside the
 * velocity. That is this update with μ = α, τ = 0 and v = η·b: multiplying b's recurrence by η
 * gives η·b ← α·η·b + η·∇w. The two agree exactly while η is constant; they differ only when a
 * scheduler changes η (torch's b keeps past gradients unscaled, so a new η applies to them too).
 *
 * `momentumBuffer` is b (null without momentum); `initBuffer` says this is b's first step, when
 * torch copies g into it instead of decaying it (so the first step is plain SGD).
 */
export function sgdUpdate(
  param: FloatArray,
  grad: TypedArray,
  momentumBuffer: FloatArray | null,
  initBuffer: boolean,
  options: SgdUpdateOptions,
): void {
  const { lr, momentum, dampening, nesterov, weightDecay, maximize } = options;
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const w = param[i]!;
    let g = maximize ? -grad[i]! : grad[i]!;
    if (weightDecay !== 0) g += weightDecay * w;
    if (momentumBuffer !== null && momentum !== 0) {
      momentumBuffer[i] = initBuffer ? g : momentum * momentumBuffer[i]! + (1 - dampening) * g;
      // Read back what the buffer holds, so a float32 run uses the rounded state, as torch does.
      const b = momentumBuffer[i]!;
      g = nesterov ? g + momentum * b : b;
    }
    param[i] = w - lr * g;
  }
}

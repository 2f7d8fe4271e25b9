import type { Variable } from '@nabla/autograd';

/**
 * The global gradient norm: the L2 norm of every parameter's gradient taken as one vector,
 * summed in float64 (parameters without a gradient count as zero). The same quantity
 * `clipGradNorm` limits.
 */
export function globalGradNorm(params: readonly Variable[]): number {
  let sum = 0;
  for (let p = 0; p < params.length; p++) {
    const grad = params[p]!.grad;
    if (grad === null) continue;
    const g = grad.data;
    for (let i = 0; i < g.length; i++) sum += g[i]! * g[i]!;
  }
  return Math.sqrt(sum);
}

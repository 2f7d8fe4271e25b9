import { mean, type Reduction, sum, type Variable } from '@nabla/autograd';
import { ArgumentError } from '@nabla/tensor';

export type { Reduction };

export interface ReductionOptions {
  /**
   * How per-element losses are combined: `'mean'` (default), `'sum'`, or `'none'` for the
   * unreduced losses (PyTorch's names and default).
   */
  reduction?: Reduction;
}

export function checkReduction(op: string, reduction: unknown): Reduction {
  const r = reduction ?? 'mean';
  if (r !== 'mean' && r !== 'sum' && r !== 'none') {
    throw new ArgumentError(
      op,
      `reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(r)}`,
    );
  }
  return r;
}

/** Combines per-element losses: the plain mean over every element, the sum, or nothing. */
export function reduce(losses: Variable, reduction: Reduction): Variable {
  if (reduction === 'none') return losses;
  return reduction === 'sum' ? sum(losses) : mean(losses);
}

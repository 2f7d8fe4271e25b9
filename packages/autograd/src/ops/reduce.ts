// Reductions. sum, max/min and logsumexp are primitives; mean, variance, softmax and
// logSoftmax are composites of them and carry no gradient code.
import * as raw from '@nabla/tensor';
import {
  ArgumentError,
  normalizeAxes,
  type ReduceOptions,
  reducedShape,
  type Shape,
  type SoftmaxOptions,
  type Tensor,
  type VarianceOptions,
} from '@nabla/tensor';
import { type OpDef, operand, recording, result } from '../node.js';
import type { Variable } from '../variable.js';
import { div, exp, mul, sub } from './elementwise.js';

/** What a reduction's backward needs: the reduced axes and the kept-dims shape of the output. */
interface Reduced {
  axes: number[];
  kept: Shape;
}

function reduction(
  def: OpDef<Reduced>,
  fn: (x: Tensor, options: ReduceOptions) => Tensor,
  x: Variable | Tensor,
  options: ReduceOptions,
): Variable {
  const v = operand(def.name, x);
  const out = fn(v.data, options);
  const record = recording(v);
  let saved: Reduced | undefined;
  if (record) {
    const axes = normalizeAxes(def.name, options.axis, v.rank);
    saved = { axes, kept: reducedShape(v.shape, axes, true) };
  }
  return result(def, out, record, record ? [v] : [], saved as Reduced);
}

const SUM: OpDef<Reduced> = {
  name: 'sum',
  backward: (o, g, n) => {
    const { kept } = n.saved;
    // Reduced axes that were dropped are put back as size 1 first, unless broadcasting aligns
    // them anyway (kept dims, or a total that became a scalar).
    const aligned = o.shape(g).length === kept.length || o.shape(g).length === 0;
    return [o.broadcastTo(aligned ? g : o.reshape(g, kept), n.input(0).shape)];
  },
};
/** Sum over `axis` (an axis, a list, or all when omitted), optionally keeping reduced axes. */
export function sum(x: Variable | Tensor, options: ReduceOptions = {}): Variable {
  return reduction(SUM, raw.sum, x, options);
}

/** Arithmetic mean over `axis`. A composite: `sum / count`. */
export function mean(x: Variable | Tensor, options: ReduceOptions = {}): Variable {
  const v = operand('mean', x);
  return div(sum(v, options), raw.reducedCount(v.data, options.axis));
}

/** `g` spread over the positions that attained the extremum, split evenly among ties. */
function extremumBackward(name: string): OpDef<Reduced> {
  return {
    name,
    backward: (o, g, n) => {
      const x = n.input(0).data;
      const { axes, kept } = n.saved;
      const hits = raw.astype(raw.eq(x, raw.reshape(n.output.data, kept)), x.dtype);
      const share = raw.div(hits, raw.sum(hits, { axis: axes, keepDims: true }));
      return [o.mul(o.reshape(g, kept), o.constant(share))];
    },
  };
}

const MAX = extremumBackward('max');
/** Largest value over `axis`; the gradient goes to the maximal entries, split evenly on ties. */
export function max(x: Variable | Tensor, options: ReduceOptions = {}): Variable {
  return reduction(MAX, raw.max, x, options);
}

const MIN = extremumBackward('min');
/** Smallest value over `axis`; the gradient goes to the minimal entries, split evenly on ties. */
export function min(x: Variable | Tensor, options: ReduceOptions = {}): Variable {
  return reduction(MIN, raw.min, x, options);
}

/**
 * Variance over `axis`, `Σ(x − mean)² / (N − correction)` (default correction 1, as PyTorch).
 * A composite of mean, sub, mul, sum and div.
 */
export function variance(x: Variable | Tensor, options: VarianceOptions = {}): Variable {
  const v = operand('variance', x);
  const correction = options.correction ?? 1;
  if (!Number.isFinite(correction) || correction < 0) {
    throw new ArgumentError(
      'variance',
      `correction must be a non-negative number, got ${correction}`,
    );
  }
  const centred = sub(v, mean(v, { axis: options.axis, keepDims: true }));
  const dof = Math.max(0, raw.reducedCount(v.data, options.axis) - correction);
  return div(sum(mul(centred, centred), options), dof);
}

const LOGSUMEXP: OpDef<Reduced> = {
  name: 'logsumexp',
  backward: (o, g, n) => {
    const { kept } = n.saved;
    // d lse / dx = exp(x − lse) = softmax(x): every factor is at most 1, whatever x's magnitude.
    const shifted = o.sub(o.lift(n.input(0)), o.reshape(o.lift(n.output), kept));
    return [o.mul(o.reshape(g, kept), o.exp(shifted))];
  },
};
/**
 * `log Σ exp(x)` over `axis`. A primitive for numerical stability: it subtracts the maximum
 * first, so values and gradients stay finite for inputs of any magnitude.
 */
export function logsumexp(x: Variable | Tensor, options: ReduceOptions = {}): Variable {
  return reduction(LOGSUMEXP, raw.logsumexp, x, options);
}

/** `x − logsumexp(x)` along `axis` (default last). A composite; stable because logsumexp is. */
export function logSoftmax(x: Variable | Tensor, options: SoftmaxOptions = {}): Variable {
  const v = operand('logSoftmax', x);
  const axis = options.axis ?? -1;
  return sub(v, logsumexp(v, { axis, keepDims: true }));
}

/** `exp(x) / Σ exp(x)` along `axis` (default last). A composite: `exp(logSoftmax(x))`. */
export function softmax(x: Variable | Tensor, options: SoftmaxOptions = {}): Variable {
  return exp(logSoftmax(x, options));
}

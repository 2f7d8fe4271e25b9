import { kernels } from '../backend.js';
import type { FloatArray } from '../dtype.js';
import { DTypeError, formatShape, ShapeError } from '../errors.js';
import type { LinearArgs } from '../kernels/types.js';
import { matrixShape } from '../matrix-shape.js';
import { allocateUninitialized } from '../pool.js';
import { assertTensor, type Tensor, tensorOf } from '../tensor.js';

/**
 * `x · weightᵀ + bias`, PyTorch's `F.linear`: `x` is `[..., in]`, `weight` `[out, in]`, `bias`
 * `[out]` (or omitted), the result `[..., out]`. One kernel call: the transpose is read through
 * the product's flag and the bias added as the product is written, never in a separate pass.
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const op = 'linear';
  assertTensor(op, x);
  assertTensor(op, weight, 'weight');
  if (bias !== undefined && bias !== null) assertTensor(op, bias, 'bias');
  const inF = weight.shape[1];
  if (weight.rank !== 2 || x.rank < 1 || x.shape[x.rank - 1] !== inF) {
    throw new ShapeError(
      op,
      `weight must be [out, in] with in = the last axis of x; got x ${formatShape(x.shape)} and weight ${formatShape(weight.shape)}`,
    );
  }
  const outF = weight.shape[0]!;
  if (bias != null && (bias.rank !== 1 || bias.shape[0] !== outF)) {
    throw new ShapeError(
      op,
      `bias must have shape [${outF}] for weight ${formatShape(weight.shape)}, got ${formatShape(bias.shape)}`,
    );
  }
  const dtype = x.dtype;
  if (dtype === 'int32' || weight.dtype !== dtype || (bias != null && bias.dtype !== dtype)) {
    throw new DTypeError(
      op,
      `x, weight and bias must share one float dtype, got ${x.dtype}, ${weight.dtype}${bias != null ? ` and ${bias.dtype}` : ''}; convert with astype`,
    );
  }
  // x as a matrix [m, in]: its leading axes flattened (contiguous data, so no copy).
  const m = sizeWithout(x);
  const shape = x.rank === 2 ? matrixShape(m, outF) : [...x.shape.slice(0, -1), outF];
  const out = allocateUninitialized(dtype, m * outF) as FloatArray;
  if (m * outF > 0) {
    args.a = x.data as FloatArray;
    args.b = weight.data as FloatArray;
    args.out = out;
    args.bias = bias == null ? null : (bias.data as FloatArray);
    args.m = m;
    args.k = inF!;
    args.n = outF;
    try {
      kernels().linear(args);
    } finally {
      // Drop the references, so a large operand is not kept alive by this object.
      args.a = args.b = args.out = EMPTY;
      args.bias = null;
    }
  }
  return tensorOf(out, shape);
}

/** The product of every axis of `x` but the last. */
function sizeWithout(x: Tensor): number {
  let n = 1;
  for (let i = 0; i < x.rank - 1; i++) n *= x.shape[i]!;
  return n;
}

const EMPTY = new Float32Array(0);

/** Reused for every call (kernels run to completion and must not keep it). */
const args: LinearArgs = {
  a: EMPTY,
  aOffset: 0,
  b: EMPTY,
  bOffset: 0,
  out: EMPTY,
  outOffset: 0,
  m: 0,
  k: 0,
  n: 0,
  transA: false,
  transB: true,
  bias: null,
};

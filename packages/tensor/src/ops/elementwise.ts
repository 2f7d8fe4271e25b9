import { kernels } from '../backend.js';
import { type DType, floatTypeOf, promoteTypes } from '../dtype.js';
import { ArgumentError } from '../errors.js';
import type { BinaryOp, UnaryOp } from '../kernels/types.js';
import { allocateUninitialized } from '../pool.js';
import { broadcastShapes, broadcastStrides, type Shape, shapesEqual, sizeOf } from '../shape.js';
import { assertTensor, type Tensor, tensorOf } from '../tensor.js';
import { dtypeHint, type Operand, toTensor } from './operand.js';

/** Result dtype rule of a binary op. */
type BinaryResult = 'promote' | 'float' | 'int32';

function binary(op: BinaryOp, a: Operand, b: Operand, result: BinaryResult): Tensor {
  const ta = toTensor(op, a, dtypeHint(b), 'first operand');
  const tb = toTensor(op, b, ta.dtype, 'second operand');
  const promoted = ta.dtype === tb.dtype ? ta.dtype : promoteTypes(ta.dtype, tb.dtype);
  const dtype: DType =
    result === 'int32' ? 'int32' : result === 'float' ? floatTypeOf(promoted) : promoted;
  const kernel = kernels().binary[op];
  // The common cases, without broadcasting machinery: equal shapes, or a scalar (a number
  // operand) on either side. The result shares the frozen shape of its tensor operand.
  const sa = ta.shape;
  let sb = tb.shape;
  let shape: Shape;
  if (sa === sb || shapesEqual(sa, sb)) {
    shape = sa;
    sb = sa;
  } else if (tb.size === 1 && sb.length <= sa.length) {
    shape = sa;
  } else if (ta.size === 1 && sa.length <= sb.length) {
    shape = sb;
  } else {
    shape = broadcastShapes(op, sa, sb);
    const out = tensorOf(allocateUninitialized(dtype, sizeOf(shape)), shape);
    kernel(
      ta.data,
      broadcastStrides(sa, shape),
      tb.data,
      broadcastStrides(sb, shape),
      out.data,
      shape,
    );
    return out;
  }
  const out = tensorOf(allocateUninitialized(dtype, sizeOf(shape)), shape);
  kernel(ta.data, readStrides(sa, shape), tb.data, readStrides(sb, shape), out.data, shape);
  return out;
}

/** `broadcastStrides` for an operand of the output's shape or of one element, cached. */
function readStrides(operand: Shape, shape: Shape): readonly number[] {
  if (operand !== shape) return zeroStrides(shape.length);
  let strides = stridesCache.get(shape);
  if (strides === undefined) {
    strides = broadcastStrides(shape, shape);
    stridesCache.set(shape, strides);
  }
  return strides;
}

/** Strides by frozen shape: a shape is shared by every tensor computed from its first owner. */
const stridesCache = new WeakMap<Shape, readonly number[]>();
const zeros: (readonly number[])[] = [];

function zeroStrides(rank: number): readonly number[] {
  let z = zeros[rank];
  if (z === undefined) {
    z = Object.freeze(new Array<number>(rank).fill(0));
    zeros[rank] = z;
  }
  return z;
}

/** `keepsInt`: the op maps integers to integers (neg, abs, sign, relu); others compute in float. */
function unary(op: UnaryOp, x: Tensor, keepsInt: boolean): Tensor {
  assertTensor(op, x);
  const dtype = keepsInt ? x.dtype : floatTypeOf(x.dtype);
  const out = tensorOf(allocateUninitialized(dtype, x.size), x.shape);
  kernels().unary[op](x.data, out.data);
  return out;
}

/** `a + b`, broadcasting. */
export const add = (a: Operand, b: Operand): Tensor => binary('add', a, b, 'promote');
/** `a - b`, broadcasting. */
export const sub = (a: Operand, b: Operand): Tensor => binary('sub', a, b, 'promote');
/** `a * b`, broadcasting. */
export const mul = (a: Operand, b: Operand): Tensor => binary('mul', a, b, 'promote');
/** `a / b`, broadcasting; true division, so int32 operands give float32 (as in PyTorch). */
export const div = (a: Operand, b: Operand): Tensor => binary('div', a, b, 'float');
/**
 * `a ** b`, broadcasting. An int32 result cannot hold `2 ** -1`, so (as in PyTorch) integer
 * powers with a negative integer exponent are refused rather than truncated to 0.
 */
export function pow(a: Operand, b: Operand): Tensor {
  const ta = toTensor('pow', a, dtypeHint(b), 'first operand');
  const tb = toTensor('pow', b, ta.dtype, 'second operand');
  if (ta.dtype === 'int32' && tb.dtype === 'int32') {
    const negative = tb.data.find((v) => v < 0);
    if (negative !== undefined) {
      throw new ArgumentError(
        'pow',
        `int32 to the negative power ${negative} is not an integer; convert the base with astype(x, 'float32')`,
      );
    }
  }
  return binary('pow', ta, tb, 'promote');
}
/** Elementwise maximum; NaN propagates. */
export const maximum = (a: Operand, b: Operand): Tensor => binary('maximum', a, b, 'promote');
/** Elementwise minimum; NaN propagates. */
export const minimum = (a: Operand, b: Operand): Tensor => binary('minimum', a, b, 'promote');

// Comparisons give int32 0/1 (Nabla has no bool dtype): usable as masks in `where` and `mul`.
export const eq = (a: Operand, b: Operand): Tensor => binary('eq', a, b, 'int32');
export const ne = (a: Operand, b: Operand): Tensor => binary('ne', a, b, 'int32');
export const gt = (a: Operand, b: Operand): Tensor => binary('gt', a, b, 'int32');
export const ge = (a: Operand, b: Operand): Tensor => binary('ge', a, b, 'int32');
export const lt = (a: Operand, b: Operand): Tensor => binary('lt', a, b, 'int32');
export const le = (a: Operand, b: Operand): Tensor => binary('le', a, b, 'int32');

export const neg = (x: Tensor): Tensor => unary('neg', x, true);
export const exp = (x: Tensor): Tensor => unary('exp', x, false);
export const log = (x: Tensor): Tensor => unary('log', x, false);
/** `log(1 + x)`, accurate for small x. */
export const log1p = (x: Tensor): Tensor => unary('log1p', x, false);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x, false);
export const abs = (x: Tensor): Tensor => unary('abs', x, true);
/** -1, 0 or 1 (NaN for NaN). */
export const sign = (x: Tensor): Tensor => unary('sign', x, true);
export const tanh = (x: Tensor): Tensor => unary('tanh', x, false);
/** `1 / (1 + e^-x)`, computed without overflow for any x. */
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x, false);
/** `max(x, 0)`; NaN stays NaN. */
export const relu = (x: Tensor): Tensor => unary('relu', x, true);

export interface LeakyReluOptions {
  /** Slope for negative inputs; PyTorch's default 0.01. */
  negativeSlope?: number;
}

/** `x` for x ≥ 0, `negativeSlope · x` below. */
export function leakyRelu(x: Tensor, options: LeakyReluOptions = {}): Tensor {
  assertTensor('leakyRelu', x);
  const slope = options.negativeSlope ?? 0.01;
  if (typeof slope !== 'number' || !Number.isFinite(slope)) {
    throw new ArgumentError(
      'leakyRelu',
      `negativeSlope must be a finite number, got ${String(slope)}`,
    );
  }
  const out = tensorOf(allocateUninitialized(floatTypeOf(x.dtype), x.size), x.shape);
  kernels().leakyRelu(x.data, out.data, slope);
  return out;
}

export interface ClampOptions {
  min?: number;
  max?: number;
}

/** Limits values to `[min, max]` (either bound may be omitted); NaN stays NaN. */
export function clamp(x: Tensor, options: ClampOptions): Tensor {
  assertTensor('clamp', x);
  const lo = options?.min ?? Number.NEGATIVE_INFINITY;
  const hi = options?.max ?? Number.POSITIVE_INFINITY;
  if (options?.min === undefined && options?.max === undefined) {
    throw new ArgumentError('clamp', 'give at least one of min and max');
  }
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new ArgumentError('clamp', `bounds must satisfy min <= max, got min=${lo}, max=${hi}`);
  }
  // An int32 tensor stays int32 when the bounds are integers or absent (±∞); an integer bound
  // beyond int32 clamps exactly like the int32 limit, and narrowing it keeps the store exact.
  const intBound = (v: number) => Number.isInteger(v) || !Number.isFinite(v);
  const keepsInt = x.dtype === 'int32' && intBound(lo) && intBound(hi);
  const dtype = keepsInt ? 'int32' : floatTypeOf(x.dtype);
  const out = tensorOf(allocateUninitialized(dtype, x.size), x.shape);
  const limit = (v: number) => Math.min(2 ** 31 - 1, Math.max(-(2 ** 31), v));
  kernels().clamp(x.data, out.data, keepsInt ? limit(lo) : lo, keepsInt ? limit(hi) : hi);
  return out;
}

/** `cond ? a : b` elementwise (any non-zero `cond` is true), all three broadcasting together. */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  assertTensor('where', cond, 'condition');
  const ta = toTensor('where', a, dtypeHint(b), 'second argument');
  const tb = toTensor('where', b, ta.dtype, 'third argument');
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, ta.shape), tb.shape);
  const out = tensorOf(
    allocateUninitialized(promoteTypes(ta.dtype, tb.dtype), sizeOf(shape)),
    shape,
  );
  kernels().where(
    cond.data,
    broadcastStrides(cond.shape, shape),
    ta.data,
    broadcastStrides(ta.shape, shape),
    tb.data,
    broadcastStrides(tb.shape, shape),
    out.data,
    shape,
  );
  return out;
}

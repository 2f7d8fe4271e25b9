import { kernels } from '../backend.js';
import { allocate, type DType, floatTypeOf } from '../dtype.js';
import { ArgumentError, formatShape, ShapeError } from '../errors.js';
import type { ReduceKernel } from '../kernels/types.js';
import { allocateUninitialized, release } from '../pool.js';
import { normalizeAxes, normalizeAxis, sizeOf } from '../shape.js';
import { assertTensor, Tensor, tensorOf } from '../tensor.js';
import { div, exp, log, sub } from './elementwise.js';

export interface ReduceOptions {
  /** An axis, a list of axes, or omitted for all axes. Negative axes count from the end. */
  axis?: number | readonly number[];
  /** Keep reduced axes as size 1, so the result broadcasts against the input. */
  keepDims?: boolean;
}

export interface ArgReduceOptions {
  /** One axis; omitted = the index into the flattened tensor. */
  axis?: number;
  keepDims?: boolean;
}

export interface VarianceOptions extends ReduceOptions {
  /** Subtracted from the count in the denominator: 1 (default) is Bessel's unbiased estimate, 0 the population variance. */
  correction?: number;
}

export interface SoftmaxOptions {
  /** The axis that sums to one; the last axis unless given. */
  axis?: number;
}

/** The result shape of reducing `axes`, with or without the kept size-1 axes. */
export function reducedShape(
  shape: readonly number[],
  axes: readonly number[],
  keepDims: boolean,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (!axes.includes(i)) out.push(shape[i]!);
    else if (keepDims) out.push(1);
  }
  return out;
}

/** Reduces one axis with a kernel, keeping it as size 1. */
function reduceAxis(x: Tensor, axis: number, kernel: ReduceKernel, dtype: DType): Tensor {
  const shape = x.shape;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  const outShape = shape.map((d, i) => (i === axis ? 1 : d));
  // Kernels are promised length >= 1 and write every output; an empty sum is zeros.
  if (shape[axis]! === 0) return tensorOf(allocate(dtype, outer * inner), outShape);
  const out = allocateUninitialized(dtype, outer * inner);
  kernel(x.data, out, outer, shape[axis]!, inner);
  return tensorOf(out, outShape);
}

/** Reduces several axes one after another (each pass is a cheap strided loop). */
function reduceAxes(
  op: string,
  x: Tensor,
  options: ReduceOptions,
  kernel: ReduceKernel,
  dtype: DType,
  emptyAllowed: boolean,
): Tensor {
  assertTensor(op, x);
  const axes = normalizeAxes(op, options.axis, x.rank);
  if (!emptyAllowed) {
    for (const a of axes) {
      if (x.shape[a] === 0) {
        throw new ShapeError(
          op,
          `cannot reduce over the empty axis ${a} of shape ${formatShape(x.shape)}; ${op} of nothing is undefined`,
        );
      }
    }
  }
  let t = x;
  for (let i = 0; i < axes.length; i++) {
    const next = reduceAxis(t, axes[i]!, kernel, dtype);
    // Intermediate results of a multi-axis reduction are ours alone.
    if (i > 0) release(t);
    t = next;
  }
  if (axes.length === 0) t = tensorOf(castCopy(x, dtype), x.shape);
  const shape = reducedShape(x.shape, axes, options.keepDims ?? false);
  return tensorOf(t.data, shape);
}

function castCopy(x: Tensor, dtype: DType) {
  const data = allocate(dtype, x.size);
  data.set(x.data);
  return data;
}

/** Sum over the given axes (all if omitted); int32 stays int32. */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  assertTensor('sum', x);
  // A vector's whole sum is one kernel call over its memory, the call the axis-by-axis path
  // makes for its one long axis, without a pass and a tensor per length-1 axis: a small batch's
  // loss is summed every step.
  if (options.axis === undefined && options.keepDims !== true && isVectorLike(x.shape)) {
    const out = allocate(x.dtype, 1);
    if (x.size > 0) kernels().reduce.sum(x.data, out, 1, x.size, 1);
    return tensorOf(out, SCALAR);
  }
  return reduceAxes('sum', x, options, kernels().reduce.sum, x.dtype, true);
}

const SCALAR: readonly number[] = Object.freeze([]);

/**
 * Rank ≥ 1 with at most one axis longer than 1: its elements lie in memory in the order the
 * passes sum them. (A 0-d tensor's sum is the value itself, -0 included, not 0 + value.)
 */
function isVectorLike(shape: readonly number[]): boolean {
  if (shape.length === 0) return false;
  let long = 0;
  for (let i = 0; i < shape.length; i++) if (shape[i] !== 1) long++;
  return long <= 1;
}

/** Arithmetic mean; NaN over an empty axis, as in PyTorch. Integers give float32. */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  assertTensor('mean', x);
  const dtype = floatTypeOf(x.dtype);
  const total = reduceAxes('mean', x, options, kernels().reduce.sum, dtype, true);
  const count = reducedCount(x, options.axis);
  const data = total.data;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! / count;
  return total;
}

/** Largest value over the given axes; NaN wins. Use `argmax` for the index. */
export function max(x: Tensor, options: ReduceOptions = {}): Tensor {
  assertTensor('max', x);
  return reduceAxes('max', x, options, kernels().reduce.max, x.dtype, false);
}

/** Smallest value over the given axes; NaN wins. Use `argmin` for the index. */
export function min(x: Tensor, options: ReduceOptions = {}): Tensor {
  assertTensor('min', x);
  return reduceAxes('min', x, options, kernels().reduce.min, x.dtype, false);
}

function argReduce(op: 'argmax' | 'argmin', x: Tensor, options: ArgReduceOptions): Tensor {
  assertTensor(op, x);
  if (Array.isArray(options.axis)) {
    throw new ArgumentError(op, 'takes a single axis, not a list');
  }
  if (options.axis === undefined) {
    if (x.size === 0)
      throw new ShapeError(
        op,
        `cannot take ${op} of an empty tensor (shape ${formatShape(x.shape)})`,
      );
    const flat = new Tensor(x.data, [x.size]);
    const out = reduceAxes(op, flat, { axis: 0 }, kernels().reduce[op], 'int32', false);
    return options.keepDims
      ? new Tensor(
          out.data,
          x.shape.map(() => 1),
        )
      : out;
  }
  const axis = normalizeAxis(op, options.axis, x.rank);
  return reduceAxes(
    op,
    x,
    { axis, keepDims: options.keepDims ?? false },
    kernels().reduce[op],
    'int32',
    false,
  );
}

/** Index of the largest value along `axis` (the first one on ties), as int32. */
export function argmax(x: Tensor, options: ArgReduceOptions = {}): Tensor {
  return argReduce('argmax', x, options);
}

/** Index of the smallest value along `axis` (the first one on ties), as int32. */
export function argmin(x: Tensor, options: ArgReduceOptions = {}): Tensor {
  return argReduce('argmin', x, options);
}

/** The number of elements each output of a reduction over `axis` summarises. */
export function reducedCount(x: Tensor, axis: number | readonly number[] | undefined): number {
  const axes = normalizeAxes('reduce', axis, x.rank);
  let count = 1;
  for (const a of axes) count *= x.shape[a]!;
  return count;
}

/** Variance, `Σ(x − mean)² / (N − correction)`, with PyTorch's default correction of 1. */
export function variance(x: Tensor, options: VarianceOptions = {}): Tensor {
  assertTensor('variance', x);
  normalizeAxes('variance', options.axis, x.rank);
  const correction = options.correction ?? 1;
  if (!Number.isFinite(correction) || correction < 0) {
    throw new ArgumentError(
      'variance',
      `correction must be a non-negative number, got ${correction}`,
    );
  }
  const centred = sub(x, mean(x, { axis: options.axis, keepDims: true }));
  const squares = centred.data;
  for (let i = 0; i < squares.length; i++) squares[i] = squares[i]! * squares[i]!;
  const total = sum(centred, options);
  const dof = Math.max(0, reducedCount(x, options.axis) - correction);
  const data = total.data;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! / dof;
  return total;
}

/**
 * `log Σ exp(x)` over the given axes, stably: the maximum is subtracted first, so inputs of any
 * magnitude give finite results (and an all −∞ slice gives −∞, not NaN).
 */
export function logsumexp(x: Tensor, options: ReduceOptions = {}): Tensor {
  assertTensor('logsumexp', x);
  if (x.dtype === 'int32') x = new Tensor(castCopy(x, 'float32'), x.shape);
  const axes = normalizeAxes('logsumexp', options.axis, x.rank);
  const keepDims = options.keepDims ?? false;
  if (axes.some((a) => x.shape[a] === 0)) {
    // The log of an empty sum: −∞, as in PyTorch (there is no maximum to shift by).
    const shape = reducedShape(x.shape, axes, keepDims);
    return new Tensor(allocate(x.dtype, sizeOf(shape)).fill(Number.NEGATIVE_INFINITY), shape);
  }
  const shift = max(x, { axis: axes, keepDims: true });
  const s = shift.data;
  for (let i = 0; i < s.length; i++) if (!Number.isFinite(s[i]!)) s[i] = 0;
  const summed = sum(exp(sub(x, shift)), { axis: axes, keepDims: true });
  const out = log(summed);
  const o = out.data;
  for (let i = 0; i < o.length; i++) o[i] = o[i]! + s[i]!;
  return new Tensor(o, reducedShape(x.shape, axes, keepDims));
}

/** `exp(x) / Σ exp(x)` along `axis` (default last), shift-invariant and overflow-free. */
export function softmax(x: Tensor, options: SoftmaxOptions = {}): Tensor {
  assertTensor('softmax', x);
  const axis = normalizeAxis('softmax', options.axis ?? -1, x.rank);
  if (x.size === 0) return new Tensor(allocate(floatTypeOf(x.dtype), 0), x.shape);
  const e = exp(sub(x, max(x, { axis, keepDims: true })));
  return div(e, sum(e, { axis, keepDims: true }));
}

/** `x − logsumexp(x)` along `axis` (default last): log-probabilities without underflow. */
export function logSoftmax(x: Tensor, options: SoftmaxOptions = {}): Tensor {
  assertTensor('logSoftmax', x);
  const axis = normalizeAxis('logSoftmax', options.axis ?? -1, x.rank);
  if (x.size === 0) return new Tensor(allocate(floatTypeOf(x.dtype), 0), x.shape);
  return sub(x, logsumexp(x, { axis, keepDims: true }));
}

import type {
  AxisOptions,
  DType,
  MatmulOptions,
  ReduceOptions,
  Shape,
  SliceOptions,
  Tensor,
} from '@nabla/tensor';
import * as raw from '@nabla/tensor';
import {
  indexAddTensor,
  mapFloat,
  padSliceTensor,
  scatterAddTensor,
  softplusScalar,
} from '../kernels.js';
import { Variable } from '../variable.js';
import { add, div, exp, log, mul, neg, pow, sigmoid, softplus, sub, where } from './elementwise.js';
import { matmul } from './matmul.js';
import { logsumexp, sum } from './reduce.js';
import {
  astype,
  broadcastTo,
  gather,
  indexAdd,
  indexSelect,
  padSlice,
  permute,
  reshape,
  scatterAdd,
  slice,
} from './shape.js';

/** Where `padSlice` writes: the normalised `start` and `step` of the slice it undoes. */
export interface PadSliceOptions {
  axis: number;
  start: number;
  step: number;
}

/** Recomputes a value the forward saved, as a function of one input (see `Ops.cached`). */
export type Recompute = <U>(o: Ops<U>, x: U) => U;

/**
 * The small vocabulary every backward is written in. Two values implement it with the same
 * names: `tensorOps` (T = Tensor: raw kernels, nothing recorded; what `backward()` uses) and
 * `variableOps` (T = Variable: the differentiable ops themselves; what `createGraph: true` uses,
 * so that a backward is itself a graph that can be differentiated again).
 */
export interface Ops<T> {
  /** A node's input or output in the working type: its tensor, or the Variable itself. */
  lift(v: Variable): T;
  /** A value that is not differentiated: a mask, a one-hot target, a cast index. */
  constant(t: Tensor): T;
  /**
   * A value the forward computed from input `from` and saved: the saved tensor itself on raw
   * tensors; recomputed from `from` by `recompute` when building a graph (so it is differentiable).
   */
  cached(saved: Tensor, from: Variable, recompute: Recompute): T;
  shape(x: T): Shape;
  dtype(x: T): DType;

  add(a: T, b: T | number): T;
  sub(a: T | number, b: T | number): T;
  mul(a: T, b: T | number): T;
  div(a: T | number, b: T | number): T;
  pow(a: T, b: T | number): T;
  neg(x: T): T;
  exp(x: T): T;
  log(x: T): T;
  sigmoid(x: T): T;
  softplus(x: T): T;
  /** `cond ? a : b`, `cond` a constant mask (int32 0/1 or any non-zero). */
  where(cond: Tensor, a: T | number, b: T | number): T;

  sum(x: T, options?: ReduceOptions): T;
  logsumexp(x: T, options?: ReduceOptions): T;

  reshape(x: T, shape: Shape): T;
  permute(x: T, dims: readonly number[]): T;
  broadcastTo(x: T, shape: Shape): T;
  astype(x: T, dtype: DType): T;
  matmul(a: T, b: T, options?: MatmulOptions): T;
  slice(x: T, options: SliceOptions): T;
  /** The adjoint of `slice`: `x` placed into zeros of `shape`. */
  padSlice(x: T, shape: Shape, options: PadSliceOptions): T;
  gather(x: T, index: Tensor, options: AxisOptions): T;
  /** The adjoint of `gather`: `x` added into zeros of `shape` at the gathered positions. */
  scatterAdd(x: T, index: Tensor, shape: Shape, options: AxisOptions): T;
  indexSelect(x: T, indices: Tensor, options: AxisOptions): T;
  /** The adjoint of `indexSelect`: slices of `x` added into zeros of `shape` at `indices`. */
  indexAdd(x: T, indices: Tensor, shape: Shape, options: AxisOptions): T;
}

/** Backward on raw tensors: the fast default. */
export const tensorOps: Ops<Tensor> = {
  lift: (v) => v.data,
  constant: (t) => t,
  cached: (saved) => saved,
  shape: (x) => x.shape,
  dtype: (x) => x.dtype,
  add: raw.add,
  sub: raw.sub,
  mul: raw.mul,
  div: raw.div,
  pow: raw.pow,
  neg: raw.neg,
  exp: raw.exp,
  log: raw.log,
  sigmoid: raw.sigmoid,
  softplus: (x) => mapFloat(x, softplusScalar),
  where: raw.where,
  sum: raw.sum,
  logsumexp: raw.logsumexp,
  reshape: raw.reshape,
  permute: raw.permute,
  broadcastTo: raw.broadcastTo,
  astype: raw.astype,
  matmul: raw.matmul,
  slice: raw.slice,
  padSlice: (x, shape, o) => padSliceTensor(x, shape, o.axis, o.start, o.step),
  gather: raw.gather,
  scatterAdd: (x, index, shape, o) => scatterAddTensor(x, index, shape, o.axis ?? 0),
  indexSelect: raw.indexSelect,
  indexAdd: (x, indices, shape, o) => indexAddTensor(x, indices, shape, o.axis ?? 0),
};

/** Backward on Variables: every step is recorded, so gradients can be differentiated again. */
export const variableOps: Ops<Variable> = {
  lift: (v) => v,
  constant: (t) => new Variable(t, false, 'constant'),
  cached: (_saved, from, recompute) => recompute(variableOps, from),
  shape: (x) => x.shape,
  dtype: (x) => x.dtype,
  add,
  sub,
  mul,
  div,
  pow,
  neg,
  exp,
  log,
  sigmoid,
  softplus,
  where,
  sum,
  logsumexp,
  reshape,
  permute,
  broadcastTo,
  astype,
  matmul,
  slice,
  padSlice,
  gather,
  scatterAdd,
  indexSelect,
  indexAdd,
};

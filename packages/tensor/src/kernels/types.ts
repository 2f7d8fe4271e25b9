import type { FloatArray, TypedArray } from '../dtype.js';

/**
 * The seam between ops and the loops that do the arithmetic. Ops validate shapes and dtypes,
 * allocate outputs and call a kernel; kernels only compute. A backend is a value of type
 * `Kernels`: one missing a kernel does not compile, and nothing is registered by name at run
 * time. The TypeScript kernels implement all of it; faster backends override single entries
 * (`{ ...jsKernels, matmul: simdMatmul }`) and are tested against the TypeScript twins.
 */
export interface Kernels {
  readonly name: string;
  readonly unary: { readonly [K in UnaryOp]: UnaryKernel };
  readonly binary: { readonly [K in BinaryOp]: BinaryKernel };
  readonly reduce: { readonly [K in ReduceOp]: ReduceKernel };
  /** `out[i] = x[i] < 0 ? slope * x[i] : x[i]`. */
  leakyRelu(x: TypedArray, out: TypedArray, slope: number): void;
  /** `out[i] = min(max(x[i], lo), hi)`; NaN stays NaN. */
  clamp(x: TypedArray, out: TypedArray, lo: number, hi: number): void;
  /** `out = cond != 0 ? a : b`, each operand read through broadcast strides. */
  where(
    cond: TypedArray,
    condStrides: readonly number[],
    a: TypedArray,
    aStrides: readonly number[],
    b: TypedArray,
    bStrides: readonly number[],
    out: TypedArray,
    outShape: readonly number[],
  ): void;
  matmul: MatmulKernel;
  /** `out = op(A)·op(B) + bias`, the bias added to every row: a layer's forward in one pass. */
  linear(args: LinearArgs): void;
  /** `out[i] = x[i] > 0 ? g[i] : 0`: ReLU's vector-Jacobian product (g the output's gradient). */
  reluGrad(x: FloatArray, g: FloatArray, out: FloatArray): void;
  /** One Adam step over a parameter, in place: see `AdamArgs`. */
  adam(args: AdamArgs): void;
}

export type UnaryOp =
  | 'neg'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'abs'
  | 'sign'
  | 'tanh'
  | 'sigmoid'
  | 'relu';

export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le';

export type ReduceOp = 'sum' | 'max' | 'min' | 'argmax' | 'argmin';

/** Maps `x` into `out` element by element (same length; dtypes may differ). */
export type UnaryKernel = (x: TypedArray, out: TypedArray) => void;

/**
 * `out = f(a, b)` over `outShape`, reading `a` and `b` through strides that are 0 along
 * broadcast dimensions (see `broadcastStrides`).
 */
export type BinaryKernel = (
  a: TypedArray,
  aStrides: readonly number[],
  b: TypedArray,
  bStrides: readonly number[],
  out: TypedArray,
  outShape: readonly number[],
) => void;

/**
 * Reduces the middle axis of `x` viewed as `[outer, length, inner]` into `out` viewed as
 * `[outer, inner]`. `length` is at least 1 (ops handle empty reductions).
 */
export type ReduceKernel = (
  x: TypedArray,
  out: TypedArray,
  outer: number,
  length: number,
  inner: number,
) => void;

/**
 * One matrix product `out = op(A) · op(B)` of an `m×k` by `k×n` product, where `op` transposes
 * when the flag is set: with `transA`, A is stored `k×m`; with `transB`, B is stored `n×k`. The
 * operands start at the given offsets, so batched products need no copies. `out` is overwritten.
 */
export type MatmulKernel = (args: MatmulArgs) => void;

export interface MatmulArgs {
  a: FloatArray;
  aOffset: number;
  b: FloatArray;
  bOffset: number;
  out: FloatArray;
  outOffset: number;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
}

/** A matrix product plus a bias row: `bias` holds n values (or is null: a plain product). */
export interface LinearArgs extends MatmulArgs {
  bias: FloatArray | null;
}

/**
 * One step of Adam (torch.optim.Adam without AMSGrad) over arrays of one float dtype, in place:
 *
 * ```text
 * g ← ±grad + weightDecay·param      (− when maximize)
 * expAvg ← β₁·expAvg + (1 − β₁)·g;    expAvgSq ← β₂·expAvgSq + (1 − β₂)·g²
 * param ← param − stepSize·expAvg / (√expAvgSq · inverseCorrection2Sqrt + eps)
 * ```
 *
 * with `stepSize = lr / (1 − β₁ᵗ)` and `inverseCorrection2Sqrt = 1 / √(1 − β₂ᵗ)`. An optimizer's
 * bookkeeping lives in @nabla/optim; this is the pass over memory, which is what costs.
 */
export interface AdamArgs {
  param: FloatArray;
  grad: FloatArray;
  expAvg: FloatArray;
  expAvgSq: FloatArray;
  beta1: number;
  beta2: number;
  stepSize: number;
  inverseCorrection2Sqrt: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

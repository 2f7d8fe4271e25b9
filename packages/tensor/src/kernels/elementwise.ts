import type { TypedArray } from '../dtype.js';
import type { BinaryKernel, UnaryKernel } from './types.js';

/**
 * Builds a unary kernel from a scalar function. Each call returns a fresh closure, so V8 keeps
 * separate type feedback per op and inlines `fn` into its own loop.
 */
export function unaryKernel(fn: (x: number) => number): UnaryKernel {
  return (x, out) => {
    const n = x.length;
    for (let i = 0; i < n; i++) out[i] = fn(x[i]!);
  };
}

/**
 * Builds a broadcasting binary kernel from a scalar function (see `unaryKernel` on closures).
 * `intFn`, if given, replaces `fn` when the output is int32: `a * b` in doubles loses the low
 * bits of products beyond 2^53, so int32 multiplication must wrap with `Math.imul` instead.
 */
export function binaryKernel(
  fn: (a: number, b: number) => number,
  intFn?: (a: number, b: number) => number,
): BinaryKernel {
  const floatKernel = stridedKernel(fn);
  if (intFn === undefined) return floatKernel;
  const intKernel = stridedKernel(intFn);
  return (a, aStrides, b, bStrides, out, outShape) =>
    (out instanceof Int32Array ? intKernel : floatKernel)(a, aStrides, b, bStrides, out, outShape);
}

function stridedKernel(fn: (a: number, b: number) => number): BinaryKernel {
  return (a, aStrides, b, bStrides, out, outShape) => {
    const n = out.length;
    if (n === 0) return;
    // Fast paths: operands of the output's size are contiguous in its layout; size 1 is a scalar.
    if (a.length === n && b.length === n) {
      for (let i = 0; i < n; i++) out[i] = fn(a[i]!, b[i]!);
      return;
    }
    if (a.length === n && b.length === 1) {
      const s = b[0]!;
      for (let i = 0; i < n; i++) out[i] = fn(a[i]!, s);
      return;
    }
    if (a.length === 1 && b.length === n) {
      const s = a[0]!;
      for (let i = 0; i < n; i++) out[i] = fn(s, b[i]!);
      return;
    }
    const rank = outShape.length;
    const last = rank - 1;
    const inner = outShape[last]!;
    const as = aStrides[last]!;
    const bs = bStrides[last]!;
    const index = new Int32Array(rank);
    let ao = 0;
    let bo = 0;
    for (let o = 0; o < n; o += inner) {
      for (let i = 0; i < inner; i++) out[o + i] = fn(a[ao + i * as]!, b[bo + i * bs]!);
      // Advance the multi-index over the outer axes, odometer style.
      for (let d = last - 1; d >= 0; d--) {
        index[d]!++;
        ao += aStrides[d]!;
        bo += bStrides[d]!;
        if (index[d]! < outShape[d]!) break;
        ao -= aStrides[d]! * outShape[d]!;
        bo -= bStrides[d]! * outShape[d]!;
        index[d] = 0;
      }
    }
  };
}

/** `out = cond ? a : b` with three broadcast operands; the same odometer as `binaryKernel`. */
export function whereKernel(
  cond: TypedArray,
  cStrides: readonly number[],
  a: TypedArray,
  aStrides: readonly number[],
  b: TypedArray,
  bStrides: readonly number[],
  out: TypedArray,
  outShape: readonly number[],
): void {
  const n = out.length;
  if (n === 0) return;
  const rank = outShape.length;
  if (rank === 0) {
    out[0] = cond[0] !== 0 ? a[0]! : b[0]!;
    return;
  }
  const last = rank - 1;
  const inner = outShape[last]!;
  const index = new Int32Array(rank);
  let co = 0;
  let ao = 0;
  let bo = 0;
  for (let o = 0; o < n; o += inner) {
    for (let i = 0; i < inner; i++) {
      out[o + i] =
        cond[co + i * cStrides[last]!] !== 0
          ? a[ao + i * aStrides[last]!]!
          : b[bo + i * bStrides[last]!]!;
    }
    for (let d = last - 1; d >= 0; d--) {
      index[d]!++;
      co += cStrides[d]!;
      ao += aStrides[d]!;
      bo += bStrides[d]!;
      if (index[d]! < outShape[d]!) break;
      co -= cStrides[d]! * outShape[d]!;
      ao -= aStrides[d]! * outShape[d]!;
      bo -= bStrides[d]! * outShape[d]!;
      index[d] = 0;
    }
  }
}

/** Logistic function without overflow: exp is only ever taken of a non-positive number. */
export function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

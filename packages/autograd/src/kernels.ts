// Tensor-level helpers the backward passes need and @nabla/tensor does not (yet) have: the
// adjoints of slice / gather / indexSelect, an in-place add for gradient accumulation, erf and
// a stable softplus. Plain loops over contiguous data; they belong in @nabla/tensor eventually.
import { allocate, type DType, type Shape, sizeOf, Tensor } from '@nabla/tensor';

/** `dst += src` elementwise, in place (same size and dtype). */
export function addInto(dst: Tensor, src: Tensor): void {
  const d = dst.data;
  const s = src.data;
  for (let i = 0; i < d.length; i++) d[i] = d[i]! + s[i]!;
}

/** A float dtype's zeros of `shape`. */
function zerosOf(dtype: DType, shape: Shape): Tensor {
  return new Tensor(allocate(dtype, sizeOf(shape)), shape);
}

/** `[outer, len, inner]`: the sizes before, along and after `axis`. */
function split(shape: Shape, axis: number): [number, number, number] {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return [outer, shape[axis]!, inner];
}

/**
 * The adjoint of `slice`: zeros of `shape` with `g` written at `start, start + step, …` along
 * `axis` (`g` has `shape` except `count` along `axis`).
 */
export function padSliceTensor(
  g: Tensor,
  shape: Shape,
  axis: number,
  start: number,
  step: number,
): Tensor {
  const out = zerosOf(g.dtype, shape);
  const [outer, len, inner] = split(shape, axis);
  const count = g.shape[axis]!;
  const src = g.data;
  const dst = out.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const from = (o * count + j) * inner;
      dst.set(src.subarray(from, from + inner), (o * len + start + j * step) * inner);
    }
  }
  return out;
}

/** The adjoint of `gather`: zeros of `shape`, `src[i]` added where `gather` read element i. */
export function scatterAddTensor(src: Tensor, index: Tensor, shape: Shape, axis: number): Tensor {
  const out = zerosOf(src.dtype, shape);
  const rank = shape.length;
  const strides = new Array<number>(rank);
  let stride = 1;
  for (let d = rank - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d]!;
  }
  const len = shape[axis]!;
  const pos = new Int32Array(rank);
  const idx = index.data;
  const s = src.data;
  const dst = out.data;
  for (let i = 0; i < idx.length; i++) {
    let offset = 0;
    for (let d = 0; d < rank; d++) {
      const k = idx[i]!;
      const coord = d === axis ? (k < 0 ? k + len : k) : pos[d]!;
      offset += coord * strides[d]!;
    }
    dst[offset] = dst[offset]! + s[i]!;
    for (let d = rank - 1; d >= 0; d--) {
      pos[d]!++;
      if (pos[d]! < index.shape[d]!) break;
      pos[d] = 0;
    }
  }
  return out;
}

/** The adjoint of `indexSelect`: zeros of `shape`, slice j of `src` added at `indices[j]`. */
export function indexAddTensor(src: Tensor, indices: Tensor, shape: Shape, axis: number): Tensor {
  const out = zerosOf(src.dtype, shape);
  const [outer, len, inner] = split(shape, axis);
  const idx = indices.data;
  const n = idx.length;
  const s = src.data;
  const dst = out.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const k = idx[j]! < 0 ? idx[j]! + len : idx[j]!;
      const from = (o * n + j) * inner;
      const to = (o * len + k) * inner;
      for (let i = 0; i < inner; i++) dst[to + i] = dst[to + i]! + s[from + i]!;
    }
  }
  return out;
}

/** Applies a scalar function into a new float tensor of `x`'s shape. */
export function mapFloat(x: Tensor, fn: (v: number) => number): Tensor {
  const dtype = x.dtype === 'int32' ? 'float32' : x.dtype;
  const out = allocate(dtype, x.size);
  const src = x.data;
  for (let i = 0; i < src.length; i++) out[i] = fn(src[i]!);
  return new Tensor(out, x.shape);
}

/** `log(1 + e^x)` without overflow or loss of precision for large |x|. */
export function softplusScalar(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function to double precision. Below |x| = 2.5 the series
 * `erf x = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1))` (positive terms, no cancellation);
 * above, `erfc` by its continued fraction `e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …))))`.
 */
export function erfScalar(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) {
    const x2 = 2 * x * x;
    let term = x;
    let total = x;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      total += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(total)) break;
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x * x) * total;
  }
  if (ax >= 6) return x > 0 ? 1 : -1;
  let f = ax;
  for (let n = 60; n >= 1; n--) f = ax + n / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

import { allocate, checkDType, type DType, type TypedArray } from '../dtype.js';
import { ArgumentError, DTypeError, formatShape, ShapeError } from '../errors.js';
import {
  broadcastShapes,
  broadcastStrides,
  checkShape,
  normalizeAxis,
  type Shape,
  shapesEqual,
  sizeOf,
  stridesOf,
} from '../shape.js';
import { assertTensor, Tensor } from '../tensor.js';

/**
 * The same data read with a new shape (no copy). One dimension may be -1 and is inferred.
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  assertTensor('reshape', x);
  if (!Array.isArray(shape))
    throw new ArgumentError('reshape', `shape must be an array, got ${String(shape)}`);
  const dims = Array.from(shape);
  // Every entry but the -1 must already be a valid dimension, or the inference below is nonsense.
  for (const d of dims) {
    if (d !== -1 && (typeof d !== 'number' || !Number.isInteger(d) || d < 0)) {
      throw new ShapeError(
        'reshape',
        `shape ${formatShape(dims)} has an invalid dimension ${String(d)}; use non-negative integers and at most one -1`,
      );
    }
  }
  const inferred = dims.indexOf(-1);
  if (inferred !== -1) {
    if (dims.indexOf(-1, inferred + 1) !== -1) {
      throw new ShapeError('reshape', `only one dimension can be -1, got ${formatShape(dims)}`);
    }
    const known = dims.reduce((p, d, i) => (i === inferred ? p : p * d), 1);
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        'reshape',
        `cannot infer -1 in ${formatShape(dims)} for ${x.size} elements (input ${formatShape(x.shape)})`,
      );
    }
    dims[inferred] = x.size / known;
  }
  checkShape('reshape', dims);
  if (sizeOf(dims) !== x.size) {
    throw new ShapeError(
      'reshape',
      `cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(dims)} (${sizeOf(dims)} elements)`,
    );
  }
  return new Tensor(x.data, dims);
}

/** Reorders the axes: output axis i is input axis `dims[i]`. Copies into the new layout. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  assertTensor('permute', x);
  if (!Array.isArray(dims) || dims.length !== x.rank) {
    throw new ShapeError(
      'permute',
      `needs a permutation of ${x.rank} axes for shape ${formatShape(x.shape)}, got ${JSON.stringify(dims)}`,
    );
  }
  const axes = dims.map((d) => normalizeAxis('permute', d, x.rank));
  if (new Set(axes).size !== axes.length) {
    throw new ShapeError(
      'permute',
      `[${dims.join(',')}] is not a permutation of the axes 0..${x.rank - 1}`,
    );
  }
  const outShape = axes.map((a) => x.shape[a]!);
  const inStrides = stridesOf(x.shape);
  const strides = axes.map((a) => inStrides[a]!);
  const out = allocate(x.dtype, x.size);
  copyStrided(x.data, strides, out, outShape);
  return new Tensor(out, outShape);
}

/** Reverses the axes (a matrix transpose for 2-D); with `dims`, the same as `permute`. */
export function transpose(x: Tensor, dims?: readonly number[]): Tensor {
  assertTensor('transpose', x);
  return permute(x, dims ?? x.shape.map((_, i) => x.rank - 1 - i));
}

/** Materialises `x` broadcast to `shape` (NumPy rules; `shape` must be reachable from `x.shape`). */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  assertTensor('broadcastTo', x);
  const target = checkShape('broadcastTo', shape);
  const result = broadcastShapes('broadcastTo', x.shape, target);
  if (!shapesEqual(result, target)) {
    throw new ShapeError(
      'broadcastTo',
      `cannot broadcast ${formatShape(x.shape)} to ${formatShape(target)}`,
    );
  }
  const out = allocate(x.dtype, sizeOf(target));
  copyStrided(x.data, broadcastStrides(x.shape, target), out, target);
  return new Tensor(out, target);
}

/** Writes `src` read through `strides` over `shape` into contiguous `out`. */
function copyStrided(
  src: TypedArray,
  strides: readonly number[],
  out: TypedArray,
  shape: readonly number[],
): void {
  const n = out.length;
  if (n === 0) return;
  const rank = shape.length;
  if (rank === 0) {
    out[0] = src[0]!;
    return;
  }
  const last = rank - 1;
  const inner = shape[last]!;
  const step = strides[last]!;
  const index = new Int32Array(rank);
  let offset = 0;
  for (let o = 0; o < n; o += inner) {
    for (let i = 0; i < inner; i++) out[o + i] = src[offset + i * step]!;
    for (let d = last - 1; d >= 0; d--) {
      index[d]!++;
      offset += strides[d]!;
      if (index[d]! < shape[d]!) break;
      offset -= strides[d]! * shape[d]!;
      index[d] = 0;
    }
  }
}

export interface AxisOptions {
  axis?: number;
}

function axisFrom(options: number | AxisOptions | undefined): number | undefined {
  return typeof options === 'number' ? options : options?.axis;
}

/** Removes size-1 axes: all of them, or the one given (which must have size 1). Shares data. */
export function squeeze(x: Tensor, options?: number | AxisOptions): Tensor {
  assertTensor('squeeze', x);
  const axis = axisFrom(options);
  if (axis === undefined)
    return new Tensor(
      x.data,
      x.shape.filter((d) => d !== 1),
    );
  const a = normalizeAxis('squeeze', axis, x.rank);
  if (x.shape[a] !== 1) {
    throw new ShapeError(
      'squeeze',
      `axis ${axis} of shape ${formatShape(x.shape)} has size ${x.shape[a]}, not 1`,
    );
  }
  return new Tensor(
    x.data,
    x.shape.filter((_, i) => i !== a),
  );
}

/** Inserts a size-1 axis at `axis` (which may be `rank`, or negative). Shares data. */
export function unsqueeze(x: Tensor, options: number | AxisOptions): Tensor {
  assertTensor('unsqueeze', x);
  const axis = axisFrom(options);
  if (axis === undefined) throw new ArgumentError('unsqueeze', 'needs an axis');
  const a = normalizeAxis('unsqueeze', axis, x.rank + 1);
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return new Tensor(x.data, shape);
}

export interface SliceOptions {
  /** The axis to slice; 0 unless given. */
  axis?: number;
  /** First index (inclusive, default 0); negative counts from the end. */
  start?: number;
  /** Last index (exclusive, default the axis length); negative counts from the end. */
  end?: number;
  /** Take every `step`-th element (a positive integer, default 1). */
  step?: number;
}

/**
 * A contiguous range along one axis, `x[start:end:step]` in Python. Bounds beyond the axis
 * are clipped to it, as in NumPy and PyTorch; `start >= end` gives an empty axis.
 */
export function slice(x: Tensor, options: SliceOptions = {}): Tensor {
  assertTensor('slice', x);
  const axis = normalizeAxis('slice', options.axis ?? 0, x.rank);
  const len = x.shape[axis]!;
  const step = options.step ?? 1;
  for (const [name, v] of [
    ['start', options.start],
    ['end', options.end],
  ] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v))) {
      throw new ArgumentError('slice', `${name} must be an integer, got ${String(v)}`);
    }
  }
  if (!Number.isInteger(step) || step < 1) {
    throw new ArgumentError('slice', `step must be a positive integer, got ${step}`);
  }
  const clip = (i: number) => Math.min(len, Math.max(0, i < 0 ? i + len : i));
  const start = clip(options.start ?? 0);
  const end = clip(options.end ?? len);
  const count = Math.max(0, Math.ceil((end - start) / step));
  const outShape = x.shape.map((d, i) => (i === axis ? count : d));
  const strides = stridesOf(x.shape);
  const readStrides = strides.map((s, i) => (i === axis ? s * step : s));
  const out = allocate(x.dtype, sizeOf(outShape));
  const base = start * strides[axis]!;
  copyStrided(count === 0 ? x.data : x.data.subarray(base), readStrides, out, outShape);
  return new Tensor(out, outShape);
}

function checkSameDType(op: string, tensors: readonly Tensor[]): DType {
  const dtype = tensors[0]!.dtype;
  for (const [i, t] of tensors.entries()) {
    if (t.dtype !== dtype) {
      throw new DTypeError(
        op,
        `tensor ${i} is ${t.dtype} but tensor 0 is ${dtype}; convert with astype first`,
      );
    }
  }
  return dtype;
}

function checkTensorList(op: string, tensors: readonly Tensor[]): void {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ArgumentError(op, 'needs a non-empty array of tensors');
  }
  for (const [i, t] of tensors.entries()) assertTensor(op, t, `tensor ${i}`);
}

/** Joins tensors along an existing axis; all other dimensions must agree. */
export function concat(tensors: readonly Tensor[], options: AxisOptions = {}): Tensor {
  checkTensorList('concat', tensors);
  const first = tensors[0]!;
  const dtype = checkSameDType('concat', tensors);
  const axis = normalizeAxis('concat', options.axis ?? 0, first.rank);
  for (const [i, t] of tensors.entries()) {
    const ok = t.rank === first.rank && t.shape.every((d, j) => j === axis || d === first.shape[j]);
    if (!ok) {
      throw new ShapeError(
        'concat',
        `tensor ${i} has shape ${formatShape(t.shape)}, which does not match ${formatShape(first.shape)} outside axis ${axis}`,
      );
    }
  }
  const total = tensors.reduce((s, t) => s + t.shape[axis]!, 0);
  const outShape = first.shape.map((d, i) => (i === axis ? total : d));
  const out = allocate(dtype, sizeOf(outShape));
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= first.shape[i]!;
  const rowOut = sizeOf(outShape.slice(axis));
  let offset = 0;
  for (const t of tensors) {
    const row = sizeOf(t.shape.slice(axis));
    for (let o = 0; o < outer; o++)
      out.set(t.data.subarray(o * row, (o + 1) * row), o * rowOut + offset);
    offset += row;
  }
  return new Tensor(out, outShape);
}

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly Tensor[], options: AxisOptions = {}): Tensor {
  checkTensorList('stack', tensors);
  checkSameDType('stack', tensors);
  const first = tensors[0]!;
  for (const [i, t] of tensors.entries()) {
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(
        'stack',
        `tensor ${i} has shape ${formatShape(t.shape)} but tensor 0 has ${formatShape(first.shape)}; stack needs equal shapes`,
      );
    }
  }
  const axis = normalizeAxis('stack', options.axis ?? 0, first.rank + 1);
  return concat(
    tensors.map((t) => unsqueeze(t, axis)),
    { axis },
  );
}

function checkIndices(op: string, index: Tensor, limit: number, axis: number): void {
  if (index.dtype !== 'int32') {
    throw new DTypeError(
      op,
      `indices must be int32, got ${index.dtype}; convert with astype(indices, 'int32')`,
    );
  }
  const d = index.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v < -limit || v >= limit) {
      throw new ArgumentError(
        op,
        `index ${v} at position ${i} is out of range for axis ${axis} of size ${limit}`,
      );
    }
  }
}

/**
 * Whole slices along `axis` picked by a 1-D int32 `indices` tensor (PyTorch's `index_select`):
 * `indexSelect(x, idx, { axis: 0 })` takes rows. Negative indices count from the end.
 */
export function indexSelect(x: Tensor, indices: Tensor, options: AxisOptions = {}): Tensor {
  assertTensor('indexSelect', x);
  assertTensor('indexSelect', indices, 'indices');
  const axis = normalizeAxis('indexSelect', options.axis ?? 0, x.rank);
  if (indices.rank !== 1) {
    throw new ShapeError(
      'indexSelect',
      `indices must be 1-D, got shape ${formatShape(indices.shape)}`,
    );
  }
  const len = x.shape[axis]!;
  checkIndices('indexSelect', indices, len, axis);
  const outShape = x.shape.map((d, i) => (i === axis ? indices.size : d));
  const out = allocate(x.dtype, sizeOf(outShape));
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= x.shape[i]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const idx = indices.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < idx.length; j++) {
      const k = idx[j]! < 0 ? idx[j]! + len : idx[j]!;
      const from = (o * len + k) * inner;
      out.set(x.data.subarray(from, from + inner), (o * idx.length + j) * inner);
    }
  }
  return new Tensor(out, outShape);
}

/**
 * PyTorch's `gather`: `out[i][j] = x[index[i][j]][j]` for `axis: 0` (likewise for any axis and
 * rank). `index` has `x`'s rank; its dimensions may be smaller than `x`'s except along `axis`,
 * where they may be anything. Typical use: `gather(logProbs, targets, { axis: 1 })`.
 */
export function gather(x: Tensor, index: Tensor, options: AxisOptions = {}): Tensor {
  assertTensor('gather', x);
  assertTensor('gather', index, 'index');
  const axis = normalizeAxis('gather', options.axis ?? 0, x.rank);
  if (index.rank !== x.rank || index.shape.some((d, i) => i !== axis && d > x.shape[i]!)) {
    throw new ShapeError(
      'gather',
      `index shape ${formatShape(index.shape)} must have the rank of ${formatShape(x.shape)} and no larger dimensions outside axis ${axis}`,
    );
  }
  const len = x.shape[axis]!;
  checkIndices('gather', index, len, axis);
  const out = allocate(x.dtype, index.size);
  const xs = stridesOf(x.shape);
  const rank = index.rank;
  const pos = new Int32Array(rank);
  const idx = index.data;
  for (let i = 0; i < idx.length; i++) {
    let offset = 0;
    for (let d = 0; d < rank; d++) {
      const coord = d === axis ? (idx[i]! < 0 ? idx[i]! + len : idx[i]!) : pos[d]!;
      offset += coord * xs[d]!;
    }
    out[i] = x.data[offset]!;
    for (let d = rank - 1; d >= 0; d--) {
      pos[d]!++;
      if (pos[d]! < index.shape[d]!) break;
      pos[d] = 0;
    }
  }
  return new Tensor(out, index.shape);
}

export interface OneHotOptions {
  dtype?: DType;
}

/** Class indices (int32, any shape) to one-hot vectors along a new last axis of `numClasses`. */
export function oneHot(indices: Tensor, numClasses: number, options: OneHotOptions = {}): Tensor {
  assertTensor('oneHot', indices, 'indices');
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new ArgumentError('oneHot', `numClasses must be a positive integer, got ${numClasses}`);
  }
  if (indices.dtype !== 'int32') {
    throw new DTypeError('oneHot', `indices must be int32, got ${indices.dtype}`);
  }
  const dtype = checkDType('oneHot', options.dtype ?? 'float32');
  const outShape = checkShape('oneHot', [...indices.shape, numClasses]);
  const out = allocate(dtype, indices.size * numClasses);
  const d = indices.data;
  for (let i = 0; i < d.length; i++) {
    const c = d[i]!;
    if (c < 0 || c >= numClasses) {
      throw new ArgumentError(
        'oneHot',
        `class ${c} at position ${i} is outside 0..${numClasses - 1}`,
      );
    }
    out[i * numClasses + c] = 1;
  }
  return new Tensor(out, outShape);
}

/**
 * Converts to another dtype (a copy, even when the dtype is unchanged). Floats become int32 by
 * truncation toward zero, as in PyTorch; beyond int32 they saturate (±∞ to the int32 limits) and
 * NaN becomes 0, like WebAssembly's saturating conversion (PyTorch leaves these undefined).
 */
export function astype(x: Tensor, dtype: DType): Tensor {
  assertTensor('astype', x);
  const out = allocate(checkDType('astype', dtype), x.size);
  if (dtype === 'int32' && x.dtype !== 'int32') {
    const src = x.data;
    for (let i = 0; i < src.length; i++) {
      const v = src[i]!;
      out[i] =
        v !== v ? 0 : v >= 2 ** 31 - 1 ? 2 ** 31 - 1 : v <= -(2 ** 31) ? -(2 ** 31) : Math.trunc(v);
    }
  } else {
    out.set(x.data);
  }
  return new Tensor(out, x.shape);
}

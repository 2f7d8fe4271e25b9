import { allocate, checkDType, type DType, dtypeOf, isInt32, type TypedArray } from './dtype.js';
import { ArgumentError, formatShape, ShapeError } from './errors.js';
import { checkShape, type Shape, sizeOf } from './shape.js';
import { assertTensor, describe, type NestedArray, Tensor } from './tensor.js';

export interface DTypeOptions {
  /** Element type; `'float32'` unless given. */
  dtype?: DType;
}

export interface TensorOptions extends DTypeOptions {
  /** Shape to read flat data as; inferred from nesting (or the typed array's length) if omitted. */
  shape?: Shape;
}

/** Input `tensor()` accepts: a number, nested arrays of numbers, a typed array or a Tensor (copied). */
export type TensorLike = number | NestedArray | readonly NestedArray[] | TypedArray | Tensor;

/**
 * Creates a tensor from nested arrays, a typed array (its dtype is kept unless `dtype` is given),
 * a number (a 0-d tensor) or another tensor (copied).
 *
 * ```ts
 * tensor([[1, 2], [3, 4]]);                       // float32, shape [2, 2]
 * tensor([1, 2, 3, 4], { shape: [2, 2], dtype: 'float64' });
 * ```
 */
export function tensor(values: TensorLike, options: TensorOptions = {}): Tensor {
  const op = 'tensor';
  let flat: ArrayLike<number>;
  let inferred: number[];
  let sourceDType: DType | undefined;
  if (values instanceof Tensor) {
    flat = values.data;
    inferred = [...values.shape];
    sourceDType = values.dtype;
  } else if (ArrayBuffer.isView(values)) {
    if (
      !(
        values instanceof Float32Array ||
        values instanceof Float64Array ||
        values instanceof Int32Array
      )
    ) {
      throw new ArgumentError(
        op,
        `typed array ${(values as object).constructor.name} is not supported; use Float32Array, Float64Array or Int32Array`,
      );
    }
    flat = values;
    inferred = [values.length];
    sourceDType = dtypeOf(values);
  } else if (typeof values === 'number') {
    flat = [values];
    inferred = [];
  } else if (Array.isArray(values)) {
    inferred = inferShape(values);
    flat = flatten(values, inferred);
  } else {
    throw new ArgumentError(op, `cannot make a tensor from ${describe(values)}`);
  }

  const dtype =
    options.dtype === undefined ? (sourceDType ?? 'float32') : checkDType(op, options.dtype);
  let shape = inferred;
  if (options.shape !== undefined) {
    shape = checkShape(op, options.shape);
    if (sizeOf(shape) !== flat.length) {
      throw new ShapeError(
        op,
        `${flat.length} values cannot take shape ${formatShape(shape)} (${sizeOf(shape)} elements)`,
      );
    }
  }
  const data = allocate(dtype, flat.length);
  if (dtype === 'int32' && sourceDType !== 'int32') {
    for (let i = 0; i < flat.length; i++) {
      const v = flat[i]!;
      if (!isInt32(v)) {
        throw new ArgumentError(
          op,
          `value ${v} at flat index ${i} is not a 32-bit integer; round it or use a float dtype`,
        );
      }
    }
  }
  data.set(flat);
  return new Tensor(data, shape);
}

function inferShape(values: readonly unknown[]): number[] {
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flatten(values: readonly unknown[], shape: number[]): number[] {
  const out: number[] = [];
  const walk = (node: unknown, depth: number, path: number[]) => {
    if (depth === shape.length) {
      if (Array.isArray(node)) {
        throw new ShapeError(
          'tensor',
          `nested arrays are ragged: the entry at [${path.join(',')}] is an array, but the first entries give shape ${formatShape(shape)}, so a number belongs there`,
        );
      }
      if (typeof node !== 'number') {
        throw new ArgumentError(
          'tensor',
          `element at [${path.join(',')}] is ${describe(node)}, not a number`,
        );
      }
      out.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new ShapeError(
        'tensor',
        `nested arrays are ragged: the entry at [${path.join(',')}] should be an array of length ${shape[depth]}, got ${Array.isArray(node) ? `length ${node.length}` : describe(node)}`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], depth + 1, [...path, i]);
  };
  walk(values, 0, []);
  return out;
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: Shape, value: number, options: DTypeOptions = {}): Tensor {
  return filled('full', shape, value, options.dtype);
}

export function zeros(shape: Shape, options: DTypeOptions = {}): Tensor {
  return filled('zeros', shape, 0, options.dtype);
}

export function ones(shape: Shape, options: DTypeOptions = {}): Tensor {
  return filled('ones', shape, 1, options.dtype);
}

/** Zeros of `t`'s shape and (unless given) dtype. */
export function zerosLike(t: Tensor, options: DTypeOptions = {}): Tensor {
  assertTensor('zerosLike', t);
  return filled('zerosLike', t.shape, 0, options.dtype ?? t.dtype);
}

/** Ones of `t`'s shape and (unless given) dtype. */
export function onesLike(t: Tensor, options: DTypeOptions = {}): Tensor {
  assertTensor('onesLike', t);
  return filled('onesLike', t.shape, 1, options.dtype ?? t.dtype);
}

/** The shared body of the filled creators; `op` names the public function in errors. */
function filled(op: string, shape: Shape, value: number, dtype: DType | undefined): Tensor {
  const dims = checkShape(op, shape);
  const dt = checkDType(op, dtype ?? 'float32');
  if (typeof value !== 'number') {
    throw new ArgumentError(op, `fill value must be a number, got ${describe(value)}`);
  }
  if (dt === 'int32' && !isInt32(value)) {
    throw new ArgumentError(
      op,
      `fill value ${value} is not a 32-bit integer; int32 tensors hold integers in [-2^31, 2^31)`,
    );
  }
  const data = allocate(dt, sizeOf(dims));
  if (value !== 0) data.fill(value);
  return new Tensor(data, dims);
}

/**
 * Values from `start` (inclusive) to `stop` (exclusive) in steps of `step`, as in PyTorch:
 * `arange(5)` is 0..4, `arange(1, 2, 0.25)` is [1, 1.25, 1.5, 1.75].
 */
export function arange(start: number, stop?: number, step = 1, options: DTypeOptions = {}): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [name, v] of [
    ['start', start],
    ['stop', stop],
    ['step', step],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ArgumentError('arange', `${name} must be a finite number, got ${String(v)}`);
    }
  }
  if (step === 0) throw new ArgumentError('arange', 'step must not be zero');
  // PyTorch rejects a step pointing away from stop rather than returning nothing: it is a bug.
  if ((stop - start) * step < 0) {
    throw new ArgumentError(
      'arange',
      `step ${step} points away from stop (start=${start}, stop=${stop}); flip the sign of step`,
    );
  }
  const dtype = checkDType('arange', options.dtype ?? 'float32');
  // max(0, ·) also turns the -0 of ceil(0 / -1) into 0, so the shape is [0], not [-0].
  const n = Math.max(0, Math.ceil((stop - start) / step));
  checkShape('arange', [n]);
  if (dtype === 'int32' && !(isInt32(start) && isInt32(step) && isInt32(start + (n - 1) * step))) {
    throw new ArgumentError(
      'arange',
      `int32 values need integer start and step within 32 bits, got start=${start}, step=${step}; use a float dtype`,
    );
  }
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** `num` evenly spaced values from `start` to `stop`, both included. */
export function linspace(
  start: number,
  stop: number,
  num: number,
  options: DTypeOptions = {},
): Tensor {
  if (!Number.isInteger(num) || num < 0) {
    throw new ArgumentError('linspace', `num must be a non-negative integer, got ${num}`);
  }
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new ArgumentError('linspace', `start and stop must be finite, got ${start} and ${stop}`);
  }
  const dtype = checkDType('linspace', options.dtype ?? 'float32');
  checkShape('linspace', [num]);
  const values = new Float64Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) values[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  if (dtype === 'int32') {
    // Truncating 0.5 to 0 would be a silently wrong result; ask for a float dtype instead.
    const bad = values.find((v) => !isInt32(v));
    if (bad !== undefined) {
      throw new ArgumentError(
        'linspace',
        `value ${bad} is not a 32-bit integer, so int32 cannot hold it; use a float dtype`,
      );
    }
  }
  const data = allocate(dtype, num);
  data.set(values);
  return new Tensor(data, [num]);
}

/** The identity matrix, `n × m` (square unless `m` is given). */
export function eye(n: number, m: number = n, options: DTypeOptions = {}): Tensor {
  const dims = checkShape('eye', [n, m]);
  const out = filled('eye', dims, 0, options.dtype);
  for (let i = 0; i < Math.min(n, m); i++) out.data[i * m + i] = 1;
  return out;
}

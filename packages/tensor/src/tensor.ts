import { type DType, dtypeOf, type TypedArray } from './dtype.js';
import { ArgumentError, formatShape, ShapeError } from './errors.js';
import { formatTensor } from './format.js';
import type { Shape } from './shape.js';

/** Nested arrays as `toArray()` returns them: a number for a 0-d tensor. */
export type NestedArray = number | NestedArray[];

/**
 * An n-dimensional array: contiguous row-major data in a typed array, a shape and a dtype.
 *
 * Tensors are values: ops return new tensors and never modify their inputs. Ops that only change
 * how the data is read (`reshape`, `squeeze`, `unsqueeze`) return tensors that share `data`, like
 * PyTorch's views; writing into `data` directly (as optimizers do) is seen through every view.
 */
export class Tensor {
  readonly data: TypedArray;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;

  /** Prefer the `tensor(...)`, `zeros(...)` and other creation functions. */
  constructor(data: TypedArray, shape: Shape);
  /** @internal Ops' path: `shape` is already checked, frozen (or fresh and ours) and `size` its product. */
  constructor(data: TypedArray, shape: Shape, trusted: typeof TRUSTED, size: number);
  constructor(data: TypedArray, shape: Shape, trusted?: typeof TRUSTED, size?: number) {
    if (trusted === TRUSTED) {
      // Ops already checked the shape and made the data; the checks below would double the cost
      // of an op on a small tensor.
      this.data = data;
      this.shape = shape;
      this.dtype = dtypeOf(data);
      this.size = size!;
      return;
    }
    // This catches direct callers, for whom a NaN or negative dimension would otherwise surface
    // as a RangeError or a silently odd size.
    let n = 1;
    let negativeZero = false;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i]!;
      if (!Number.isInteger(d) || d < 0) {
        throw new ShapeError(
          'Tensor',
          `shape ${formatShape(shape)} has an invalid dimension ${d}; dimensions are non-negative integers`,
        );
      }
      if (d === 0 && 1 / d < 0) negativeZero = true;
      n *= d;
    }
    if (data.length !== n) {
      throw new ShapeError(
        'Tensor',
        `data has ${data.length} elements but shape ${formatShape(shape)} needs ${n}`,
      );
    }
    this.data = data;
    // A shape another tensor already holds (frozen, so nobody can change it) is shared, which
    // makes views and same-shape results cheap; anything else is copied and frozen. `+ 0` turns
    // a -0 dimension (from arithmetic like ceil(-0.5)) into 0.
    this.shape =
      !negativeZero && Object.isFrozen(shape)
        ? shape
        : Object.freeze(Array.from(shape, (d) => d + 0));
    this.dtype = dtypeOf(data);
    this.size = n;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(
        'item',
        `only a one-element tensor has an item; this one has shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0]!;
  }

  /** The values as nested arrays (a plain number for a 0-d tensor). */
  toArray(): NestedArray {
    const { data, shape } = this;
    if (shape.length === 0) return data[0]!;
    const build = (axis: number, offset: number, stride: number): NestedArray[] => {
      const n = shape[axis]!;
      const inner = stride / (n || 1);
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] =
          axis === shape.length - 1
            ? data[offset + i]!
            : build(axis + 1, offset + i * inner, inner);
      }
      return out;
    };
    return build(0, 0, this.size);
  }

  /** A copy with its own data. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  toString(): string {
    return formatTensor(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

const TRUSTED: unique symbol = Symbol('trusted');

/**
 * A tensor from data and a shape the caller has already checked (the op that computed them): no
 * validation, no copy. `shape` must be frozen or a fresh array nobody else holds (it is frozen
 * here); `data.length` must be its product. Not exported from the package.
 */
export function tensorOf(data: TypedArray, shape: Shape): Tensor {
  if (!Object.isFrozen(shape)) Object.freeze(shape);
  return new Tensor(data, shape, TRUSTED, data.length);
}

export function assertTensor(op: string, value: unknown, name = 'input'): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    throw new ArgumentError(op, `${name} must be a Tensor, got ${describe(value)}`);
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array (wrap it with tensor(...))';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${typeof value} ${String(value)}`;
}

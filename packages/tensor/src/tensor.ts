import { type DType, dtypeOf, type TypedArray } from './dtype.js';
import { ArgumentError, formatShape, ShapeError } from './errors.js';
import { formatTensor } from './format.js';
import { type Shape, sizeOf } from './shape.js';

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
  constructor(data: TypedArray, shape: Shape) {
    // Ops pass shapes they have already checked; this catches direct callers, for whom a NaN or
    // negative dimension would otherwise surface as a RangeError or a silently odd size.
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) {
        throw new ShapeError(
          'Tensor',
          `shape ${formatShape(shape)} has an invalid dimension ${d}; dimensions are non-negative integers`,
        );
      }
    }
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new ShapeError(
        'Tensor',
        `data has ${data.length} elements but shape ${formatShape(shape)} needs ${size}`,
      );
    }
    this.data = data;
    // `+ 0` turns a -0 dimension (from arithmetic like ceil(-0.5)) into 0.
    this.shape = Object.freeze(Array.from(shape, (d) => d + 0));
    this.dtype = dtypeOf(data);
    this.size = size;
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

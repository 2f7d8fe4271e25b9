import { ArgumentError, formatShape, ShapeError } from './errors.js';

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/**
 * The index per axis of row-major element `flat`, NumPy's `unravel_index`: element 7 of a [4, 2]
 * tensor is [3, 1]. Messages use it to name where a value sits.
 */
export function unravelIndex(flat: number, shape: Shape): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis]!;
    index[axis] = rest % size;
    rest = Math.floor(rest / size);
  }
  return index;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rejects NaN, fractional, negative and absurd dimensions before anything is allocated. */
export function checkShape(op: string, shape: unknown): number[] {
  if (!Array.isArray(shape) && !(ArrayBuffer.isView(shape) && 'length' in shape)) {
    throw new ArgumentError(op, `shape must be an array of integers, got ${String(shape)}`);
  }
  const dims = Array.from(shape as ArrayLike<unknown>);
  for (const d of dims) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        op,
        `shape ${formatShape(dims as number[])} has an invalid dimension ${String(d)}; dimensions are non-negative integers`,
      );
    }
  }
  const size = sizeOf(dims as number[]);
  if (size > 2 ** 31 - 1) {
    throw new ShapeError(
      op,
      `shape ${formatShape(dims as number[])} has ${size} elements, over 2^31 - 1`,
    );
  }
  return dims as number[];
}

/** Maps a possibly negative axis into [0, rank). */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    const range = rank === 0 ? 'a 0-d tensor has no axes' : `valid axes are -${rank}..${rank - 1}`;
    const shown = typeof axis === 'number' ? String(axis) : JSON.stringify(axis);
    throw new ShapeError(op, `axis ${shown} is out of range for rank ${rank}; ${range}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Axes given as a number, a list or nothing (= all), sorted, deduplicated and checked. */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axis === undefined) {
    const all = new Array<number>(rank);
    for (let i = 0; i < rank; i++) all[i] = i;
    return all;
  }
  if (typeof axis === 'number') return [normalizeAxis(op, axis, rank)];
  const list = typeof axis === 'number' ? [axis] : Array.from(axis);
  const axes = list.map((a) => normalizeAxis(op, a, rank));
  const sorted = [...new Set(axes)].sort((x, y) => x - y);
  if (sorted.length !== axes.length) {
    throw new ShapeError(op, `axis list [${list.join(',')}] repeats an axis`);
  }
  return sorted;
}

/** NumPy broadcasting: align trailing dimensions; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        op,
        `shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast (dimension ${i - rank}: ${da} vs ${db}); each trailing dimension must match or be 1`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  // Two modest operands can broadcast to more elements than a typed array can hold.
  if (sizeOf(out) > 2 ** 31 - 1) {
    throw new ShapeError(
      op,
      `shapes ${formatShape(a)} and ${formatShape(b)} broadcast to ${formatShape(out)}, ${sizeOf(out)} elements, over 2^31 - 1`,
    );
  }
  return out;
}

/**
 * Strides that read `shape` as if it had `target`'s shape: 0 along broadcast dimensions. This is
 * how broadcasting avoids materialising the expanded operand.
 */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const strides = stridesOf(shape);
  const out = new Array<number>(target.length).fill(0);
  const offset = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[offset + i] = shape[i] === 1 ? 0 : strides[i]!;
  }
  return out;
}

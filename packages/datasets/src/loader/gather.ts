import { allocate, Tensor } from '@nabla/tensor';

/**
 * Rows `indices` of `t` along its first axis, copied into one new tensor. Rows of 16 or more
 * elements are copied with `set` (memcpy speed); narrower rows (the toy sets' two coordinates)
 * with a plain loop, which beats making a subarray per row.
 */
export function gatherRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const n = t.shape[0]!;
  const row = n === 0 ? 0 : t.size / n;
  const count = indices.length;
  const out = allocate(t.dtype, count * row);
  const src = t.data;
  if (row >= 16) {
    for (let j = 0; j < count; j++) {
      const from = indices[j]! * row;
      out.set(src.subarray(from, from + row), j * row);
    }
  } else {
    for (let j = 0; j < count; j++) {
      const from = indices[j]! * row;
      const to = j * row;
      for (let k = 0; k < row; k++) out[to + k] = src[from + k]!;
    }
  }
  return new Tensor(out, [count, ...t.shape.slice(1)]);
}

/** Rows `start..end` of `t` as a view sharing its data (no copy). */
export function rowRange(t: Tensor, start: number, end: number): Tensor {
  const n = t.shape[0]!;
  const row = n === 0 ? 0 : t.size / n;
  return new Tensor(t.data.subarray(start * row, end * row), [end - start, ...t.shape.slice(1)]);
}

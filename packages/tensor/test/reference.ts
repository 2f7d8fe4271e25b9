// Naive references the property tests compare against: plain loops over multi-indices, written
// without the strides, odometers and fast paths of the code under test.
import { type AllCloseOptions, expectAllClose } from '@nabla/testkit';
import { expect } from 'vitest';
import type { Tensor } from '../src/index.js';

export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

/** Every multi-index of `shape`, in row-major order. */
export function indices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const d of shape) {
    const next: number[][] = [];
    for (const prefix of out) for (let i = 0; i < d; i++) next.push([...prefix, i]);
    out = next;
  }
  return out;
}

/** The value at a multi-index, found by walking the nested `toArray()` form. */
export function at(t: Tensor, index: readonly number[]): number {
  let node = t.toArray();
  for (const i of index) {
    if (!Array.isArray(node)) throw new Error('index deeper than the tensor');
    node = node[i]!;
  }
  if (Array.isArray(node)) throw new Error('index shallower than the tensor');
  return node;
}

/** NumPy's broadcast result shape, computed independently of the library. */
export function broadcastShapeRef(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const pa = [...Array<number>(rank - a.length).fill(1), ...a];
  const pb = [...Array<number>(rank - b.length).fill(1), ...b];
  return pa.map((d, i) => {
    const e = pb[i]!;
    if (d !== e && d !== 1 && e !== 1) throw new Error('does not broadcast');
    return d === 1 ? e : d;
  });
}

/** The element of `t` that broadcasting reads for output index `index`. */
export function broadcastAt(t: Tensor, index: readonly number[]): number {
  const offset = index.length - t.rank;
  return at(
    t,
    t.shape.map((d, i) => (d === 1 ? 0 : index[offset + i]!)),
  );
}

/** `fn` applied elementwise with broadcasting, as nested values of the result shape. */
export function elementwiseRef(
  a: Tensor,
  b: Tensor,
  fn: (x: number, y: number) => number,
): { shape: number[]; values: number[] } {
  const shape = broadcastShapeRef(a.shape, b.shape);
  const values = indices(shape).map((ix) => fn(broadcastAt(a, ix), broadcastAt(b, ix)));
  return { shape, values };
}

/** Reduces `axes` of `t` with `fn` over the list of values each output sees. */
export function reduceRef(
  t: Tensor,
  axes: readonly number[],
  fn: (values: number[]) => number,
): { shape: number[]; values: number[] } {
  const shape = t.shape.filter((_, i) => !axes.includes(i));
  const groups = new Map<string, number[]>();
  for (const ix of indices(shape)) groups.set(ix.join(','), []);
  for (const ix of indices(t.shape)) {
    const key = ix.filter((_, i) => !axes.includes(i)).join(',');
    groups.get(key)!.push(at(t, ix));
  }
  return { shape, values: [...groups.values()].map(fn) };
}

/**
 * Matrix product by the definition, on plain numbers: `out[..., i, j] = Σ_p A[..., i, p] B[..., p, j]`,
 * with PyTorch's 1-D rules, broadcast batches and the transpose flags applied by index swapping.
 */
export function matmulRef(
  a: Tensor,
  b: Tensor,
  transposeA: boolean,
  transposeB: boolean,
): { shape: number[]; values: number[] } {
  const aVec = a.rank === 1;
  const bVec = b.rank === 1;
  const aBatch = aVec ? [] : a.shape.slice(0, -2);
  const bBatch = bVec ? [] : b.shape.slice(0, -2);
  const batch = broadcastShapeRef(aBatch, bBatch);
  const ta = transposeA && !aVec;
  const tb = transposeB && !bVec;
  const m = aVec ? 1 : a.shape[a.rank - (ta ? 1 : 2)]!;
  const k = aVec ? a.shape[0]! : a.shape[a.rank - (ta ? 2 : 1)]!;
  const n = bVec ? 1 : b.shape[b.rank - (tb ? 2 : 1)]!;
  const aAt = (bi: number[], i: number, p: number): number => {
    if (aVec) return at(a, [p]);
    const batchIx = aBatch.map((d, j) => (d === 1 ? 0 : bi[bi.length - aBatch.length + j]!));
    return at(a, [...batchIx, ...(ta ? [p, i] : [i, p])]);
  };
  const bAt = (bi: number[], p: number, j: number): number => {
    if (bVec) return at(b, [p]);
    const batchIx = bBatch.map((d, q) => (d === 1 ? 0 : bi[bi.length - bBatch.length + q]!));
    return at(b, [...batchIx, ...(tb ? [j, p] : [p, j])]);
  };
  const values: number[] = [];
  for (const bi of indices(batch)) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += aAt(bi, i, p) * bAt(bi, p, j);
        values.push(s);
      }
    }
  }
  const shape = [...batch, ...(aVec ? [] : [m]), ...(bVec ? [] : [n])];
  return { shape, values };
}

/** Asserts that `t` has the reference's shape and values (within tolerance). */
export function expectMatches(
  t: Tensor,
  ref: { shape: readonly number[]; values: readonly number[] },
  options: AllCloseOptions = {},
): void {
  expect(t.shape).toEqual(ref.shape);
  expectAllClose(t.data, [...ref.values], options);
}

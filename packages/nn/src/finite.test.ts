import { Tensor, unravelIndex } from '@nabla/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonFinite, firstNonFinite } from './finite.js';

const nonFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const shape = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 });

describe('firstNonFinite / findNonFinite', () => {
  it('finds a NaN or ±Infinity put at a random position, and names exactly that index', () => {
    fc.assert(
      fc.property(
        shape,
        fc.nat(),
        nonFinite,
        fc.constantFrom('float32', 'float64'),
        (dims, at, bad, dtype) => {
          const size = dims.reduce((a, d) => a * d, 1);
          const flat = at % size;
          const data = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
          for (let i = 0; i < size; i++) data[i] = (i % 7) - 3 + 1e30 * (i % 2);
          data[flat] = bad;
          const t = new Tensor(data, dims);
          const hit = firstNonFinite(t);
          expect(hit?.index).toEqual(unravelIndex(flat, dims));
          expect(Object.is(hit?.value, bad)).toBe(true);
          // The index points back at the same element, row-major.
          const back = (hit?.index ?? []).reduce((acc, i, axis) => acc * dims[axis]! + i, 0);
          expect(back).toBe(flat);
        },
      ),
    );
  });

  it('passes finite tensors and integer tensors, and reports the first key in order', () => {
    const ok = new Tensor(new Float32Array([3.4e38, -3.4e38, 0, -0]), [4]);
    expect(firstNonFinite(ok)).toBeNull();
    expect(firstNonFinite(new Tensor(new Int32Array([1, 2]), [2]))).toBeNull();
    const a = new Tensor(new Float32Array([1, Number.NaN]), [2]);
    const b = new Tensor(new Float32Array([Number.NEGATIVE_INFINITY]), [1]);
    expect(findNonFinite({ ok, a, b })).toEqual({ key: 'a', index: [1], value: Number.NaN });
    expect(findNonFinite(new Map([['b', b]]))).toEqual({
      key: 'b',
      index: [0],
      value: Number.NEGATIVE_INFINITY,
    });
    expect(findNonFinite({ ok })).toBeNull();
  });
});

import { tensorArb } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError, NablaError, ShapeError, Tensor, tensor, zeros } from './index.js';

describe('Tensor', () => {
  it('has a frozen shape, a size and a rank', () => {
    const t = zeros([2, 3, 4]);
    expect(t.size).toBe(24);
    expect(t.rank).toBe(3);
    expect(Object.isFrozen(t.shape)).toBe(true);
    expect(t.shape).toEqual([2, 3, 4]);
  });

  it('toArray nests the row-major data by the shape', () => {
    const t = new Tensor(new Int32Array([0, 1, 2, 3, 4, 5]), [3, 1, 2]);
    expect(t.toArray()).toEqual([[[0, 1]], [[2, 3]], [[4, 5]]]);
    expect(zeros([2, 0, 3]).toArray()).toEqual([[], []]);
  });

  it('toArray then tensor() is the identity', () => {
    fc.assert(
      fc.property(tensorArb({ minDim: 1 }), (t) => {
        const back = tensor(t.toArray(), { dtype: t.dtype });
        expect(back.shape).toEqual(t.shape);
        expect(Array.from(back.data)).toEqual(Array.from(t.data));
      }),
    );
  });

  it('item gives the single value of a one-element tensor of any rank', () => {
    expect(tensor([[7]]).item()).toBe(7);
    expect(tensor(3).item()).toBe(3);
    expect(() => tensor([1, 2]).item()).toThrow(ShapeError);
    expect(() => tensor([1, 2]).item()).toThrow(
      'item: only a one-element tensor has an item; this one has shape [2]',
    );
  });

  it('a -0 dimension is stored as 0', () => {
    expect(Object.is(new Tensor(new Float32Array(0), [-0]).shape[0], 0)).toBe(true);
  });

  it('clone copies the data', () => {
    const a = tensor([1, 2]);
    const b = a.clone();
    b.data[0] = 5;
    expect(a.data[0]).toBe(1);
    expect(b.shape).toEqual([2]);
  });

  it('the constructor rejects data that does not fit the shape and invalid dimensions', () => {
    expect(() => new Tensor(new Float32Array(3), [2, 2])).toThrow(
      'Tensor: data has 3 elements but shape [2,2] needs 4',
    );
    expect(() => new Tensor(new Float32Array(2), [-1, -2])).toThrow(ShapeError);
    expect(() => new Tensor(new Float32Array(2), [-1, -2])).toThrow(
      'Tensor: shape [-1,-2] has an invalid dimension -1',
    );
    expect(() => new Tensor(new Float32Array(1), [Number.NaN])).toThrow('invalid dimension NaN');
    expect(() => new Tensor(new Float32Array(1), [0.5, 2])).toThrow('invalid dimension 0.5');
  });

  it('errors carry the op and their class name', () => {
    const e = new ArgumentError('matmul', 'bad');
    expect(e).toBeInstanceOf(NablaError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ArgumentError');
    expect(e.op).toBe('matmul');
    expect(e.message).toBe('matmul: bad');
  });
});

import { expectAllClose, shapeArb } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArgumentError,
  arange,
  DTypeError,
  eye,
  full,
  linspace,
  NablaError,
  type NestedArray,
  ones,
  onesLike,
  ShapeError,
  type Tensor,
  tensor,
  zeros,
  zerosLike,
} from './index.js';

/** Nested arrays of `shape` filled with consecutive numbers from `start`. */
function nested(shape: readonly number[], start = 0): NestedArray {
  let next = start;
  const build = (axis: number): NestedArray =>
    axis === shape.length ? next++ : Array.from({ length: shape[axis]! }, () => build(axis + 1));
  return build(0);
}

describe('tensor()', () => {
  it('infers shape from nesting and defaults to float32', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.size).toBe(6);
    expect(t.rank).toBe(2);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('round-trips nested arrays of any shape through toArray', () => {
    fc.assert(
      fc.property(shapeArb(), (shape) => {
        const values = nested(shape);
        const t = tensor(values, { dtype: 'int32' });
        expect(t.shape).toEqual(shape.length === 0 ? [] : inferredShape(shape));
        expect(t.toArray()).toEqual(values);
      }),
    );
  });

  it('makes a 0-d tensor from a number', () => {
    const t = tensor(2.5, { dtype: 'float64' });
    expect(t.shape).toEqual([]);
    expect(t.item()).toBe(2.5);
    expect(t.toArray()).toBe(2.5);
  });

  it('keeps a typed array dtype unless told otherwise, and copies', () => {
    const src = new Float64Array([1, 2, 3, 4]);
    const t = tensor(src, { shape: [2, 2] });
    expect(t.dtype).toBe('float64');
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    src[0] = 99;
    expect(t.data[0]).toBe(1);
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Float32Array([1, 2]), { dtype: 'float64' }).dtype).toBe('float64');
  });

  it('copies a tensor, optionally converting', () => {
    const a = tensor([1.5, 2.5]);
    const b = tensor(a, { dtype: 'float64' });
    expect(b.dtype).toBe('float64');
    expect(b.data).not.toBe(a.data);
    expect(Array.from(b.data)).toEqual([1.5, 2.5]);
  });

  it('handles empty nests', () => {
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
    expect(tensor([], { shape: [0, 3] }).shape).toEqual([0, 3]);
  });

  it('rounds to float32 by default and keeps float64 exactly', () => {
    expect(tensor([0.1]).data[0]).toBe(Math.fround(0.1));
    expect(tensor([0.1], { dtype: 'float64' }).data[0]).toBe(0.1);
  });
});

/** tensor() of nested arrays stops inferring at the first empty axis. */
function inferredShape(shape: readonly number[]): number[] {
  const zero = shape.indexOf(0);
  return zero === -1 ? [...shape] : shape.slice(0, zero + 1);
}

describe('tensor() errors', () => {
  it('rejects ragged nested arrays, naming the entry', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(
      'tensor: nested arrays are ragged: the entry at [1] should be an array of length 2, got length 1',
    );
    expect(() => tensor([[1, 2], 3] as NestedArray)).toThrow(/entry at \[1\].*got number 3/);
    expect(() => tensor([1, [2]] as NestedArray)).toThrow(ShapeError);
    expect(() => tensor([1, [2]] as NestedArray)).toThrow('the entry at [1] is an array');
    expect(() =>
      tensor([
        [[1], [2]],
        [[3], [4, 5]],
      ]),
    ).toThrow('entry at [1,1]');
  });

  it('rejects non-numbers', () => {
    const bad = [['a']] as unknown as NestedArray;
    expect(() => tensor(bad)).toThrow(ArgumentError);
    expect(() => tensor(bad)).toThrow('tensor: element at [0,0] is string a, not a number');
    expect(() => tensor('x' as unknown as number)).toThrow('cannot make a tensor from string x');
    expect(() => tensor(new Uint8Array(2) as unknown as Float32Array)).toThrow(
      'typed array Uint8Array is not supported',
    );
  });

  it('rejects a shape that does not fit the values', () => {
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(
      'tensor: 3 values cannot take shape [2,2] (4 elements)',
    );
  });

  it('rejects fractional and out-of-range values for int32', () => {
    expect(() => tensor([1, 2.5], { dtype: 'int32' })).toThrow(ArgumentError);
    expect(() => tensor([1, 2.5], { dtype: 'int32' })).toThrow(
      'value 2.5 at flat index 1 is not a 32-bit integer',
    );
    expect(() => tensor([2 ** 31], { dtype: 'int32' })).toThrow('value 2147483648');
    expect(() => tensor([Number.NaN], { dtype: 'int32' })).toThrow('value NaN');
    expect(() => tensor(new Float64Array([0.5]), { dtype: 'int32' })).toThrow('value 0.5');
  });

  it('rejects unknown dtypes', () => {
    expect(() => tensor([1], { dtype: 'int64' as 'int32' })).toThrow(DTypeError);
    expect(() => tensor([1], { dtype: 'int64' as 'int32' })).toThrow(
      `tensor: unknown dtype "int64"; use 'float32', 'float64' or 'int32'`,
    );
  });
});

describe('filled tensors', () => {
  it('zeros, ones, full, zerosLike, onesLike', () => {
    expect(zeros([2, 3]).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(ones([2], { dtype: 'int32' }).toArray()).toEqual([1, 1]);
    expect(full([], 7, { dtype: 'float64' }).item()).toBe(7);
    const x = tensor([[1, 2]], { dtype: 'float64' });
    expect(zerosLike(x).dtype).toBe('float64');
    expect(onesLike(x, { dtype: 'int32' }).toArray()).toEqual([[1, 1]]);
    expect(zeros([0, 4]).size).toBe(0);
  });

  it('reject bad shapes with a ShapeError naming the dimension', () => {
    for (const shape of [[-1], [2.5], [Number.NaN], [2, Number.POSITIVE_INFINITY]]) {
      expect(() => zeros(shape)).toThrow(ShapeError);
      expect(() => zeros(shape)).toThrow(`has an invalid dimension ${shape.at(-1)}`);
    }
    expect(() => zeros([2, -1])).toThrow('zeros: shape [2,-1] has an invalid dimension -1');
    expect(() => ones([1.5])).toThrow('ones: shape [1.5]');
    expect(() => ones(5 as unknown as number[])).toThrow(ArgumentError);
    expect(() => ones(5 as unknown as number[])).toThrow(
      'shape must be an array of integers, got 5',
    );
    expect(() => zeros([65536, 65536])).toThrow('has 4294967296 elements, over 2^31 - 1');
  });

  it('full rejects non-numbers and values int32 cannot hold', () => {
    expect(() => full([2], 'a' as unknown as number)).toThrow('fill value must be a number');
    expect(() => full([2], 1.5, { dtype: 'int32' })).toThrow(ArgumentError);
    expect(() => full([2], 1.5, { dtype: 'int32' })).toThrow(
      'fill value 1.5 is not a 32-bit integer',
    );
    expect(() => full([2], 2 ** 40, { dtype: 'int32' })).toThrow('fill value 1099511627776');
  });

  it('zerosLike and onesLike reject non-tensors', () => {
    expect(() => zerosLike([1, 2] as unknown as Tensor)).toThrow(
      'zerosLike: input must be a Tensor, got an array (wrap it with tensor(...))',
    );
    expect(() => onesLike(null as unknown as Tensor)).toThrow('onesLike: input must be a Tensor');
  });
});

describe('ranges', () => {
  it('arange follows PyTorch', () => {
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2, { dtype: 'int32' }).toArray()).toEqual([5, 3, 1]);
    expect(arange(3, 3).shape).toEqual([0]);
    expect(arange(0, 1, 0.1, { dtype: 'float64' }).size).toBe(10);
  });

  it('arange has ceil((stop - start) / step) values, each start + i * step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (start, length, step, down) => {
          const s = down ? -step : step;
          const stop = start + (down ? -length : length);
          const t = arange(start, stop, s, { dtype: 'int32' });
          expect(t.size).toBe(Math.ceil(length / step));
          expect(Array.from(t.data)).toEqual(
            Array.from({ length: t.size }, (_, i) => start + i * s + 0),
          );
        },
      ),
    );
  });

  it('arange rejects bad steps and bounds', () => {
    expect(() => arange(0, 5, 0)).toThrow(ArgumentError);
    expect(() => arange(0, 5, 0)).toThrow('arange: step must not be zero');
    expect(() => arange(0, 5, -1)).toThrow(
      'arange: step -1 points away from stop (start=0, stop=5); flip the sign of step',
    );
    expect(() => arange(0, Number.NaN)).toThrow('arange: stop must be a finite number, got NaN');
    expect(() => arange(0, 1, Number.POSITIVE_INFINITY)).toThrow('step must be a finite number');
    expect(() => arange(0, 2, 0.5, { dtype: 'int32' })).toThrow(
      'arange: int32 values need integer start and step',
    );
    expect(() => arange(0, 1e12)).toThrow(ShapeError);
    expect(() => arange(0, 1e12)).toThrow('arange: shape [1000000000000]');
  });

  it('linspace includes both ends', () => {
    expectAllClose(linspace(0, 1, 5, { dtype: 'float64' }), [0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 3, 1).toArray()).toEqual([2]);
    expect(linspace(2, 3, 0).shape).toEqual([0]);
    expect(linspace(-1, 1, 3, { dtype: 'int32' }).toArray()).toEqual([-1, 0, 1]);
    const t = linspace(0.1, 0.7, 7, { dtype: 'float64' });
    expect(t.data[6]).toBe(0.7);
  });

  it('linspace rejects bad counts, bounds and fractional int32 values', () => {
    expect(() => linspace(0, 1, -1)).toThrow(
      'linspace: num must be a non-negative integer, got -1',
    );
    expect(() => linspace(0, 1, 2.5)).toThrow(ArgumentError);
    expect(() => linspace(0, Number.POSITIVE_INFINITY, 3)).toThrow('start and stop must be finite');
    expect(() => linspace(0, 1, 3, { dtype: 'int32' })).toThrow(
      'linspace: value 0.5 is not a 32-bit integer',
    );
  });

  it('eye is the identity, square or not', () => {
    expect(eye(2).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(eye(2, 3, { dtype: 'int32' }).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(eye(0).shape).toEqual([0, 0]);
    expect(() => eye(-1)).toThrow(ShapeError);
    expect(() => eye(2, 1.5)).toThrow('eye: shape [2,1.5] has an invalid dimension 1.5');
  });

  it('every error is a NablaError', () => {
    for (const f of [() => arange(0, 1, 0), () => zeros([-1]), () => tensor([[1], []])]) {
      expect(f).toThrow(NablaError);
    }
  });
});

// The shared testkit is itself tested here, where @nabla/tensor is at hand: arbitraries give
// what they promise, and expectAllClose fails with the worst index.
import {
  broadcastablePairArb,
  expectAllClose,
  floatArrayArb,
  matmulPairArb,
  runs,
  shapeArb,
  tensorArb,
} from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcastShapes, matmul, tensor, zeros } from '../src/index.js';

describe('testkit arbitraries', () => {
  it('shapeArb respects rank and dimension bounds', () => {
    fc.assert(
      fc.property(shapeArb({ minRank: 1, maxRank: 3, minDim: 2, maxDim: 4 }), (shape) => {
        expect(shape.length).toBeGreaterThanOrEqual(1);
        expect(shape.length).toBeLessThanOrEqual(3);
        for (const d of shape) expect(d >= 2 && d <= 4).toBe(true);
      }),
    );
  });

  it('shapeArb reaches 0-d, empty and unit dimensions', () => {
    const samples = fc.sample(shapeArb(), { numRuns: 500, seed: 1 });
    expect(samples.some((s) => s.length === 0)).toBe(true);
    expect(samples.some((s) => s.includes(0))).toBe(true);
    expect(samples.some((s) => s.includes(1))).toBe(true);
    expect(samples.some((s) => s.length === 4)).toBe(true);
  });

  it('tensorArb makes tensors of the requested dtype, shape and range', () => {
    fc.assert(
      fc.property(tensorArb({ dtype: 'int32', min: -3, max: 3 }), (t) => {
        expect(t.dtype).toBe('int32');
        expect(t.size).toBe(t.shape.reduce((p, d) => p * d, 1));
        for (const v of t.data) expect(v >= -3 && v <= 3).toBe(true);
      }),
    );
    fc.assert(
      fc.property(tensorArb({ shape: [2, 3], min: 1, max: 2 }), (t) => {
        expect(t.shape).toEqual([2, 3]);
        expect(t.dtype).toBe('float64');
        for (const v of t.data) expect(v >= 1 && v <= 2).toBe(true);
      }),
    );
  });

  it('floatArrayArb has the length asked for and keeps away from zero when told', () => {
    fc.assert(
      fc.property(floatArrayArb(7, { minAbs: 0.5 }), (xs) => {
        expect(xs).toHaveLength(7);
        for (const x of xs) expect(Math.abs(x)).toBeGreaterThanOrEqual(0.5);
      }),
    );
  });

  it('broadcastablePairArb gives shapes that broadcast', () => {
    fc.assert(
      fc.property(broadcastablePairArb(), ([a, b]) => {
        expect(() => broadcastShapes('test', a, b)).not.toThrow();
      }),
    );
  });

  it('matmulPairArb gives shapes matmul accepts, with the promised result shape', () => {
    fc.assert(
      fc.property(matmulPairArb(), (c) => {
        const out = matmul(zeros(c.a), zeros(c.b), c);
        expect(out.shape).toEqual(c.out);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('expectAllClose', () => {
  it('passes within tolerance and treats NaN as equal to NaN', () => {
    expectAllClose(tensor([1, Number.NaN, 3], { dtype: 'float64' }), [1 + 1e-9, Number.NaN, 3]);
    expectAllClose([[1, 2]], [[1, 2.00001]], { rtol: 1e-4 });
    expectAllClose(new Float64Array([Number.POSITIVE_INFINITY]), [Number.POSITIVE_INFINITY]);
    expectAllClose(5, tensor(5));
  });

  it('names the count and the worst index', () => {
    expect(() =>
      expectAllClose(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        [
          [1, 2, 3.1],
          [4, 7, 6],
        ],
      ),
    ).toThrow(
      '2 of 6 values differ (rtol 0.00001, atol 1e-8); worst at [1,1]: actual 5, expected 7',
    );
  });

  it('rejects a shape mismatch and a NaN against a number', () => {
    expect(() => expectAllClose(tensor([1, 2]), [[1, 2]])).toThrow(
      'shape [2] differs from expected [1,2]',
    );
    expect(() => expectAllClose([Number.NaN], [1])).toThrow('worst at [0]');
    expect(() => expectAllClose([Number.POSITIVE_INFINITY], [1e308])).toThrow('1 of 1');
  });

  it('runs scales with NABLA_FC_SCALE', () => {
    const before = process.env.NABLA_FC_SCALE;
    try {
      process.env.NABLA_FC_SCALE = '0.5';
      expect(runs(10)).toBe(5);
      process.env.NABLA_FC_SCALE = '0.001';
      expect(runs(10)).toBe(1);
      process.env.NABLA_FC_SCALE = 'nope';
      expect(() => runs(10)).toThrow('NABLA_FC_SCALE');
    } finally {
      if (before === undefined) delete process.env.NABLA_FC_SCALE;
      else process.env.NABLA_FC_SCALE = before;
    }
  });

  it('rejects ragged nested arrays', () => {
    expect(() => expectAllClose([[1], [2, 3]], [[1], [2, 3]])).toThrow('ragged');
  });
});

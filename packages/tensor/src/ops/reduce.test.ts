import { expectAllClose, floatArb, runs, shapeArb, tensorArb } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, expectMatches, indices, reduceRef } from '../../test/reference.js';
import {
  ArgumentError,
  add,
  argmax,
  argmin,
  exp,
  log,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  ShapeError,
  softmax,
  sub,
  sum,
  type Tensor,
  tensor,
  variance,
  zeros,
} from '../index.js';

/** A tensor and a subset of its axes, each given as a positive or a negative number. */
const withAxesArb = (options: Parameters<typeof tensorArb>[0] = {}) =>
  tensorArb(options).chain((x) =>
    fc
      .subarray(
        x.shape.map((_, i) => i),
        { minLength: 0 },
      )
      .chain((axes) =>
        fc
          .array(fc.boolean(), { minLength: axes.length, maxLength: axes.length })
          .map((neg) => ({ x, axes, given: axes.map((a, i) => (neg[i] ? a - x.rank : a)) })),
      ),
  );

/** A tensor of rank >= 1 and one of its axes. */
const withAxisArb = (options: Parameters<typeof tensorArb>[0] = {}) =>
  tensorArb({ minRank: 1, ...options }).chain((x) =>
    fc.integer({ min: -x.rank, max: x.rank - 1 }).map((axis) => ({ x, axis })),
  );

const kept = (shape: readonly number[], axes: readonly number[]) =>
  shape.map((d, i) => (axes.includes(i) ? 1 : d));

const naiveSum = (v: number[]) => v.reduce((s, x) => s + x, 0);
const naiveMean = (v: number[]) => naiveSum(v) / v.length;

describe('sum and mean', () => {
  it('match the naive reduction over any set of axes, with and without keepDims', () => {
    fc.assert(
      fc.property(withAxesArb(), fc.boolean(), ({ x, axes, given }, keepDims) => {
        const s = sum(x, { axis: given, keepDims });
        const ref = reduceRef(x, axes, naiveSum);
        expect(s.shape).toEqual(keepDims ? kept(x.shape, axes) : ref.shape);
        expectAllClose(s.data, ref.values, { rtol: 1e-12, atol: 1e-12 });
        const m = mean(x, { axis: given, keepDims });
        expectAllClose(m.data, reduceRef(x, axes, naiveMean).values, { rtol: 1e-12, atol: 1e-12 });
      }),
      { numRuns: runs(150) },
    );
  });

  it('sum over all axes equals the sum of per-axis sums, in any order', () => {
    fc.assert(
      fc.property(
        tensorArb().chain((x) =>
          fc
            .shuffledSubarray(
              x.shape.map((_, i) => i),
              { minLength: x.rank, maxLength: x.rank },
            )
            .map((order) => ({ x, order })),
        ),
        ({ x, order }) => {
          const total = sum(x);
          expect(total.shape).toEqual([]);
          let stepwise = x;
          // Reduce one axis at a time, highest first so the remaining indices stay valid.
          for (const a of [...order].sort((p, q) => q - p)) stepwise = sum(stepwise, { axis: a });
          expect(stepwise.shape).toEqual([]);
          expect(total.item()).toBeCloseTo(stepwise.item(), 10);
          expect(sum(x, { axis: order }).item()).toBeCloseTo(total.item(), 10);
        },
      ),
    );
  });

  it('a reduction over all axes without keepDims is 0-d; with keepDims all ones', () => {
    fc.assert(
      fc.property(shapeArb({ minDim: 1 }), (shape) => {
        const x = zeros(shape);
        for (const op of [sum, mean, max, min, logsumexp, variance]) {
          expect(op(x).shape).toEqual([]);
          expect(op(x, { keepDims: true }).shape).toEqual(shape.map(() => 1));
        }
        expect(argmax(x).shape).toEqual([]);
        expect(argmax(x, { keepDims: true }).shape).toEqual(shape.map(() => 1));
      }),
    );
  });

  it('keepDims results broadcast back against the input', () => {
    fc.assert(
      fc.property(withAxesArb({ minDim: 1 }), ({ x, given }) => {
        const centred = sub(x, mean(x, { axis: given, keepDims: true }));
        expect(centred.shape).toEqual(x.shape);
        expect(mean(centred, { axis: given }).data.every((v) => Math.abs(v) < 1e-12)).toBe(true);
      }),
      { numRuns: runs(60) },
    );
  });

  it('sum of nothing is 0 and mean of nothing is NaN; an empty axis list reduces nothing', () => {
    expect(sum(zeros([2, 0]), { axis: 1 }).toArray()).toEqual([0, 0]);
    expect(sum(zeros([0])).item()).toBe(0);
    expect(mean(zeros([0])).item()).toBeNaN();
    const x = tensor([[1, 2]]);
    expect(sum(x, { axis: [] }).toArray()).toEqual([[1, 2]]);
  });

  it('int32: sum stays int32, mean is float32', () => {
    const i = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'int32' },
    );
    expect(sum(i).dtype).toBe('int32');
    expect(sum(i, { axis: 0 }).toArray()).toEqual([4, 6]);
    expect(mean(i).dtype).toBe('float32');
    expect(mean(i, { axis: 1 }).toArray()).toEqual([1.5, 3.5]);
  });

  it('float32 sums accumulate in double precision', () => {
    const n = 1 << 20;
    const x = tensor(new Float32Array(n).fill(0.1));
    expect(sum(x).item()).toBeCloseTo(n * Math.fround(0.1), 1);
  });
});

describe('the whole sum of a vector-like tensor', () => {
  it('is bit for bit the axis-by-axis sum', () => {
    // One axis longer than 1 among any number of 1s: the case summed in one pass.
    const vectorLike = fc
      .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 4 }))
      .chain(([n, rank]) =>
        fc.integer({ min: 0, max: rank - 1 }).map((k) => {
          const shape = new Array<number>(rank).fill(1);
          shape[k] = n;
          return shape;
        }),
      );
    fc.assert(
      fc.property(
        vectorLike.chain((shape) =>
          fc.tuple(
            tensorArb({ shape, dtype: 'float32', min: -1e3, max: 1e3 }),
            tensorArb({ shape, dtype: 'int32', min: -1e3, max: 1e3 }),
          ),
        ),
        ([f, i]) => {
          for (const x of [f, i]) {
            const axes = x.shape.map((_, a) => a);
            const oneByOne = sum(x, { axis: axes });
            expect(sum(x).shape).toEqual([]);
            expect(Array.from(sum(x).data)).toEqual(Array.from(oneByOne.data));
            expect(sum(x).dtype).toBe(x.dtype);
          }
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('float32 and int32 reductions', () => {
  it('agree with the float64 reduction of the same values', () => {
    fc.assert(
      fc.property(
        withAxesArb({ minDim: 1, dtype: 'float32' }),
        withAxesArb({ minDim: 1, dtype: 'int32', min: -1000, max: 1000 }),
        (f, i) => {
          for (const { x, axes, given } of [f, i]) {
            const ref = (fn: (v: number[]) => number) => reduceRef(x, axes, fn).values;
            const tol = { rtol: 1e-6, atol: 1e-5 };
            expect(sum(x, { axis: given }).dtype).toBe(x.dtype);
            expectAllClose(sum(x, { axis: given }).data, ref(naiveSum), tol);
            expectAllClose(mean(x, { axis: given }).data, ref(naiveMean).map(Math.fround), tol);
            // Exact, but -0 and 0 count as equal (max keeps the first of equal values).
            const exact = { rtol: 0, atol: 0 };
            expectAllClose(
              max(x, { axis: given }).data,
              ref((v) => Math.max(...v)),
              exact,
            );
            expectAllClose(
              min(x, { axis: given }).data,
              ref((v) => Math.min(...v)),
              exact,
            );
            expectAllClose(
              logsumexp(x, { axis: given }).data,
              ref((v) => {
                const m = Math.max(...v);
                return m + Math.log(naiveSum(v.map((y) => Math.exp(y - m))));
              }),
              tol,
            );
          }
        },
      ),
      { numRuns: runs(80) },
    );
  });
});

describe('max, min, argmax, argmin', () => {
  it('max and min match the naive reduction', () => {
    fc.assert(
      fc.property(withAxesArb({ minDim: 1 }), fc.boolean(), ({ x, axes, given }, keepDims) => {
        const mx = max(x, { axis: given, keepDims });
        const mn = min(x, { axis: given, keepDims });
        expect(mx.shape).toEqual(
          keepDims ? kept(x.shape, axes) : reduceRef(x, axes, () => 0).shape,
        );
        expect(Array.from(mx.data)).toEqual(reduceRef(x, axes, (v) => Math.max(...v)).values);
        expect(Array.from(mn.data)).toEqual(reduceRef(x, axes, (v) => Math.min(...v)).values);
      }),
      { numRuns: runs(150) },
    );
  });

  it('argmax picks a maximum (the first on ties), argmin a minimum', () => {
    const tied = { values: fc.integer({ min: -2, max: 2 }), minDim: 1 };
    fc.assert(
      fc.property(withAxisArb(tied), fc.boolean(), ({ x, axis }, keepDims) => {
        const a = axis < 0 ? axis + x.rank : axis;
        const ix = argmax(x, { axis, keepDims });
        const jx = argmin(x, { axis, keepDims });
        expect(ix.dtype).toBe('int32');
        expect(ix.shape).toEqual(keepDims ? kept(x.shape, [a]) : x.shape.filter((_, i) => i !== a));
        const outShape = x.shape.filter((_, i) => i !== a);
        indices(outShape).forEach((o, flat) => {
          const line = Array.from({ length: x.shape[a]! }, (_, r) =>
            at(x, [...o.slice(0, a), r, ...o.slice(a)]),
          );
          expect(ix.data[flat]).toBe(line.indexOf(Math.max(...line)));
          expect(jx.data[flat]).toBe(line.indexOf(Math.min(...line)));
        });
      }),
      { numRuns: runs(100) },
    );
  });

  it('without an axis, argmax indexes the flattened tensor', () => {
    fc.assert(
      fc.property(tensorArb({ minDim: 1 }), (x) => {
        const flat = Array.from(x.data);
        expect(argmax(x).item()).toBe(flat.indexOf(Math.max(...flat)));
        expect(argmin(x).item()).toBe(flat.indexOf(Math.min(...flat)));
      }),
    );
  });

  it('NaN wins, so it is never hidden', () => {
    const x = tensor([1, Number.NaN, 3]);
    expect(max(x).item()).toBeNaN();
    expect(min(x).item()).toBeNaN();
    expect(argmax(x).item()).toBe(1);
    expect(argmin(x).item()).toBe(1);
  });

  it('reject empty reductions with a ShapeError naming the axis', () => {
    expect(() => max(zeros([2, 0]), { axis: 1 })).toThrow(ShapeError);
    expect(() => max(zeros([2, 0]), { axis: 1 })).toThrow(
      'max: cannot reduce over the empty axis 1 of shape [2,0]; max of nothing is undefined',
    );
    expect(() => min(zeros([0]))).toThrow('min: cannot reduce over the empty axis 0');
    expect(() => argmax(zeros([0, 2]))).toThrow(
      'argmax: cannot take argmax of an empty tensor (shape [0,2])',
    );
    expect(() => argmin(zeros([0, 2]), { axis: 0 })).toThrow(
      'argmin: cannot reduce over the empty axis 0',
    );
    // Reducing a non-empty axis of a tensor with an empty one is fine.
    expect(max(zeros([0, 2]), { axis: 1 }).shape).toEqual([0]);
  });

  it('argmax takes one axis, not a list', () => {
    expect(() => argmax(zeros([2, 2]), { axis: [0] as unknown as number })).toThrow(ArgumentError);
    expect(() => argmax(zeros([2, 2]), { axis: [0] as unknown as number })).toThrow(
      'argmax: takes a single axis, not a list',
    );
  });
});

describe('variance', () => {
  it('matches the two-pass naive formula, with Bessel correction by default', () => {
    fc.assert(
      fc.property(withAxesArb({ minDim: 1 }), fc.constantFrom(0, 1), ({ x, axes, given }, c) => {
        const v = variance(x, { axis: given, correction: c });
        const ref = reduceRef(x, axes, (vals) => {
          const m = naiveMean(vals);
          return vals.reduce((s, y) => s + (y - m) ** 2, 0) / Math.max(0, vals.length - c);
        });
        expectMatches(v, ref, { rtol: 1e-9, atol: 1e-9 });
      }),
      { numRuns: runs(100) },
    );
    expect(variance(tensor([1, 2, 3, 4])).item()).toBeCloseTo(5 / 3, 6);
    expect(variance(tensor([1, 2, 3, 4]), { correction: 0 }).item()).toBeCloseTo(1.25, 6);
  });

  it('is NaN when the correction leaves no degrees of freedom, as in PyTorch', () => {
    expect(variance(tensor([3])).item()).toBeNaN();
  });

  it('errors name variance', () => {
    expect(() => variance(zeros([2]), { axis: 3 })).toThrow(
      'variance: axis 3 is out of range for rank 1; valid axes are -1..0',
    );
    expect(() => variance(zeros([2]), { correction: -1 })).toThrow(
      'variance: correction must be a non-negative number, got -1',
    );
  });
});

describe('logsumexp', () => {
  it('equals log(sum(exp(x))) wherever that is finite', () => {
    fc.assert(
      fc.property(withAxesArb({ min: -50, max: 50 }), ({ x, axes, given }) => {
        const out = logsumexp(x, { axis: given });
        const ref = reduceRef(x, axes, (v) => Math.log(naiveSum(v.map(Math.exp))));
        expectMatches(out, ref, { rtol: 1e-12, atol: 1e-12 });
      }),
      { numRuns: runs(100) },
    );
  });

  it('is finite for inputs up to ±1e4 and lies in [max, max + log n]', () => {
    fc.assert(
      fc.property(withAxisArb({ min: -1e4, max: 1e4, minDim: 1 }), ({ x, axis }) => {
        const out = logsumexp(x, { axis });
        const mx = max(x, { axis });
        const a = axis < 0 ? axis + x.rank : axis;
        const n = x.shape[a]!;
        const naive = reduceRef(x, [a], (v) => Math.log(naiveSum(v.map(Math.exp)))).values;
        out.data.forEach((v, i) => {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(mx.data[i]! - 1e-9);
          expect(v).toBeLessThanOrEqual(mx.data[i]! + Math.log(n) + 1e-9);
          // Where the naive formula neither overflows nor underflows, they agree.
          const ref = naive[i]!;
          if (Number.isFinite(ref)) expect(v).toBeCloseTo(ref, 9);
        });
      }),
    );
    expect(logsumexp(tensor([1e4, 1e4])).item()).toBeCloseTo(1e4 + Math.LN2, 2);
    expect(logsumexp(tensor([-1e4, -1e4], { dtype: 'float64' })).item()).toBeCloseTo(
      -1e4 + Math.LN2,
      9,
    );
  });

  it('handles infinities and empty axes like PyTorch', () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(logsumexp(tensor([-inf, -inf])).item()).toBe(-inf);
    expect(logsumexp(tensor([-inf, 0])).item()).toBe(0);
    expect(logsumexp(tensor([inf, 0])).item()).toBe(inf);
    expect(logsumexp(zeros([0])).item()).toBe(-inf);
    expect(logsumexp(zeros([2, 0]), { axis: 1 }).toArray()).toEqual([-inf, -inf]);
    expect(logsumexp(zeros([2, 0]), { axis: 1, keepDims: true }).shape).toEqual([2, 1]);
  });

  it('int32 input gives float32 and axes are checked under its own name', () => {
    expect(logsumexp(tensor([0, 0], { dtype: 'int32' })).dtype).toBe('float32');
    expect(() => logsumexp(zeros([2]), { axis: 1 })).toThrow('logsumexp: axis 1 is out of range');
  });
});

describe('softmax and logSoftmax', () => {
  it('softmax is non-negative and sums to 1 along the axis, even for inputs of ±1e4', () => {
    fc.assert(
      fc.property(withAxisArb({ min: -1e4, max: 1e4, minDim: 1 }), ({ x, axis }) => {
        const p = softmax(x, { axis });
        expect(p.shape).toEqual(x.shape);
        expect(p.data.every((v) => v >= 0 && v <= 1)).toBe(true);
        expectAllClose(sum(p, { axis }).data, new Array(p.size / x.shape.at(axis)!).fill(1), {
          rtol: 1e-12,
          atol: 1e-12,
        });
      }),
    );
  });

  it('softmax is shift-invariant', () => {
    fc.assert(
      fc.property(
        withAxisArb({ min: -30, max: 30 }),
        floatArb({ min: -100, max: 100 }),
        ({ x, axis }, c) => {
          expectAllClose(softmax(add(x, c), { axis }), softmax(x, { axis }), {
            rtol: 1e-9,
            atol: 1e-12,
          });
        },
      ),
    );
  });

  it('logSoftmax = log(softmax) and is shift-invariant', () => {
    fc.assert(
      fc.property(
        withAxisArb({ min: -20, max: 20 }),
        floatArb({ min: -100, max: 100 }),
        ({ x, axis }, c) => {
          const ls = logSoftmax(x, { axis });
          expect(ls.shape).toEqual(x.shape);
          expectAllClose(ls, log(softmax(x, { axis })), { rtol: 1e-10, atol: 1e-10 });
          expectAllClose(logSoftmax(add(x, c), { axis }), ls, { rtol: 1e-9, atol: 1e-9 });
        },
      ),
    );
  });

  it('logSoftmax stays finite where softmax underflows', () => {
    const ls = logSoftmax(tensor([0, -1e4], { dtype: 'float64' }));
    expect(ls.toArray()).toEqual([0, -1e4]);
    expect(sum(exp(logSoftmax(tensor([3, 1e4, -1e4])))).item()).toBeCloseTo(1, 6);
    expect(softmax(tensor([1e4, -1e4])).toArray()).toEqual([1, 0]);
  });

  it('defaults to the last axis; a float32 input stays float32', () => {
    const x = tensor([
      [1, 2, 3],
      [1, 1, 1],
    ]);
    const p = softmax(x);
    expect(p.dtype).toBe('float32');
    expectAllClose(p, softmax(x, { axis: 1 }), { rtol: 0, atol: 0 });
    expectAllClose(
      p.toArray() as number[][],
      [
        [0.09003057, 0.24472847, 0.66524096],
        [1 / 3, 1 / 3, 1 / 3],
      ],
      { rtol: 1e-6 },
    );
    expect(softmax(zeros([0, 3])).shape).toEqual([0, 3]);
  });

  it('reject bad axes', () => {
    expect(() => softmax(zeros([2, 3]), { axis: 2 })).toThrow(ShapeError);
    expect(() => softmax(zeros([2, 3]), { axis: 2 })).toThrow(
      'softmax: axis 2 is out of range for rank 2; valid axes are -2..1',
    );
    expect(() => logSoftmax(zeros([]), {})).toThrow(
      'logSoftmax: axis -1 is out of range for rank 0; a 0-d tensor has no axes',
    );
  });
});

describe('axis errors', () => {
  const x = zeros([2, 3]);
  it.each([
    ['sum', sum],
    ['mean', mean],
    ['max', max],
    ['min', min],
  ] as [string, (x: Tensor, o: { axis?: number | number[] }) => Tensor][])(
    '%s rejects out-of-range, fractional and repeated axes',
    (name, op) => {
      expect(() => op(x, { axis: 2 })).toThrow(ShapeError);
      expect(() => op(x, { axis: 2 })).toThrow(
        `${name}: axis 2 is out of range for rank 2; valid axes are -2..1`,
      );
      expect(() => op(x, { axis: -3 })).toThrow('axis -3 is out of range');
      expect(() => op(x, { axis: 0.5 })).toThrow('axis 0.5 is out of range');
      expect(() => op(x, { axis: [0, -2] })).toThrow(`${name}: axis list [0,-2] repeats an axis`);
      expect(() => op(zeros([]), { axis: 0 })).toThrow('a 0-d tensor has no axes');
    },
  );

  it('non-number axes are named as given', () => {
    expect(() => sum(x, { axis: '0' as unknown as number })).toThrow(
      'sum: axis "0" is out of range for rank 2',
    );
  });

  it('reductions reject non-tensors', () => {
    expect(() => sum(undefined as unknown as Tensor)).toThrow(
      'sum: input must be a Tensor, got undefined',
    );
    expect(() => max(undefined as unknown as Tensor)).toThrow('max: input must be a Tensor');
    expect(() => min(undefined as unknown as Tensor)).toThrow('min: input must be a Tensor');
    expect(() => sum([1, 2] as unknown as Tensor)).toThrow(ArgumentError);
    expect(() => sum([1, 2] as unknown as Tensor)).toThrow('sum: input must be a Tensor');
    expect(() => softmax(null as unknown as Tensor)).toThrow(
      'softmax: input must be a Tensor, got null',
    );
  });
});

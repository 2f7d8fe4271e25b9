import { runs, shapeArb, tensorArb } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, broadcastAt, indices } from '../../test/reference.js';
import {
  ArgumentError,
  arange,
  astype,
  broadcastTo,
  concat,
  DTypeError,
  gather,
  indexSelect,
  oneHot,
  permute,
  reshape,
  type Shape,
  ShapeError,
  slice,
  squeeze,
  stack,
  type Tensor,
  tensor,
  transpose,
  unsqueeze,
  zeros,
} from '../index.js';

const sameTensor = (a: Tensor, b: Tensor) => {
  expect(a.shape).toEqual(b.shape);
  expect(a.dtype).toBe(b.dtype);
  expect(Array.from(a.data)).toEqual(Array.from(b.data));
};

/** A tensor with a permutation of its axes. */
const withPermutationArb = tensorArb().chain((x) =>
  fc
    .shuffledSubarray(
      x.shape.map((_, i) => i),
      { minLength: x.rank, maxLength: x.rank },
    )
    .map((dims) => ({ x, dims })),
);

describe('reshape', () => {
  it('round-trips through any shape of the same size, sharing data', () => {
    const arb = tensorArb().chain((x) =>
      fc
        .shuffledSubarray(factors(x.size).concat(x.size === 0 ? [0] : []), { minLength: 0 })
        .map((dims) => ({ x, target: completeShape(dims, x.size) })),
    );
    fc.assert(
      fc.property(arb, ({ x, target }) => {
        const y = reshape(x, target);
        expect(y.shape).toEqual(target);
        expect(y.data).toBe(x.data);
        sameTensor(reshape(y, x.shape), x);
      }),
    );
  });

  it('infers one -1', () => {
    const x = arange(24);
    expect(reshape(x, [2, -1]).shape).toEqual([2, 12]);
    expect(reshape(x, [-1, 3, 2]).shape).toEqual([4, 3, 2]);
    expect(reshape(x, [2, 3, 4, -1]).shape).toEqual([2, 3, 4, 1]);
    expect(reshape(tensor(5), [-1]).shape).toEqual([1]);
    expect(reshape(zeros([0, 3]), [-1, 3]).shape).toEqual([0, 3]);
    fc.assert(
      fc.property(tensorArb({ minRank: 1, minDim: 1 }), fc.nat(), (x, pick) => {
        const shape = [...x.shape];
        const i = pick % shape.length;
        const inferred = shape.map((d, j) => (j === i ? -1 : d));
        expect(reshape(x, inferred).shape).toEqual(shape);
      }),
    );
  });

  it('rejects size mismatches, two -1s and bad dimensions', () => {
    const x = arange(6);
    expect(() => reshape(x, [4, 2])).toThrow(ShapeError);
    expect(() => reshape(x, [4, 2])).toThrow(
      'reshape: cannot reshape [6] (6 elements) to [4,2] (8 elements)',
    );
    expect(() => reshape(x, [-1, -1])).toThrow(
      'reshape: only one dimension can be -1, got [-1,-1]',
    );
    expect(() => reshape(x, [4, -1])).toThrow(
      'reshape: cannot infer -1 in [4,-1] for 6 elements (input [6])',
    );
    expect(() => reshape(zeros([0]), [0, -1])).toThrow('cannot infer -1 in [0,-1]');
    expect(() => reshape(x, [-2, -3])).toThrow(
      'reshape: shape [-2,-3] has an invalid dimension -2; use non-negative integers and at most one -1',
    );
    expect(() => reshape(x, [Number.NaN, -1])).toThrow('invalid dimension NaN');
    expect(() => reshape(x, [1.5, 4])).toThrow('invalid dimension 1.5');
    expect(() => reshape(x, 6 as unknown as Shape)).toThrow(ArgumentError);
    expect(() => reshape(x, 6 as unknown as Shape)).toThrow(
      'reshape: shape must be an array, got 6',
    );
  });
});

/** Divisors of n that are > 1 (with repeats), so products of a subset divide n. */
function factors(n: number): number[] {
  const out: number[] = [];
  for (let p = 2; n > 1 && p <= n; p++) {
    while (n % p === 0) {
      out.push(p);
      n /= p;
    }
  }
  return out;
}

/** `dims` with one more dimension so the product is `size` (size 0 already contains a 0). */
function completeShape(dims: number[], size: number): number[] {
  const product = dims.reduce((p, d) => p * d, 1);
  return product === size ? dims : [...dims, size / product];
}

describe('transpose and permute', () => {
  it('transpose reverses the axes and is an involution', () => {
    fc.assert(
      fc.property(tensorArb(), (x) => {
        const t = transpose(x);
        expect(t.shape).toEqual([...x.shape].reverse());
        for (const ix of indices(x.shape)) expect(at(t, [...ix].reverse())).toBe(at(x, ix));
        sameTensor(transpose(t), x);
      }),
      { numRuns: runs(60) },
    );
  });

  it('a 2-D transpose swaps rows and columns', () => {
    expect(
      transpose(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).toArray(),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it('permute moves input axis dims[i] to output axis i; the inverse permutation undoes it', () => {
    fc.assert(
      fc.property(withPermutationArb, ({ x, dims }) => {
        const p = permute(x, dims);
        expect(p.shape).toEqual(dims.map((d) => x.shape[d]));
        for (const ix of indices(p.shape)) {
          const src = new Array<number>(x.rank);
          dims.forEach((d, i) => {
            src[d] = ix[i]!;
          });
          expect(at(p, ix)).toBe(at(x, src));
        }
        const inverse = new Array<number>(dims.length);
        dims.forEach((d, i) => {
          inverse[d] = i;
        });
        sameTensor(permute(p, inverse), x);
        sameTensor(transpose(x, dims), p);
      }),
      { numRuns: runs(60) },
    );
  });

  it('accepts negative axes', () => {
    const x = zeros([2, 3, 4]);
    expect(permute(x, [-1, 0, 1]).shape).toEqual([4, 2, 3]);
  });

  it('rejects lists that are not permutations of the axes', () => {
    const x = zeros([2, 3]);
    expect(() => permute(x, [0])).toThrow(ShapeError);
    expect(() => permute(x, [0])).toThrow(
      'permute: needs a permutation of 2 axes for shape [2,3], got [0]',
    );
    expect(() => permute(x, [0, 0])).toThrow(
      'permute: [0,0] is not a permutation of the axes 0..1',
    );
    expect(() => permute(x, [0, -2])).toThrow('is not a permutation');
    expect(() => permute(x, [0, 2])).toThrow('permute: axis 2 is out of range for rank 2');
    expect(() => transpose(x, [1])).toThrow('permute: needs a permutation of 2 axes');
  });
});

describe('broadcastTo', () => {
  it('reads each output element from the broadcast source element', () => {
    const arb = shapeArb().chain((target) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: target.length }),
          fc.array(fc.boolean(), { minLength: target.length, maxLength: target.length }),
        )
        .chain(([drop, ones]) =>
          tensorArb({ shape: target.map((d, i) => (ones[i] ? 1 : d)).slice(drop) }),
        )
        .map((x) => ({ x, target })),
    );
    fc.assert(
      fc.property(arb, ({ x, target }) => {
        const y = broadcastTo(x, target);
        expect(y.shape).toEqual(target);
        for (const ix of indices(target)) expect(at(y, ix)).toBe(broadcastAt(x, ix));
      }),
      { numRuns: runs(60) },
    );
  });

  it('rejects shapes it cannot reach', () => {
    expect(() => broadcastTo(zeros([3]), [1])).toThrow(ShapeError);
    expect(() => broadcastTo(zeros([3]), [1])).toThrow('broadcastTo: cannot broadcast [3] to [1]');
    expect(() => broadcastTo(zeros([2, 3]), [3])).toThrow(
      'broadcastTo: cannot broadcast [2,3] to [3]',
    );
    expect(() => broadcastTo(zeros([3]), [2, 4])).toThrow(
      'broadcastTo: shapes [3] and [2,4] do not broadcast',
    );
    expect(() => broadcastTo(zeros([3]), [-1])).toThrow(
      'broadcastTo: shape [-1] has an invalid dimension -1',
    );
  });
});

describe('squeeze and unsqueeze', () => {
  it('unsqueeze inserts a 1 at any position and squeeze of that axis undoes it; both share data', () => {
    const arb = tensorArb().chain((x) =>
      fc.integer({ min: -x.rank - 1, max: x.rank }).map((axis) => ({ x, axis })),
    );
    fc.assert(
      fc.property(arb, ({ x, axis }) => {
        const u = unsqueeze(x, axis);
        const a = axis < 0 ? axis + x.rank + 1 : axis;
        expect(u.shape).toEqual([...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
        expect(u.data).toBe(x.data);
        const s = squeeze(u, { axis });
        sameTensor(s, x);
        expect(s.data).toBe(x.data);
      }),
    );
  });

  it('squeeze without an axis drops every 1', () => {
    fc.assert(
      fc.property(tensorArb({ maxDim: 2 }), (x) => {
        expect(squeeze(x).shape).toEqual(x.shape.filter((d) => d !== 1));
        expect(Array.from(squeeze(x).data)).toEqual(Array.from(x.data));
      }),
    );
    expect(squeeze(zeros([1, 1])).shape).toEqual([]);
  });

  it('accept a number or { axis }', () => {
    expect(unsqueeze(zeros([2]), { axis: 0 }).shape).toEqual([1, 2]);
    expect(squeeze(zeros([1, 2]), 0).shape).toEqual([2]);
  });

  it('reject axes out of range and squeezing a dimension that is not 1', () => {
    expect(() => squeeze(zeros([2, 3]), 0)).toThrow(ShapeError);
    expect(() => squeeze(zeros([2, 3]), 0)).toThrow(
      'squeeze: axis 0 of shape [2,3] has size 2, not 1',
    );
    expect(() => squeeze(zeros([2]), 1)).toThrow('squeeze: axis 1 is out of range for rank 1');
    expect(() => unsqueeze(zeros([2]), 2)).toThrow(
      'unsqueeze: axis 2 is out of range for rank 2; valid axes are -2..1',
    );
    expect(() => unsqueeze(zeros([2]), {})).toThrow(ArgumentError);
    expect(() => unsqueeze(zeros([2]), {})).toThrow('unsqueeze: needs an axis');
  });
});

describe('slice', () => {
  it('matches Python slicing along any axis, with clipping and steps', () => {
    const bound = fc.option(fc.integer({ min: -7, max: 7 }), { nil: undefined });
    const arb = tensorArb({ minRank: 1 }).chain((x) =>
      fc.record({
        x: fc.constant(x),
        axis: fc.integer({ min: -x.rank, max: x.rank - 1 }),
        start: bound,
        end: bound,
        step: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ x, axis, start, end, step }) => {
        const s = slice(x, { axis, start, end, step });
        const a = axis < 0 ? axis + x.rank : axis;
        const picked = pythonRange(x.shape[a]!, start, end, step ?? 1);
        expect(s.shape).toEqual(x.shape.map((d, i) => (i === a ? picked.length : d)));
        for (const ix of indices(s.shape)) {
          const src = ix.map((v, i) => (i === a ? picked[v]! : v));
          expect(at(s, ix)).toBe(at(x, src));
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('without options is a copy of the whole tensor', () => {
    const x = tensor([1, 2, 3]);
    const s = slice(x);
    expect(s.toArray()).toEqual([1, 2, 3]);
    expect(s.data).not.toBe(x.data);
  });

  it('takes rows by default and copies', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const s = slice(x, { start: 1 });
    expect(s.toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(slice(x, { axis: 1, start: -1 }).toArray()).toEqual([[2], [4], [6]]);
    expect(slice(x, { start: 2, end: 1 }).shape).toEqual([0, 2]);
  });

  it('rejects non-integer bounds, bad steps and axes', () => {
    const x = zeros([3]);
    expect(() => slice(x, { start: 0.5 })).toThrow(ArgumentError);
    expect(() => slice(x, { start: 0.5 })).toThrow('slice: start must be an integer, got 0.5');
    expect(() => slice(x, { end: Number.NaN })).toThrow('slice: end must be an integer, got NaN');
    expect(() => slice(x, { step: 0 })).toThrow('slice: step must be a positive integer, got 0');
    expect(() => slice(x, { step: -1 })).toThrow('got -1');
    expect(() => slice(x, { axis: 1 })).toThrow('slice: axis 1 is out of range for rank 1');
    expect(() => slice(zeros([]), {})).toThrow(ShapeError);
  });
});

/** The indices Python's `range(len)[start:end:step]` picks (step > 0). */
function pythonRange(len: number, start?: number, end?: number, step = 1): number[] {
  const norm = (i: number) => (i < 0 ? Math.max(0, i + len) : Math.min(i, len));
  const out: number[] = [];
  for (let i = norm(start ?? 0); i < norm(end ?? len); i += step) out.push(i);
  return out;
}

describe('concat and stack', () => {
  it('concat of slices that cover an axis rebuilds the tensor', () => {
    const arb = tensorArb({ minRank: 1 }).chain((x) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: x.rank - 1 }),
          fc.array(fc.nat(), { minLength: 0, maxLength: 3 }),
        )
        .map(([axis, cuts]) => ({ x, axis, cuts })),
    );
    fc.assert(
      fc.property(arb, ({ x, axis, cuts }) => {
        const len = x.shape[axis]!;
        const points = [0, ...cuts.map((c) => c % (len + 1)).sort((p, q) => p - q), len];
        const parts = points.slice(1).map((end, i) => slice(x, { axis, start: points[i]!, end }));
        sameTensor(concat(parts, { axis }), x);
        sameTensor(concat(parts, { axis: axis - x.rank }), x);
      }),
      { numRuns: runs(80) },
    );
  });

  it('stack puts each tensor at its index along the new axis', () => {
    const arb = shapeArb({ maxRank: 3 }).chain((shape) =>
      fc.record({
        parts: fc.array(tensorArb({ shape }), { minLength: 1, maxLength: 3 }),
        axis: fc.integer({ min: -shape.length - 1, max: shape.length }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ parts, axis }) => {
        const s = stack(parts, { axis });
        const a = axis < 0 ? axis + parts[0]!.rank + 1 : axis;
        parts.forEach((p, i) => {
          sameTensor(squeeze(slice(s, { axis: a, start: i, end: i + 1 }), a), p);
        });
      }),
      { numRuns: runs(60) },
    );
  });

  it('concat joins along axis 0 by default', () => {
    expect(concat([tensor([[1, 2]]), tensor([[3, 4]])]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(concat([tensor([[1]]), tensor([[2, 3]])], { axis: 1 }).toArray()).toEqual([[1, 2, 3]]);
    expect(stack([tensor([1, 2]), tensor([3, 4])], { axis: 1 }).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('reject mismatched shapes, ranks and dtypes, empty lists and bad axes', () => {
    const a = zeros([2, 3]);
    expect(() => concat([a, zeros([2, 4])])).toThrow(ShapeError);
    expect(() => concat([a, zeros([2, 4])])).toThrow(
      'concat: tensor 1 has shape [2,4], which does not match [2,3] outside axis 0',
    );
    expect(() => concat([a, zeros([2, 3, 1])], { axis: 1 })).toThrow('tensor 1 has shape [2,3,1]');
    expect(() => concat([a, zeros([2, 3], { dtype: 'float64' })])).toThrow(DTypeError);
    expect(() => concat([a, zeros([2, 3], { dtype: 'float64' })])).toThrow(
      'concat: tensor 1 is float64 but tensor 0 is float32; convert with astype first',
    );
    expect(() => concat([])).toThrow(ArgumentError);
    expect(() => concat([])).toThrow('concat: needs a non-empty array of tensors');
    expect(() => concat([a, [1] as unknown as Tensor])).toThrow(
      'concat: tensor 1 must be a Tensor',
    );
    expect(() => concat([a], { axis: 2 })).toThrow('concat: axis 2 is out of range for rank 2');
    expect(() => concat([zeros([]), zeros([])])).toThrow('a 0-d tensor has no axes');

    expect(() => stack([a, zeros([3, 2])])).toThrow(
      'stack: tensor 1 has shape [3,2] but tensor 0 has [2,3]; stack needs equal shapes',
    );
    expect(() => stack([a, zeros([2, 3], { dtype: 'int32' })])).toThrow(DTypeError);
    expect(() => stack([a, zeros([2, 3], { dtype: 'int32' })])).toThrow(
      'stack: tensor 1 is int32 but tensor 0 is float32',
    );
    expect(() => stack([a], { axis: 3 })).toThrow('stack: axis 3 is out of range for rank 3');
    expect(() => stack([])).toThrow('stack: needs a non-empty array of tensors');
  });
});

describe('gather, indexSelect, oneHot', () => {
  it('indexSelect takes whole slices, negative indices counting from the end', () => {
    const arb = tensorArb({ minRank: 1, minDim: 1 }).chain((x) =>
      fc
        .integer({ min: 0, max: x.rank - 1 })
        .chain((axis) =>
          fc
            .array(fc.integer({ min: -x.shape[axis]!, max: x.shape[axis]! - 1 }), { maxLength: 6 })
            .map((idx) => ({ x, axis, idx })),
        ),
    );
    fc.assert(
      fc.property(arb, ({ x, axis, idx }) => {
        const out = indexSelect(x, tensor(idx, { dtype: 'int32', shape: [idx.length] }), { axis });
        expect(out.shape).toEqual(x.shape.map((d, i) => (i === axis ? idx.length : d)));
        const len = x.shape[axis]!;
        for (const ix of indices(out.shape)) {
          const k = idx[ix[axis]!]!;
          expect(at(out, ix)).toBe(
            at(
              x,
              ix.map((v, i) => (i === axis ? (k < 0 ? k + len : k) : v)),
            ),
          );
        }
      }),
      { numRuns: runs(80) },
    );
  });

  it('gather reads x at the index along the axis and the position elsewhere', () => {
    const arb = tensorArb({ minRank: 1, minDim: 1 }).chain((x) =>
      fc.integer({ min: 0, max: x.rank - 1 }).chain((axis) => {
        const shape = fc.tuple(
          ...x.shape.map((d, i) =>
            fc.integer({ min: i === axis ? 0 : 1, max: i === axis ? 4 : d }),
          ),
        );
        return shape.chain((s) =>
          tensorArb({
            shape: s,
            dtype: 'int32',
            values: fc.integer({ min: -x.shape[axis]!, max: x.shape[axis]! - 1 }),
          }).map((index) => ({ x, axis, index })),
        );
      }),
    );
    fc.assert(
      fc.property(arb, ({ x, axis, index }) => {
        const out = gather(x, index, { axis });
        expect(out.shape).toEqual(index.shape);
        const len = x.shape[axis]!;
        for (const ix of indices(index.shape)) {
          const k = at(index, ix);
          expect(at(out, ix)).toBe(
            at(
              x,
              ix.map((v, i) => (i === axis ? (k < 0 ? k + len : k) : v)),
            ),
          );
        }
      }),
      { numRuns: runs(80) },
    );
    // The typical use: pick each row's target log-probability.
    const logp = tensor([
      [0.1, 0.2, 0.7],
      [0.5, 0.4, 0.1],
    ]);
    const targets = tensor([[2], [0]], { dtype: 'int32' });
    expect(gather(logp, targets, { axis: 1 }).toArray()).toEqual(
      [[0.7], [0.5]].map((r) => r.map(Math.fround)),
    );
  });

  it('oneHot puts a single 1 at each class', () => {
    const arb = fc
      .integer({ min: 1, max: 6 })
      .chain((n) =>
        tensorArb({ dtype: 'int32', maxRank: 3, values: fc.integer({ min: 0, max: n - 1 }) }).map(
          (idx) => ({ n, idx }),
        ),
      );
    fc.assert(
      fc.property(arb, ({ n, idx }) => {
        const h = oneHot(idx, n);
        expect(h.shape).toEqual([...idx.shape, n]);
        expect(h.dtype).toBe('float32');
        for (const ix of indices(h.shape)) {
          expect(at(h, ix)).toBe(at(idx, ix.slice(0, -1)) === ix.at(-1) ? 1 : 0);
        }
      }),
    );
    expect(oneHot(tensor([1], { dtype: 'int32' }), 2, { dtype: 'int32' }).toArray()).toEqual([
      [0, 1],
    ]);
  });

  it('reject out-of-range indices, float indices and bad shapes', () => {
    const x = zeros([2, 3]);
    const i32 = (v: number[], shape?: number[]) => tensor(v, { dtype: 'int32', shape });
    expect(() => indexSelect(x, i32([0, 2]))).toThrow(ArgumentError);
    expect(() => indexSelect(x, i32([0, 2]))).toThrow(
      'indexSelect: index 2 at position 1 is out of range for axis 0 of size 2',
    );
    expect(() => indexSelect(x, i32([-4]), { axis: 1 })).toThrow(
      'index -4 at position 0 is out of range for axis 1 of size 3',
    );
    expect(() => indexSelect(x, tensor([0]))).toThrow(DTypeError);
    expect(() => indexSelect(x, tensor([0]))).toThrow(
      "indexSelect: indices must be int32, got float32; convert with astype(indices, 'int32')",
    );
    expect(() => indexSelect(x, i32([0, 1], [1, 2]))).toThrow(
      'indexSelect: indices must be 1-D, got shape [1,2]',
    );
    expect(() => indexSelect(x, i32([0]), { axis: 2 })).toThrow(
      'indexSelect: axis 2 is out of range',
    );

    expect(() => gather(x, i32([3], [1, 1]), { axis: 1 })).toThrow(
      'gather: index 3 at position 0 is out of range for axis 1 of size 3',
    );
    expect(() => gather(x, i32([0]), { axis: 1 })).toThrow(ShapeError);
    expect(() => gather(x, i32([0]), { axis: 1 })).toThrow(
      'gather: index shape [1] must have the rank of [2,3] and no larger dimensions outside axis 1',
    );
    expect(() => gather(x, i32([0, 0, 0], [3, 1]), { axis: 1 })).toThrow('index shape [3,1]');
    expect(() => gather(x, tensor([[0]]), { axis: 1 })).toThrow(
      'gather: indices must be int32, got float32',
    );

    expect(() => oneHot(i32([3]), 3)).toThrow(ArgumentError);
    expect(() => oneHot(i32([3]), 3)).toThrow('oneHot: class 3 at position 0 is outside 0..2');
    expect(() => oneHot(i32([-1]), 3)).toThrow('class -1 at position 0');
    expect(() => oneHot(i32([0]), 0)).toThrow(
      'oneHot: numClasses must be a positive integer, got 0',
    );
    expect(() => oneHot(i32([0]), 2.5)).toThrow('got 2.5');
    expect(() => oneHot(i32([0, 1]), 2 ** 30)).toThrow(
      'oneHot: shape [2,1073741824] has 2147483648 elements, over 2^31 - 1',
    );
    expect(() => oneHot(tensor([0]), 2)).toThrow(DTypeError);
    expect(() => oneHot(tensor([0]), 2)).toThrow('oneHot: indices must be int32, got float32');
    expect(() => oneHot(i32([0]), 2, { dtype: 'bool' as 'int32' })).toThrow(
      'oneHot: unknown dtype "bool"',
    );
  });
});

describe('astype', () => {
  it('float64 → float32 rounds, int32 → float is exact, and the result is a copy', () => {
    fc.assert(
      fc.property(tensorArb(), (x) => {
        const f = astype(x, 'float32');
        expect(f.dtype).toBe('float32');
        expect(Array.from(f.data)).toEqual(Array.from(x.data, Math.fround));
        const same = astype(x, 'float64');
        expect(same.data).not.toBe(x.data);
        expect(Array.from(same.data)).toEqual(Array.from(x.data));
      }),
    );
    fc.assert(
      fc.property(tensorArb({ dtype: 'int32', min: -1e6, max: 1e6 }), (x) => {
        expect(Array.from(astype(x, 'float64').data)).toEqual(Array.from(x.data));
      }),
    );
  });

  it('floats become int32 by truncation toward zero, saturating, NaN to 0', () => {
    fc.assert(
      fc.property(tensorArb({ min: -1e9, max: 1e9 }), (x) => {
        expect(Array.from(astype(x, 'int32').data)).toEqual(
          Array.from(x.data, (v) => Math.trunc(v) + 0),
        );
      }),
    );
    const special = tensor(
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 3e9, -3e9, -2.7],
      {
        dtype: 'float64',
      },
    );
    expect(astype(special, 'int32').toArray()).toEqual([
      2 ** 31 - 1,
      -(2 ** 31),
      0,
      2 ** 31 - 1,
      -(2 ** 31),
      -2,
    ]);
  });

  it('rejects unknown dtypes and non-tensors', () => {
    expect(() => astype(zeros([1]), 'float16' as 'float32')).toThrow(DTypeError);
    expect(() => astype(zeros([1]), 'float16' as 'float32')).toThrow(
      `astype: unknown dtype "float16"; use 'float32', 'float64' or 'int32'`,
    );
    expect(() => astype([1] as unknown as Tensor, 'float32')).toThrow(
      'astype: input must be a Tensor',
    );
  });
});

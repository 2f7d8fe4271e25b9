import {
  broadcastablePairArb,
  broadcastableShapesArb,
  expectAllClose,
  floatArb,
  runs,
  shapeArb,
  tensorArb,
} from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  broadcastAt,
  broadcastShapeRef,
  elementwiseRef,
  expectMatches,
  indices,
} from '../../test/reference.js';
import {
  ArgumentError,
  abs,
  add,
  broadcastTo,
  clamp,
  type DType,
  div,
  eq,
  exp,
  ge,
  gt,
  le,
  leakyRelu,
  log,
  log1p,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  type Operand,
  pow,
  relu,
  ShapeError,
  sigmoid,
  sign,
  sqrt,
  sub,
  type Tensor,
  tanh,
  tensor,
  where,
  zeros,
} from '../index.js';

type Binary = (a: Operand, b: Operand) => Tensor;

/** A pair of float64 tensors whose shapes broadcast. */
const pairArb = (options: { minAbs?: number; min?: number; max?: number } = {}) =>
  broadcastablePairArb().chain(([sa, sb]) =>
    fc.tuple(tensorArb({ shape: sa }), tensorArb({ shape: sb, ...options })),
  );

const binaries: [string, Binary, (x: number, y: number) => number][] = [
  ['add', add, (x, y) => x + y],
  ['sub', sub, (x, y) => x - y],
  ['mul', mul, (x, y) => x * y],
  ['div', div, (x, y) => x / y],
  ['maximum', maximum, (x, y) => Math.max(x, y)],
  ['minimum', minimum, (x, y) => Math.min(x, y)],
];

describe('broadcasting laws', () => {
  it.each(binaries)('%s matches the elementwise definition on the broadcast shape', (_, op, fn) => {
    fc.assert(
      fc.property(pairArb({ minAbs: 0.1 }), ([a, b]) => {
        expectMatches(op(a, b), elementwiseRef(a, b, fn), { rtol: 0, atol: 0 });
      }),
      { numRuns: runs(60) },
    );
  });

  it('the result shape is the broadcast shape, whichever operand is bigger', () => {
    fc.assert(
      fc.property(broadcastablePairArb(), ([sa, sb]) => {
        const a = tensor(new Float64Array(sa.reduce((p, d) => p * d, 1)), { shape: sa });
        const b = tensor(new Float64Array(sb.reduce((p, d) => p * d, 1)), { shape: sb });
        const rank = Math.max(sa.length, sb.length);
        const expected = Array.from({ length: rank }, (_, i) => {
          const da = sa[sa.length - rank + i] ?? 1;
          const db = sb[sb.length - rank + i] ?? 1;
          return da === 1 ? db : da;
        });
        expect(add(a, b).shape).toEqual(expected);
        expect(add(b, a).shape).toEqual(expected);
      }),
    );
  });

  it.each([
    ['add', add],
    ['mul', mul],
    ['maximum', maximum],
    ['minimum', minimum],
    ['eq', eq],
    ['ne', ne],
  ] as [string, Binary][])('%s is commutative, bit for bit', (_, op) => {
    fc.assert(
      fc.property(pairArb(), ([a, b]) => {
        const ab = op(a, b);
        const ba = op(b, a);
        expect(ab.shape).toEqual(ba.shape);
        expect(Array.from(ab.data)).toEqual(Array.from(ba.data));
      }),
      { numRuns: runs(60) },
    );
  });

  it('add and mul are associative within float64 rounding', () => {
    const triple = broadcastableShapesArb(3).chain((shapes) =>
      fc.tuple(...shapes.map((shape) => tensorArb({ shape, min: -100, max: 100 }))),
    );
    fc.assert(
      fc.property(triple, ([a, b, c]) => {
        const left = add(add(a!, b!), c!);
        const right = add(a!, add(b!, c!));
        // |(a+b)+c - (a+(b+c))| is bounded by a few ulps of |a|+|b|+|c|.
        const scale = add(add(abs(a!), abs(b!)), abs(c!));
        expect(left.shape).toEqual(right.shape);
        left.data.forEach((v, i) => {
          expect(Math.abs(v - right.data[i]!)).toBeLessThanOrEqual(4e-16 * scale.data[i]! + 1e-300);
        });
        expectAllClose(mul(mul(a!, b!), c!), mul(a!, mul(b!, c!)), { rtol: 1e-14, atol: 1e-300 });
      }),
      { numRuns: runs(60) },
    );
  });

  it('agrees with explicit broadcastTo followed by the same op', () => {
    fc.assert(
      fc.property(pairArb({ minAbs: 0.1 }), ([a, b]) => {
        for (const [, op] of binaries) {
          const out = op(a, b);
          const direct = op(broadcastTo(a, out.shape), broadcastTo(b, out.shape));
          expect(direct.shape).toEqual(out.shape);
          expect(Array.from(out.data)).toEqual(Array.from(direct.data));
        }
      }),
      { numRuns: runs(60) },
    );
  });

  it('a number operand acts as a 0-d tensor of the other dtype', () => {
    fc.assert(
      fc.property(tensorArb({ dtype: 'float32' }), floatArb(), (x, s) => {
        const viaNumber = mul(x, s);
        expect(viaNumber.dtype).toBe('float32');
        expect(Array.from(viaNumber.data)).toEqual(
          Array.from(mul(x, tensor(s, { dtype: 'float32' })).data),
        );
        expect(Array.from(sub(s, x).data)).toEqual(
          Array.from(sub(tensor(s, { dtype: 'float32' }), x).data),
        );
      }),
    );
  });

  it('refuses a broadcast result too large for a typed array instead of crashing', () => {
    const col = zeros([65536, 1]);
    const row = zeros([1, 65536]);
    expect(() => add(col, row)).toThrow(ShapeError);
    expect(() => add(col, row)).toThrow(
      'add: shapes [65536,1] and [1,65536] broadcast to [65536,65536], 4294967296 elements, over 2^31 - 1',
    );
  });

  it('shapes that do not broadcast raise a ShapeError naming both shapes and the axis', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([1, 2]);
    expect(() => add(a, b)).toThrow(ShapeError);
    expect(() => add(a, b)).toThrow(
      'add: shapes [2,3] and [2] do not broadcast (dimension -1: 3 vs 2); each trailing dimension must match or be 1',
    );
    expect(() =>
      mul(tensor([[1], [2]]), tensor([[1, 2, 3]]).toArray() as unknown as Tensor),
    ).toThrow(
      'mul: second operand must be a Tensor or a number, got an array (wrap it with tensor(...))',
    );
    expect(() => div('1' as unknown as Tensor, a)).toThrow(ArgumentError);
    expect(() => div('1' as unknown as Tensor, a)).toThrow(
      'div: first operand must be a Tensor or a number',
    );
  });
});

describe('dtypes', () => {
  const dtypes: DType[] = ['float32', 'float64', 'int32'];
  const expectPromoted = (a: DType, b: DType): DType =>
    a === b ? a : a === 'float64' || b === 'float64' ? 'float64' : 'float32';

  it('promote like PyTorch; division makes floats; comparisons give int32', () => {
    for (const da of dtypes) {
      for (const db of dtypes) {
        const a = tensor([4], { dtype: da });
        const b = tensor([2], { dtype: db });
        const promoted = expectPromoted(da, db);
        expect(add(a, b).dtype).toBe(promoted);
        expect(mul(a, b).dtype).toBe(promoted);
        expect(maximum(a, b).dtype).toBe(promoted);
        expect(div(a, b).dtype).toBe(promoted === 'int32' ? 'float32' : promoted);
        expect(lt(a, b).dtype).toBe('int32');
        expect(where(tensor([1]), a, b).dtype).toBe(promoted);
      }
    }
    expect(div(tensor([1], { dtype: 'int32' }), tensor([2], { dtype: 'int32' })).item()).toBe(0.5);
  });

  it('numbers next to int32 keep int32 when integral, else give float32', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(add(i, 1).dtype).toBe('int32');
    expect(add(i, 0.5).dtype).toBe('float32');
    expect(add(i, 0.5).toArray()).toEqual([1.5, 2.5]);
    expect(add(1, tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(add(1, 2).dtype).toBe('float32');
    expect(add(i, Number.POSITIVE_INFINITY).toArray()).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it('refuses an integer int32 cannot hold instead of wrapping it', () => {
    const i = tensor([1], { dtype: 'int32' });
    expect(() => add(i, 2 ** 40)).toThrow(ArgumentError);
    expect(() => add(i, 2 ** 40)).toThrow(
      "add: second operand 1099511627776 does not fit int32, the dtype of the other operand; convert that tensor with astype(x, 'float64')",
    );
    expect(() => where(tensor([1]), i, -(2 ** 32))).toThrow('where: third argument -4294967296');
  });

  it('unary ops keep int32 where the result is an integer and compute in float otherwise', () => {
    const i = tensor([-2, 0, 3], { dtype: 'int32' });
    for (const op of [neg, abs, sign, relu]) expect(op(i).dtype).toBe('int32');
    for (const op of [exp, log, log1p, sqrt, tanh, sigmoid]) expect(op(i).dtype).toBe('float32');
    expect(leakyRelu(i).dtype).toBe('float32');
    expect(exp(tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(neg(i).toArray()).toEqual([2, 0, -3]);
    expect(relu(i).toArray()).toEqual([0, 0, 3]);
  });

  it('pow of int32 by a negative int32 exponent is refused, not truncated to 0', () => {
    const i = tensor([2, 3], { dtype: 'int32' });
    expect(pow(i, 2).toArray()).toEqual([4, 9]);
    expect(pow(i, 0.5).dtype).toBe('float32');
    expect(() => pow(i, -1)).toThrow(ArgumentError);
    expect(() => pow(i, -1)).toThrow('pow: int32 to the negative power -1 is not an integer');
    expect(pow(astypeFloat(i), -1).toArray()).toEqual([0.5, 1 / 3].map(Math.fround));
  });
});

function astypeFloat(t: Tensor): Tensor {
  return tensor(Float32Array.from(t.data), { shape: t.shape });
}

describe('unary ops', () => {
  const unaries: [string, (x: Tensor) => Tensor, (x: number) => number, number, number][] = [
    ['neg', neg, (x) => -x, -50, 50],
    ['exp', exp, Math.exp, -50, 50],
    ['log', log, Math.log, 1e-3, 50],
    ['log1p', log1p, Math.log1p, -0.999, 50],
    ['sqrt', sqrt, Math.sqrt, 0, 50],
    ['abs', abs, Math.abs, -50, 50],
    ['sign', sign, Math.sign, -50, 50],
    ['tanh', tanh, Math.tanh, -50, 50],
    ['relu', relu, (x) => Math.max(x, 0), -50, 50],
    ['sigmoid', sigmoid, (x) => 1 / (1 + Math.exp(-x)), -50, 50],
  ];

  it.each(unaries)('%s matches Math elementwise and keeps the shape', (_, op, fn, min, max) => {
    fc.assert(
      fc.property(tensorArb({ min, max }), (x) => {
        const out = op(x);
        expect(out.shape).toEqual(x.shape);
        expectAllClose(out.data, Array.from(x.data, fn), { rtol: 1e-14, atol: 1e-300 });
      }),
      { numRuns: runs(40) },
    );
  });

  it('log, sqrt and log1p give NaN or -inf outside their domain, like Math', () => {
    expect(log(tensor([0, -1])).toArray()).toEqual([Number.NEGATIVE_INFINITY, Number.NaN]);
    expect(sqrt(tensor([-1])).toArray()).toEqual([Number.NaN]);
    expect(log1p(tensor([-1])).toArray()).toEqual([Number.NEGATIVE_INFINITY]);
    expect(log1p(tensor([1e-10], { dtype: 'float64' })).item()).toBeCloseTo(1e-10, 20);
  });

  it('sigmoid is stable for large |x|: no NaN, exact 0 and 1 at the extremes', () => {
    const x = tensor([-1e4, -1000, -745, -100, 0, 100, 745, 1000, 1e4], { dtype: 'float64' });
    const s = sigmoid(x).data;
    expect(Array.from(s).some(Number.isNaN)).toBe(false);
    expect(sigmoid(tensor([-1000])).item()).toBe(0);
    expect(sigmoid(tensor([1000])).item()).toBe(1);
    expect(sigmoid(tensor([0])).item()).toBe(0.5);
    expect(s[3]).toBeCloseTo(Math.exp(-100), 300);
  });

  it('sigmoid lies in [0, 1] and sigmoid(-x) = 1 - sigmoid(x) for any |x| up to 1e4', () => {
    fc.assert(
      fc.property(tensorArb({ min: -1e4, max: 1e4 }), (x) => {
        const s = sigmoid(x);
        const sn = sigmoid(neg(x));
        s.data.forEach((v, i) => {
          expect(v >= 0 && v <= 1).toBe(true);
          expect(v + sn.data[i]!).toBeCloseTo(1, 14);
        });
      }),
    );
  });

  it('leakyRelu is x above 0 and slope·x below, default slope 0.01', () => {
    fc.assert(
      fc.property(tensorArb(), fc.double({ min: 0, max: 1, noNaN: true }), (x, slope) => {
        expectAllClose(
          leakyRelu(x, { negativeSlope: slope }).data,
          Array.from(x.data, (v) => (v < 0 ? slope * v : v)),
        );
        expectAllClose(
          leakyRelu(x).data,
          Array.from(x.data, (v) => (v < 0 ? 0.01 * v : v)),
        );
      }),
    );
    expect(() => leakyRelu(tensor([1]), { negativeSlope: Number.NaN })).toThrow(
      'leakyRelu: negativeSlope must be a finite number, got NaN',
    );
    expect(() => leakyRelu([1] as unknown as Tensor)).toThrow('leakyRelu: input must be a Tensor');
  });

  it('relu, maximum, minimum and clamp keep NaN as NaN', () => {
    const x = tensor([Number.NaN, 1]);
    expect(relu(x).toArray()).toEqual([Number.NaN, 1]);
    expect(maximum(x, 0).toArray()).toEqual([Number.NaN, 1]);
    expect(minimum(0, x).toArray()).toEqual([Number.NaN, 0]);
    expect(clamp(x, { min: 0, max: 0.5 }).toArray()).toEqual([Number.NaN, 0.5]);
  });

  it('unary ops reject non-tensors', () => {
    expect(() => exp(1 as unknown as Tensor)).toThrow(ArgumentError);
    expect(() => exp(1 as unknown as Tensor)).toThrow('exp: input must be a Tensor, got number 1');
  });
});

describe('comparisons', () => {
  const comparisons: [string, Binary, (x: number, y: number) => boolean][] = [
    ['eq', eq, (x, y) => x === y],
    ['ne', ne, (x, y) => x !== y],
    ['gt', gt, (x, y) => x > y],
    ['ge', ge, (x, y) => x >= y],
    ['lt', lt, (x, y) => x < y],
    ['le', le, (x, y) => x <= y],
  ];

  it.each(comparisons)('%s gives int32 0/1 with broadcasting, ties included', (_, op, fn) => {
    const ints = broadcastablePairArb().chain(([sa, sb]) =>
      fc.tuple(
        tensorArb({ shape: sa, dtype: 'int32', min: -2, max: 2 }),
        tensorArb({ shape: sb, min: -2, max: 2, values: fc.integer({ min: -2, max: 2 }) }),
      ),
    );
    fc.assert(
      fc.property(ints, ([a, b]) => {
        const out = op(a, b);
        expect(out.dtype).toBe('int32');
        expectMatches(
          out,
          elementwiseRef(a, b, (x, y) => (fn(x, y) ? 1 : 0)),
          { rtol: 0, atol: 0 },
        );
      }),
      { numRuns: runs(50) },
    );
  });

  it('NaN compares unequal to everything', () => {
    const x = tensor([Number.NaN]);
    expect(eq(x, x).item()).toBe(0);
    expect(ne(x, x).item()).toBe(1);
    expect(lt(x, 1).item() + ge(x, 1).item()).toBe(0);
  });
});

describe('clamp', () => {
  it('is min(max(x, lo), hi), with either bound optional', () => {
    const bounds = fc
      .tuple(floatArb(), floatArb())
      .map(([p, q]) => (p <= q ? [p, q] : [q, p]) as [number, number]);
    fc.assert(
      fc.property(tensorArb(), bounds, (x, [lo, hi]) => {
        expectAllClose(
          clamp(x, { min: lo, max: hi }).data,
          Array.from(x.data, (v) => Math.min(Math.max(v, lo), hi)),
        );
        expectAllClose(
          clamp(x, { min: lo }).data,
          Array.from(x.data, (v) => Math.max(v, lo)),
        );
        expectAllClose(
          clamp(x, { max: hi }).data,
          Array.from(x.data, (v) => Math.min(v, hi)),
        );
      }),
    );
  });

  it('keeps int32 with integer (or absent) bounds', () => {
    const i = tensor([-5, 0, 5], { dtype: 'int32' });
    expect(clamp(i, { min: -1, max: 1 }).dtype).toBe('int32');
    expect(clamp(i, { min: 0 }).dtype).toBe('int32');
    expect(clamp(i, { min: 0 }).toArray()).toEqual([0, 0, 5]);
    expect(clamp(i, { max: 0.5 }).dtype).toBe('float32');
    // Bounds beyond int32 clamp like the int32 limits; nothing wraps around.
    expect(clamp(i, { min: 2 ** 40 }).toArray()).toEqual([2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1]);
    expect(clamp(i, { max: -(2 ** 40) }).toArray()).toEqual([-(2 ** 31), -(2 ** 31), -(2 ** 31)]);
  });

  it('rejects missing, NaN and crossed bounds', () => {
    const x = tensor([1]);
    expect(() => clamp(x, {})).toThrow(ArgumentError);
    expect(() => clamp(x, {})).toThrow('clamp: give at least one of min and max');
    expect(() => clamp(x, { min: 2, max: 1 })).toThrow(
      'clamp: bounds must satisfy min <= max, got min=2, max=1',
    );
    expect(() => clamp(x, { min: Number.NaN })).toThrow('got min=NaN');
  });
});

describe('where', () => {
  it('picks a where cond is non-zero and b elsewhere, all three broadcasting', () => {
    const triple = broadcastableShapesArb(3).chain(([sc, sa, sb]) =>
      fc.tuple(
        tensorArb({ shape: sc!, dtype: 'int32', min: -1, max: 1 }),
        tensorArb({ shape: sa! }),
        tensorArb({ shape: sb! }),
      ),
    );
    fc.assert(
      fc.property(triple, ([c, a, b]) => {
        const out = where(c, a, b);
        const shape = broadcastShapeRef(broadcastShapeRef(c.shape, a.shape), b.shape);
        expect(out.shape).toEqual(shape);
        const expected = indices(shape).map((ix) =>
          broadcastAt(c, ix) !== 0 ? broadcastAt(a, ix) : broadcastAt(b, ix),
        );
        expect(Array.from(out.data)).toEqual(expected);
      }),
      { numRuns: runs(60) },
    );
  });

  it('takes numbers and float conditions', () => {
    const c = tensor([0, 0.5, -1]);
    expect(where(c, 1, 0).toArray()).toEqual([0, 1, 1]);
    expect(where(tensor(1), tensor([1, 2], { dtype: 'int32' }), 0).dtype).toBe('int32');
  });

  it('rejects a non-tensor condition and shapes that do not broadcast', () => {
    expect(() => where([1] as unknown as Tensor, 1, 0)).toThrow(
      'where: condition must be a Tensor, got an array',
    );
    expect(() => where(tensor([1, 0]), tensor([1, 2, 3]), 0)).toThrow(ShapeError);
    expect(() => where(tensor([1, 0]), tensor([1, 2, 3]), 0)).toThrow(
      'where: shapes [2] and [3] do not broadcast',
    );
  });
});

describe('0-d and empty tensors', () => {
  it('rank 0 to 4 with empty dimensions never throw in elementwise ops', () => {
    fc.assert(
      fc.property(shapeArb(), (shape) => {
        const x = tensor(new Float64Array(shape.reduce((p, d) => p * d, 1)), { shape });
        expect(add(x, x).shape).toEqual(shape);
        expect(exp(x).shape).toEqual(shape);
      }),
    );
  });
});

describe('float32 and int32 kernels', () => {
  it('float32 add/sub/mul/div are the float64 result rounded once, with broadcasting', () => {
    const pair = broadcastablePairArb().chain(([sa, sb]) =>
      fc.tuple(
        tensorArb({ shape: sa, dtype: 'float32' }),
        tensorArb({ shape: sb, dtype: 'float32', minAbs: 0.01 }),
      ),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        for (const [, op, fn] of binaries.slice(0, 4)) {
          const out = op(a, b);
          expect(out.dtype).toBe('float32');
          const ref = elementwiseRef(a, b, (x, y) => Math.fround(fn(x, y)));
          expect(out.shape).toEqual(ref.shape);
          expect(Array.from(out.data)).toEqual(ref.values);
        }
      }),
      { numRuns: runs(60) },
    );
  });

  it('int32 arithmetic wraps around like PyTorch and C', () => {
    const pair = broadcastablePairArb().chain(([sa, sb]) =>
      fc.tuple(
        tensorArb({ shape: sa, dtype: 'int32', values: fc.integer() }),
        tensorArb({ shape: sb, dtype: 'int32', values: fc.integer() }),
      ),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expectMatches(
          add(a, b),
          elementwiseRef(a, b, (x, y) => (x + y) | 0),
          { rtol: 0, atol: 0 },
        );
        expectMatches(
          mul(a, b),
          elementwiseRef(a, b, (x, y) => Math.imul(x, y)),
          {
            rtol: 0,
            atol: 0,
          },
        );
        expectMatches(maximum(a, b), elementwiseRef(a, b, Math.max), { rtol: 0, atol: 0 });
      }),
      { numRuns: runs(60) },
    );
  });

  it('mixed dtypes compute in the promoted dtype', () => {
    const pair = broadcastablePairArb().chain(([sa, sb]) =>
      fc.tuple(
        tensorArb({ shape: sa, dtype: 'int32' }),
        tensorArb({ shape: sb, dtype: 'float32' }),
        tensorArb({ shape: sb, dtype: 'float64' }),
      ),
    );
    fc.assert(
      fc.property(pair, ([i, f, d]) => {
        const a = sub(i, f);
        expect(a.dtype).toBe('float32');
        expectMatches(
          a,
          elementwiseRef(i, f, (x, y) => Math.fround(x - y)),
          { rtol: 0, atol: 0 },
        );
        const b = sub(f, d);
        expect(b.dtype).toBe('float64');
        expectMatches(
          b,
          elementwiseRef(f, d, (x, y) => x - y),
          { rtol: 0, atol: 0 },
        );
      }),
      { numRuns: runs(40) },
    );
  });
});

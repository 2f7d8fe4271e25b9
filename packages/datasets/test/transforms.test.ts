// standardize / normalize (fit on training data, reapply the stored statistics), oneHot and
// the Playground feature map.
import { ArgumentError, DTypeError, ShapeError, Tensor, tensor } from '@nabla/tensor';
import { expectAllClose, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEATURES, featureMap, normalize, oneHot, standardize } from '../src/index.js';

// Quarter-integers: exact in binary, no subnormal squares, constant columns drawn often enough.
const matrixArb = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }))
  .chain(([n, d]) =>
    fc.array(fc.integer({ min: -4000, max: 4000 }), { minLength: n * d, maxLength: n * d }).map(
      (values) =>
        new Tensor(
          Float64Array.from(values, (v) => v / 4),
          [n, d],
        ),
    ),
  );

function column(x: Tensor, f: number): number[] {
  const d = x.shape[1]!;
  return Array.from({ length: x.shape[0]! }, (_, i) => x.data[i * d + f]!);
}

describe('standardize', () => {
  it('gives every non-constant feature mean 0 and std 1 on the data it was fitted on', () => {
    fc.assert(
      fc.property(matrixArb, (x) => {
        const { x: z, stats } = standardize(x);
        expect(stats.mean.length).toBe(x.shape[1]);
        for (let f = 0; f < x.shape[1]!; f++) {
          const col = column(z, f);
          const mean = col.reduce((a, v) => a + v, 0) / col.length;
          const std = Math.sqrt(col.reduce((a, v) => a + (v - mean) ** 2, 0) / col.length);
          expect(Math.abs(mean)).toBeLessThan(1e-9);
          const constant = column(x, f).every((v) => v === x.data[f]);
          expect(std).toBeCloseTo(constant ? 0 : 1, 9);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('applies stored statistics: the same transform on new data, through JSON', () => {
    const train = tensor([
      [1, 10],
      [3, 10],
      [5, 10],
    ]);
    const { x: a, stats } = standardize(train);
    expect(stats.mean).toEqual([3, 10]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(stats.std[1]).toBe(1); // a constant feature is divided by 1, not 0
    expectAllClose(
      a,
      [
        [-Math.sqrt(1.5), 0],
        [0, 0],
        [Math.sqrt(1.5), 0],
      ],
      { rtol: 1e-6 },
    );
    const stored = JSON.parse(JSON.stringify(stats));
    const { x: b, stats: same } = standardize(tensor([[7, 11]]), { stats: stored });
    expect(same).toEqual(stats);
    expectAllClose(b, [[4 / Math.sqrt(8 / 3), 1]], { rtol: 1e-6 });
  });

  it('keeps float32 and float64, turns int32 into float32, works on any trailing shape', () => {
    expect(standardize(tensor([[1], [2]], { dtype: 'float32' })).x.dtype).toBe('float32');
    expect(standardize(tensor([[1], [2]], { dtype: 'float64' })).x.dtype).toBe('float64');
    expect(standardize(tensor([[1], [2]], { dtype: 'int32' })).x.dtype).toBe('float32');
    const images = new Tensor(
      Float32Array.from({ length: 2 * 2 * 3 }, (_, i) => i),
      [2, 2, 3],
    );
    const { x, stats } = standardize(images);
    expect(x.shape).toEqual([2, 2, 3]);
    expect(stats.mean.length).toBe(6);
  });

  it('global: one mean and std over everything (MNIST’s 0.1307 / 0.3081 style)', () => {
    const { stats, x } = standardize(
      tensor([
        [0, 2],
        [4, 6],
      ]),
      { global: true },
    );
    expect(stats.mean).toEqual([3]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(5), 12);
    expectAllClose(
      x,
      [
        [-3, -1],
        [1, 3],
      ].map((r) => r.map((v) => v / Math.sqrt(5))),
      { rtol: 1e-6 },
    );
    expect(standardize(tensor([[10, 10]]), { stats }).x.toArray()).toEqual([
      [7 / Math.sqrt(5), 7 / Math.sqrt(5)].map(Math.fround),
    ]);
  });

  it('rejects statistics that do not fit the data, and bad input', () => {
    const { stats } = standardize(tensor([[1, 2, 3]]));
    expect(() => standardize(tensor([[1, 2]]), { stats })).toThrow(
      /stats.mean has 3 entries but x has 2 features/,
    );
    expect(() => standardize(tensor([[1]]), { stats: { mean: [0], std: [0] } })).toThrow(
      /std must be positive/,
    );
    expect(() => standardize(tensor([[1]]), { stats: { mean: ['a'], std: [1] } as never })).toThrow(
      ArgumentError,
    );
    expect(() => standardize([[1]] as unknown as Tensor)).toThrow(/x must be a Tensor/);
    expect(() => standardize(new Tensor(new Float32Array(0), [0, 3]))).toThrow(/0 samples/);
    expect(() => standardize(tensor([[1]]), { global: 'yes' as unknown as boolean })).toThrow(
      /global must be/,
    );
  });
});

describe('normalize', () => {
  it('maps each feature’s training range onto [0, 1]', () => {
    fc.assert(
      fc.property(matrixArb, (x) => {
        const { x: z, stats } = normalize(x);
        for (let f = 0; f < x.shape[1]!; f++) {
          const col = column(z, f);
          expect(col.every((v) => v >= 0 && v <= 1 + 1e-12)).toBe(true);
          if (stats.max[f]! > stats.min[f]!) {
            expect(Math.min(...col)).toBe(0);
            expect(Math.max(...col)).toBeCloseTo(1, 12);
          } else expect(col.every((v) => v === 0)).toBe(true);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('reapplies stored statistics (without clipping) and supports global', () => {
    const { stats } = normalize(
      tensor([
        [0, 10],
        [2, 30],
      ]),
    );
    expect(stats).toEqual({ min: [0, 10], max: [2, 30] });
    expect(normalize(tensor([[4, 20]]), { stats }).x.toArray()).toEqual([[2, 0.5]]);
    const g = normalize(
      tensor([
        [0, 10],
        [2, 30],
      ]),
      { global: true },
    );
    expect(g.stats).toEqual({ min: [0], max: [30] });
    expect(() => normalize(tensor([[1]]), { stats: { min: [2], max: [1] } })).toThrow(
      /min exceeds/,
    );
  });
});

describe('oneHot', () => {
  it('infers the class count from the largest label, or takes it', () => {
    const y = tensor([2, 0, 1], { dtype: 'int32' });
    expect(oneHot(y).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(oneHot(y, 4).shape).toEqual([3, 4]);
    expect(oneHot(y, 3, { dtype: 'float64' }).dtype).toBe('float64');
    expect(() => oneHot(y, 2)).toThrow(ArgumentError);
    expect(() => oneHot(tensor([1.5]))).toThrow(DTypeError);
    expect(() => oneHot(new Tensor(new Int32Array(0), [0]))).toThrow(/cannot be inferred/);
  });
});

describe('featureMap', () => {
  it('computes the Playground’s seven features in its order by default', () => {
    const x = tensor([[0.5, -2]]);
    expect(FEATURES).toEqual(['x1', 'x2', 'x1Squared', 'x2Squared', 'x1x2', 'sinX1', 'sinX2']);
    expectAllClose(featureMap(x), [[0.5, -2, 0.25, 4, -1, Math.sin(0.5), Math.sin(-2)]], {
      rtol: 1e-6,
    });
  });

  it('selects and orders features as asked, keeping float64', () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64' },
    );
    const f = featureMap(x, { features: ['x1x2', 'x1'] });
    expect(f.toArray()).toEqual([
      [2, 1],
      [12, 3],
    ]);
    expect(f.dtype).toBe('float64');
  });

  it('rejects non-2-D points and unknown features', () => {
    expect(() => featureMap(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => featureMap(tensor([[1, 2]]), { features: ['x3' as never] })).toThrow(
      /unknown feature "x3"/,
    );
    expect(() => featureMap(tensor([[1, 2]]), { features: [] })).toThrow(/non-empty/);
  });
});

// Every loss, every reduction and option, through gradcheck in float64 (central differences
// against backward), on random inputs kept away from kinks.
import { gradcheck, Variable } from '@nabla/autograd';
import { type Tensor, tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits } from './binary.js';
import { crossEntropy } from './cross-entropy.js';
import { l2Penalty } from './l2-penalty.js';
import { nllLoss } from './nll.js';
import type { Reduction } from './reduction.js';
import { huberLoss, l1Loss, mseLoss } from './regression.js';

const reductions: Reduction[] = ['mean', 'sum', 'none'];
const f64 = (values: number[], shape: number[]) => tensor(values, { shape, dtype: 'float64' });
const constant = (t: Tensor) => new Variable(t);

interface Batch {
  shape: [number, number];
  a: number[];
  b: number[];
  c: number[];
}

/** A shape [n, c] and three arrays of n·c doubles from `values` (tests use what they need). */
function batch(values: fc.Arbitrary<number>, maxRows = 4, maxCols = 4): fc.Arbitrary<Batch> {
  return fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([n, c]) => {
      const array = fc.array(values, { minLength: n * c, maxLength: n * c });
      return fc.record({
        shape: fc.constant<[number, number]>([n, c]),
        a: array,
        b: array,
        c: array,
      });
    });
}

const real = fc.double({ min: -5, max: 5, noNaN: true });
const prob = fc.double({ min: 0.05, max: 0.95, noNaN: true });

function check(f: (...v: Variable[]) => Variable, inputs: (Variable | Tensor)[]): void {
  gradcheck(f, inputs, { atol: 1e-6, rtol: 1e-4 });
}

describe('gradcheck of every loss (float64)', () => {
  for (const reduction of reductions) {
    it(`mseLoss and l1Loss, reduction ${reduction}, gradients to input and target`, () => {
      fc.assert(
        fc.property(batch(real), ({ shape, a, b }) => {
          fc.pre(a.every((v, i) => Math.abs(v - b[i]!) > 1e-3));
          check((x, y) => mseLoss(x, y, { reduction }), [f64(a, shape), f64(b, shape)]);
          check((x, y) => l1Loss(x, y, { reduction }), [f64(a, shape), f64(b, shape)]);
        }),
        { numRuns: runs(20) },
      );
    });

    it(`huberLoss, reduction ${reduction}, several deltas`, () => {
      fc.assert(
        fc.property(
          batch(real),
          fc.double({ min: 0.2, max: 3, noNaN: true }),
          ({ shape, a, b }, delta) => {
            fc.pre(a.every((v, i) => Math.abs(Math.abs(v - b[i]!) - delta) > 1e-3));
            check((x, y) => huberLoss(x, y, { reduction, delta }), [f64(a, shape), f64(b, shape)]);
          },
        ),
        { numRuns: runs(20) },
      );
    });

    it(`binaryCrossEntropy, reduction ${reduction}, with and without weight`, () => {
      fc.assert(
        fc.property(batch(prob), fc.boolean(), ({ shape, a: p, b: y, c: w }, weighted) => {
          const weight = weighted ? f64(w, shape) : undefined;
          check(
            (x, t) => binaryCrossEntropy(x, t, { reduction, weight }),
            [f64(p, shape), f64(y, shape)],
          );
        }),
        { numRuns: runs(20) },
      );
    });

    it(`binaryCrossEntropyWithLogits, reduction ${reduction}, posWeight and weight`, () => {
      fc.assert(
        fc.property(
          batch(real),
          fc.boolean(),
          fc.boolean(),
          ({ shape, a: z, b: y, c: w }, weighted, positive) => {
            const target = y.map((v) => 1 / (1 + Math.exp(-v)));
            const weight = weighted ? f64(w.map(Math.abs), shape) : undefined;
            const posWeight = positive
              ? f64(
                  w.slice(0, shape[1]).map((v) => 0.5 + Math.abs(v)),
                  [shape[1]!],
                )
              : undefined;
            check(
              (x, t) => binaryCrossEntropyWithLogits(x, t, { reduction, weight, posWeight }),
              [f64(z, shape), f64(target, shape)],
            );
          },
        ),
        { numRuns: runs(20) },
      );
    });

    it(`crossEntropy with class targets, reduction ${reduction}: weight, ignoreIndex, labelSmoothing`, () => {
      fc.assert(
        fc.property(
          batch(real, 5, 4).chain(({ shape, a: z }) =>
            fc.tuple(
              fc.constant(shape),
              fc.constant(z),
              fc.array(fc.integer({ min: -1, max: shape[1]! - 1 }), {
                minLength: shape[0]!,
                maxLength: shape[0]!,
              }),
              fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), {
                minLength: shape[1]!,
                maxLength: shape[1]!,
              }),
            ),
          ),
          fc.boolean(),
          fc.constantFrom(0, 0.1, 0.5),
          ([shape, z, classes, w], weighted, labelSmoothing) => {
            fc.pre(classes.some((k) => k >= 0) || reduction !== 'mean');
            const target = tensor(classes, { dtype: 'int32' });
            const weight = weighted ? f64(w, [shape[1]!]) : undefined;
            check(
              (x) =>
                crossEntropy(x, target, { reduction, weight, ignoreIndex: -1, labelSmoothing }),
              [f64(z, shape)],
            );
          },
        ),
        { numRuns: runs(25) },
      );
    });

    it(`crossEntropy with probability targets, reduction ${reduction}: gradients to logits and targets`, () => {
      fc.assert(
        fc.property(
          batch(real),
          fc.boolean(),
          fc.constantFrom(0, 0.2),
          ({ shape, a: z, b: y, c: w }, weighted, labelSmoothing) => {
            const weight = weighted
              ? f64(
                  w.slice(0, shape[1]).map((v) => 0.1 + Math.abs(v)),
                  [shape[1]!],
                )
              : undefined;
            check(
              (x, t) => crossEntropy(x, t, { reduction, weight, labelSmoothing, check: 'off' }),
              [
                f64(z, shape),
                f64(
                  y.map((v) => Math.abs(v) / 5),
                  shape,
                ),
              ],
            );
          },
        ),
        { numRuns: runs(20) },
      );
    });

    it(`nllLoss, reduction ${reduction}: weight and ignoreIndex`, () => {
      fc.assert(
        fc.property(
          batch(fc.double({ min: -6, max: -0.01, noNaN: true }), 5, 4).chain(({ shape, a: z }) =>
            fc.tuple(
              fc.constant(shape),
              fc.constant(z),
              fc.array(fc.integer({ min: 0, max: shape[1]! - 1 }), {
                minLength: shape[0]!,
                maxLength: shape[0]!,
              }),
            ),
          ),
          fc.boolean(),
          ([shape, z, classes], weighted) => {
            // Class 1 is ignored; 'mean' of nothing but ignored samples is 0/0 (NaN, as PyTorch).
            fc.pre(classes.some((k) => k !== 1) || reduction !== 'mean');
            const target = tensor(classes, { dtype: 'int32' });
            const weight = weighted
              ? f64(
                  Array.from({ length: shape[1]! }, (_, i) => 1 + i),
                  [shape[1]!],
                )
              : undefined;
            check(
              (x) => nllLoss(x, target, { reduction, weight, ignoreIndex: 1 }),
              [f64(z, shape)],
            );
          },
        ),
        { numRuns: runs(20) },
      );
    });
  }

  it('l2Penalty', () => {
    fc.assert(
      fc.property(batch(real), ({ shape, a, b }) => {
        check((w1, w2) => l2Penalty([w1, w2]), [f64(a, shape), f64(b, [b.length])]);
      }),
      { numRuns: runs(20) },
    );
  });

  it('extreme logits (±1e4) have finite, correct gradients', () => {
    const z = f64([1e4, -1e4, 0, -1e4, 1e4, 3], [2, 3]);
    check((x) => crossEntropy(x, tensor([0, 1], { dtype: 'int32' }), { labelSmoothing: 0.1 }), [z]);
    check((x) => binaryCrossEntropyWithLogits(x, constant(f64([1, 0, 1, 0, 1, 0], [2, 3]))), [z]);
  });
});

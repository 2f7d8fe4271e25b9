import { sum, Variable } from '@nabla/autograd';
import { bernoulli, Generator, mul, ones, randn, tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dropout } from './dropout.js';

describe('Dropout', () => {
  it('is the identity in eval mode (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (p, seed) => {
        const d = new Dropout(p, { seed }).eval();
        const x = new Variable(randn([3, 5], { seed }));
        expect(d.forward(x)).toBe(x);
      }),
      { numRuns: runs(50) },
    );
  });

  it('zeroes about a p fraction in training and scales the rest by 1/(1 − p) (property)', () => {
    const n = 20_000;
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.nat(), (p, seed) => {
        const y = new Dropout(p, { seed }).forward(ones([n], { dtype: 'float64' }));
        let zeros = 0;
        let wrongScale = 0;
        const scale = 1 / (1 - p);
        for (const v of y.data.data) {
          if (v === 0) zeros++;
          else if (Math.abs(v - scale) > 1e-12 * scale) wrongScale++;
        }
        expect(wrongScale).toBe(0);
        // Six standard deviations of a binomial count: fails by chance about once in 10^9.
        const sd = Math.sqrt(n * p * (1 - p));
        expect(Math.abs(zeros - n * p)).toBeLessThan(6 * sd);
      }),
      { numRuns: runs(30) },
    );
  });

  it("has the lecture's form's expected activation: E[train output] equals the inference output in both", () => {
    // Inverted (here): train y = m·x/q, inference y = x. Lecture: train y = m·x, inference y = q·x.
    // With the same masks m ~ Bernoulli(q), the two differ by the constant factor 1/q.
    const p = 0.3;
    const q = 1 - p;
    const x = randn([50], { seed: 1, dtype: 'float64' });
    const trials = 4000;
    const inverted = new Float64Array(50);
    const lecture = new Float64Array(50);
    const masks = new Generator(7);
    const layer = new Dropout(p, { generator: new Generator(7) });
    let worst = 0;
    for (let t = 0; t < trials; t++) {
      const y = layer.forward(x).data.data;
      const m = bernoulli(q, { shape: [50], generator: masks, dtype: 'float64' });
      const yl = mul(m, x).data;
      for (let i = 0; i < 50; i++) {
        // Same mask, same draws: the inverted output is the lecture's divided by q.
        worst = Math.max(worst, Math.abs(y[i]! - yl[i]! / q));
        inverted[i]! += y[i]! / trials;
        lecture[i]! += yl[i]! / trials;
      }
    }
    expect(worst).toBeLessThan(1e-12);
    const evalInverted = new Dropout(p).eval().forward(x).data.data;
    for (let i = 0; i < 50; i++) {
      const xi = x.data[i]!;
      // Standard error of a mean of 4000 scaled Bernoulli draws is |x|·√(p/q)/√4000 ≈ 0.01·|x|.
      const tol = 6 * Math.abs(xi) * Math.sqrt(p / q / trials);
      expect(Math.abs(inverted[i]! - evalInverted[i]!)).toBeLessThanOrEqual(tol);
      expect(Math.abs(lecture[i]! - q * xi)).toBeLessThanOrEqual(q * tol);
    }
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const x = ones([100]);
    expect(new Dropout(0.5, { seed: 3 }).forward(x).toArray()).toEqual(
      new Dropout(0.5, { seed: 3 }).forward(x).toArray(),
    );
    expect(new Dropout(0.5, { seed: 3 }).forward(x).toArray()).not.toEqual(
      new Dropout(0.5, { seed: 4 }).forward(x).toArray(),
    );
    const d = new Dropout(0.5, { seed: 3 });
    expect(d.forward(x).toArray()).not.toEqual(d.forward(x).toArray());
  });

  it('passes gradients through the kept elements only', () => {
    const x = new Variable(ones([200], { dtype: 'float64' }), true);
    const y = new Dropout(0.25, { seed: 1 }).forward(x);
    sum(y).backward();
    expect(Array.from(x.grad!.data)).toEqual(Array.from(y.data.data));
  });

  it('handles p = 0 and p = 1 and refuses other values', () => {
    const x = new Variable(tensor([1, 2, 3]));
    expect(new Dropout(0).forward(x)).toBe(x);
    expect(new Dropout(1).forward(x).toArray()).toEqual([0, 0, 0]);
    expect(() => new Dropout(1.5)).toThrow(/p must be a probability/);
    expect(() => new Dropout(-0.1)).toThrow(/p must be a probability/);
    expect(() => new Dropout(0.5, { seed: 1, generator: new Generator(1) })).toThrow(
      /either seed or generator/,
    );
    expect(() => new Dropout(0.5).forward(tensor([1], { dtype: 'int32' }))).toThrow(/float input/);
  });
});

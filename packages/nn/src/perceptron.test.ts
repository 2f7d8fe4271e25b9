import { Generator, tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Perceptron, type PerceptronUpdate } from './perceptron.js';

const corners = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

describe('Perceptron', () => {
  it('learns AND with the update rule, from zero weights', () => {
    const p = new Perceptron(2, { dtype: 'float64' });
    expect(Array.from(p.weight.data.data)).toEqual([0, 0]);
    const updates: PerceptronUpdate[] = [];
    const result = p.fit(corners, [0, 0, 0, 1], { onUpdate: (u) => updates.push(u) });
    expect(result.converged).toBe(true);
    expect(p.predict(corners)).toEqual([0, 0, 0, 1]);
    expect(result.updates).toBe(updates.length);
    // The first example (0, 0) with zero weights gives w·x + b = 0 → output 1, target 0:
    // e = −1, so only the bias moves (the constant input 1).
    expect(updates[0]).toMatchObject({
      epoch: 1,
      index: 0,
      output: 1,
      target: 0,
      error: -1,
      weight: [0, 0],
      bias: -1,
      updates: 1,
    });
    // Each update is w ← w + e·x on (x, 1).
    let w = [0, 0];
    let b = 0;
    for (const u of updates) {
      w = w.map((wi, j) => wi + u.error * u.input[j]!);
      b += u.error;
      expect(u.weight).toEqual(w);
      expect(u.bias).toBe(b);
    }
    // The last epoch had no error and is counted.
    expect(result.epochs).toBe(updates[updates.length - 1]!.epoch + 1);
  });

  it('converges on linearly separable random data (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        (d, n, seed) => {
          const g = new Generator(seed);
          // A random separating hyperplane through the box (unit normal, offset in [-1, 1]) and
          // points at least 0.1 from it. A unit normal keeps the rejection slab narrow: with an
          // unnormalised, nearly zero w every point could fall inside it and the loop never end.
          const raw = Array.from({ length: d }, () => g.nextNormal());
          const norm = Math.hypot(...raw);
          const w = norm > 0 ? raw.map((v) => v / norm) : raw.map((_, j) => (j === 0 ? 1 : 0));
          const b = 2 * g.nextFloat64() - 1;
          const xs: number[][] = [];
          const ts: number[] = [];
          while (xs.length < n) {
            const x = Array.from({ length: d }, () => 4 * g.nextFloat64() - 2);
            const z = w.reduce((s, wi, j) => s + wi * x[j]!, b);
            if (Math.abs(z) < 0.1) continue;
            xs.push(x);
            ts.push(z > 0 ? 1 : 0);
          }
          const p = new Perceptron(d, { dtype: 'float64' });
          const result = p.fit(tensor(xs, { dtype: 'float64' }), ts, { maxEpochs: 10_000 });
          expect(result.converged).toBe(true);
          expect(p.predict(xs)).toEqual(ts);
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it('does not converge on XOR and says so', () => {
    const p = new Perceptron(2);
    const result = p.fit(corners, [0, 1, 1, 0], { maxEpochs: 50 });
    expect(result).toMatchObject({ converged: false, epochs: 50 });
    expect(result.updates).toBeGreaterThanOrEqual(50);
    expect(p.predict(corners)).not.toEqual([0, 1, 1, 0]);
  });

  it('is a Module: forward, state dict, printing', () => {
    const p = new Perceptron(3);
    p.fit([[1, 2, 3]], [0]);
    expect(Object.keys(p.stateDict())).toEqual(['weight', 'bias']);
    expect(p.forward(tensor([[1, 2, 3]])).toArray()).toEqual([0]);
    expect(p.forward(tensor([1, 2, 3])).shape).toEqual([]);
    expect(String(p)).toBe('Perceptron(inputs=3)');
  });

  it('checks its arguments', () => {
    const p = new Perceptron(2);
    expect(() => p.fit(corners, [0, 1, 2, 0])).toThrow(/targets must be 0 or 1; target 2 is 2/);
    expect(() => p.fit(corners, [0, 1])).toThrow(/targets must have shape \[4\]/);
    expect(() => p.fit([[1, 2, 3]], [0])).toThrow(/\[N, 2\]/);
    expect(() => p.fit(corners, [0, 0, 0, 1], { maxEpochs: 0 })).toThrow(/maxEpochs/);
    expect(() => new Perceptron(0)).toThrow(/positive integer/);
    expect(p.fit([], []).converged).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_EPOCHS, runPerceptron, solveWithHiddenLayer } from './logic';

describe('perceptron view logic', () => {
  it('converges on linearly separable data, each update fixing a wrong output', () => {
    const run = runPerceptron('linear', 1);
    expect(run.converged).toBe(true);
    expect(run.updates.length).toBeGreaterThan(0);
    for (const u of run.updates) expect(u.error).toBe(u.target - u.output);
    // The final weights classify every point.
    const last = run.updates[run.updates.length - 1]!;
    for (let i = 0; i < run.targets.length; i++) {
      const z =
        last.weight[0]! * run.points[2 * i]! + last.weight[1]! * run.points[2 * i + 1]! + last.bias;
      expect(z >= 0 ? 1 : 0).toBe(run.targets[i]);
    }
  });

  it('never settles on XOR, and a hidden layer solves it', () => {
    const run = runPerceptron('xor', 1);
    expect(run.converged).toBe(false);
    expect(run.epochs).toBe(MAX_EPOCHS);
    expect(solveWithHiddenLayer('xor', 1, 8).accuracy).toBeGreaterThan(0.95);
  });
});

describe('the half-plane picture', () => {
  it('is the whole square, nothing, or a polygon on the positive side', async () => {
    const { positiveHalf } = await import('./draw-perceptron');
    expect(positiveHalf([0, 0], 1)).toHaveLength(4);
    expect(positiveHalf([0, 0], -1)).toHaveLength(0);
    const half = positiveHalf([1, 0], 0, 6); // x ≥ 0: the right half
    expect(half).toHaveLength(4);
    for (const [x] of half) expect(x).toBeGreaterThanOrEqual(0);
    const corner = positiveHalf([1, 1], -10, 6); // a triangle at the top right
    expect(corner).toHaveLength(3);
  });
});

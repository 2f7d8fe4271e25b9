// Results that must hold: the perceptron's limits, and the smallest MLP that goes past them.
import { DataLoader, linear, xor } from '@nabla/datasets';
import { mlp, Perceptron } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import { describe, expect, test } from 'vitest';
import { accuracy, evaluate, fit } from '../src/index.js';
import { binaryLoss, standardized } from './helpers.js';

describe('the perceptron', () => {
  test('converges on linearly separable data (linear, seed 1)', () => {
    const data = linear({ n: 200, seed: 1 });
    const p = new Perceptron(2);
    const result = p.fit(data.x, data.y, { maxEpochs: 100 });
    expect(result.converged).toBe(true);
    const predictions = p.predict(data.x);
    expect(predictions).toEqual(Array.from(data.y.data));
  });

  test('does not converge on xor (seed 1): no line separates it', () => {
    const data = xor({ n: 200, seed: 1 });
    const p = new Perceptron(2);
    const result = p.fit(data.x, data.y, { maxEpochs: 100 });
    expect(result.converged).toBe(false);
    const correct = p.predict(data.x).filter((v, i) => v === data.y.data[i]).length;
    expect(correct / 200).toBeLessThan(0.8);
  });
});

test('a 2-8-1 MLP solves xor (train seed 1, test seed 2)', async () => {
  const { train, test: testSet } = standardized(
    xor({ n: 500, noise: 0.1, seed: 1 }),
    xor({ n: 500, noise: 0.1, seed: 2 }),
  );
  const model = mlp([2, 8, 1], { activation: 'tanh', seed: 3 });
  await fit(model, {
    loss: binaryLoss,
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    train: new DataLoader(train, { batchSize: 32, shuffle: true, seed: 4 }),
    epochs: 50,
  });
  const { metrics } = evaluate(model, testSet, { metrics: [accuracy()] });
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.95);
});

// Results that must hold: a small MLP reaches ≥ 95% test accuracy on the Playground's four
// classification sets (noise 0.1; training set seed 1, test set seed 2, both n = 500).
import {
  circles,
  DataLoader,
  type Dataset,
  featureMap,
  gaussians,
  spiral,
  xor,
} from '@nabla/datasets';
import { mlp } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import { expect, test } from 'vitest';
import { accuracy, evaluate, fit } from '../src/index.js';
import { binaryLoss, standardized } from './helpers.js';

type Make = (options: { n: number; noise: number; seed: number }) => Dataset;

async function testAccuracy(
  make: Make,
  hidden: number[],
  epochs: number,
  features = false,
): Promise<number> {
  const lift = (d: Dataset): Dataset => (features ? { x: featureMap(d.x), y: d.y } : d);
  const { train, test: testSet } = standardized(
    lift(make({ n: 500, noise: 0.1, seed: 1 })),
    lift(make({ n: 500, noise: 0.1, seed: 2 })),
  );
  const model = mlp([train.x.shape[1]!, ...hidden, 1], { activation: 'tanh', seed: 3 });
  const history = await fit(model, {
    loss: binaryLoss,
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    train: new DataLoader(train, { batchSize: 32, shuffle: true, seed: 4 }),
    epochs,
  });
  expect(history.stop.reason).toBe('completed');
  const result = evaluate(model, testSet, { metrics: [accuracy()] }).metrics.accuracy;
  return result as number;
}

test('circles: 2-8-1 tanh, 50 epochs', async () => {
  expect(await testAccuracy(circles, [8], 50)).toBeGreaterThanOrEqual(0.95);
});

test('xor: 2-8-1 tanh, 50 epochs', async () => {
  expect(await testAccuracy(xor, [8], 50)).toBeGreaterThanOrEqual(0.95);
});

test('gaussians: 2-8-1 tanh, 30 epochs', async () => {
  expect(await testAccuracy(gaussians, [8], 30)).toBeGreaterThanOrEqual(0.95);
});

test('spiral: two hidden layers of 16 (2-16-16-1 tanh), 100 epochs', async () => {
  expect(await testAccuracy(spiral, [16, 16], 100)).toBeGreaterThanOrEqual(0.95);
});

test('spiral with the feature map (x1, x2, x1², x2², x1·x2, sin x1, sin x2): 7-8-1, 100 epochs', async () => {
  expect(await testAccuracy(spiral, [8], 100, true)).toBeGreaterThanOrEqual(0.95);
});

test('spiral is out of reach of one small hidden layer without the features (2-8-1)', async () => {
  expect(await testAccuracy(spiral, [8], 100)).toBeLessThan(0.8);
});

// The two seeded runs whose results must not depend on the process: a short run on the
// embedded MNIST sample and one on the spiral toy set, both with dropout on, shuffled
// minibatches and Adam. Plain JavaScript so child processes run it on the built libraries.
import { DataLoader, gatherRows, loadMnistSample, spiral } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { mlp } from '@nabla/nn';
import { Adam, CosineAnnealingLR } from '@nabla/optim';
import { accuracy, fit } from '@nabla/train';
import { historyBytes, sha256, weightBytes } from './digest.mjs';

/** How much to train: the short suite's size or the long one's. */
export const SIZES = {
  short: { mnistSamples: 1500, mnistEpochs: 1, mnistHidden: [64], spiralEpochs: 15 },
  long: { mnistSamples: 10000, mnistEpochs: 3, mnistHidden: [128, 64], spiralEpochs: 80 },
};

const first = (t, n) =>
  gatherRows(
    t,
    Array.from({ length: n }, (_, i) => i),
  );

async function digestOf(model, options) {
  const history = await fit(model, options);
  const weights = weightBytes(model);
  const log = historyBytes(history);
  return {
    weights: sha256(weights),
    history: sha256(log),
    weightBytes: weights.length,
    historyBytes: log.length,
    finalLoss: history.epochs.at(-1).loss,
  };
}

export async function mnistDigest(size, seed) {
  const { train, test } = loadMnistSample();
  const x = first(train.x, size.mnistSamples);
  const y = first(train.y, size.mnistSamples);
  const model = mlp([784, ...size.mnistHidden, 10], { dropout: 0.2, seed });
  const optimizer = new Adam(model.parameters(), { lr: 2e-3 });
  return digestOf(model, {
    loss: crossEntropy,
    optimizer,
    scheduler: new CosineAnnealingLR(optimizer, { tMax: size.mnistEpochs }),
    train: new DataLoader({ x, y }, { batchSize: 64, shuffle: true, seed: seed + 1 }),
    val: new DataLoader({ x: first(test.x, 500), y: first(test.y, 500) }, { batchSize: 250 }),
    epochs: size.mnistEpochs,
    metrics: [accuracy()],
  });
}

export async function spiralDigest(size, seed) {
  const model = mlp([2, 24, 24, 2], { activation: 'tanh', dropout: 0.1, seed });
  return digestOf(model, {
    loss: crossEntropy,
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    train: new DataLoader(spiral({ n: 400, noise: 0.1, seed }), {
      batchSize: 32,
      shuffle: true,
      seed: seed + 1,
    }),
    val: new DataLoader(spiral({ n: 200, noise: 0.1, seed: seed + 2 }), { batchSize: 200 }),
    epochs: size.spiralEpochs,
    metrics: [accuracy()],
  });
}

// Loads the embedded MNIST sample and the full MNIST from ../shared/data/mnist (or $MNIST_DIR),
// checks the files' SHA-256s, and times one shuffled epoch of minibatches. Not part of CI:
//
//   pnpm --filter @nabla/datasets build && node packages/datasets/examples/mnist.mjs
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataLoader, loadMnistSample, standardize } from '@nabla/datasets';
import { loadMnist } from '@nabla/datasets/node';

const root = process.env.MNIST_DIR ?? resolve(import.meta.dirname, '../../../../shared/data/mnist');
const ms = (start) => `${(performance.now() - start).toFixed(0)} ms`;

let start = performance.now();
const sample = await loadMnistSample();
console.log(
  `embedded sample: train ${sample.train.x.shape}, test ${sample.test.x.shape} in ${ms(start)}`,
);

if (!existsSync(root)) {
  console.log(`no MNIST files in ${root}; set MNIST_DIR, or use loadMnist({ download: true })`);
  process.exit(0);
}
start = performance.now();
const mnist = await loadMnist({ root });
console.log(
  `full MNIST (verified): train ${mnist.train.x.shape}, test ${mnist.test.x.shape} in ${ms(start)}`,
);

const { x: trainX, stats } = standardize(mnist.train.x, { global: true });
console.log(
  `pixel mean ${stats.mean[0].toFixed(4)}, std ${stats.std[0].toFixed(4)} (the usual 0.1307, 0.3081)`,
);

const loader = new DataLoader(
  { x: trainX, y: mnist.train.y },
  { batchSize: 128, shuffle: true, seed: 0 },
);
start = performance.now();
let samples = 0;
for (const { y } of loader) samples += y.size;
console.log(`one shuffled epoch: ${loader.length} batches, ${samples} samples in ${ms(start)}`);

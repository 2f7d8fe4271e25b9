// Trains an MLP on the full MNIST (60,000 training digits, 10,000 test digits) and reports the
// test accuracy and the time it took: the lecture's flow, data → model → loss → optimizer → fit
// with early stopping, at full size. Not part of CI (it takes a while on the pure-TypeScript
// kernels). Build first, then run from the repository root:
//
//   pnpm turbo run build --filter=@nabla/train...
//   node packages/train/examples/full-mnist.mjs [mnist-dir]
//
// mnist-dir defaults to ../shared/data/mnist next to the repository (the four IDX .gz files;
// they are checked against their SHA-256 sums). Settings come from the environment:
// HIDDEN=512,256 DROPOUT=0.2 EPOCHS=20 BATCH=128 LR=0.001 PATIENCE=5 SMOOTHING=0.5 SEED=1.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataLoader, standardize, trainValSplit } from '@nabla/datasets';
import { loadMnist } from '@nabla/datasets/node';
import { crossEntropy } from '@nabla/losses';
import { mlp } from '@nabla/nn';
import { Adam, CosineAnnealingLR } from '@nabla/optim';
import { accuracy, EarlyStopping, evaluate, fit } from '@nabla/train';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = process.argv[2] ?? resolve(here, '../../../../shared/data/mnist');
const env = (name, fallback) => process.env[name] ?? fallback;
const hidden = env('HIDDEN', '512,256').split(',').map(Number);
const dropout = Number(env('DROPOUT', '0.2'));
const epochs = Number(env('EPOCHS', '20'));
const batchSize = Number(env('BATCH', '128'));
const lr = Number(env('LR', '0.001'));
const seed = Number(env('SEED', '1'));

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

// Data: the standard split, 5,000 training digits held out for early stopping, and inputs
// standardized with the training digits' mean and standard deviation (one for all pixels).
const { train: full, test } = await loadMnist({ root });
const { train, val } = trainValSplit(full, { valFraction: 1 / 12, seed, stratified: true });
const { x, stats } = standardize(train.x, { global: true });
const scale = (d) => ({ x: standardize(d.x, { stats }).x, y: d.y });
console.log(
  `MNIST from ${root}: ${train.y.size} train, ${val.y.size} val, ${test.y.size} test (${seconds()} s)`,
);

// Model (dropout after each hidden layer, off in evaluation), loss, optimizer and schedule.
const model = mlp([784, ...hidden, 10], { seed, dropout });
const loss = (out, y) => crossEntropy(out, y, { check: 'off' });
const optimizer = new Adam(model.parameters(), { lr });
const scheduler = new CosineAnnealingLR(optimizer, { tMax: epochs });
const early = new EarlyStopping({
  monitor: 'valLoss',
  patience: Number(env('PATIENCE', '5')),
  smoothing: Number(env('SMOOTHING', '0.5')),
});
console.log(`${model.toString().replaceAll('\n', ' ')}: ${model.numParameters()} parameters`);

const history = await fit(model, {
  loss,
  optimizer,
  scheduler,
  train: new DataLoader({ x, y: train.y }, { batchSize, shuffle: true, seed }),
  val: new DataLoader(scale(val), { batchSize: 1000 }),
  epochs,
  metrics: [accuracy()],
  callbacks: [early],
  onProgress(event) {
    if (event.type === 'batch' && event.batch % 50 === 0) {
      process.stderr.write(
        `\r  epoch ${event.epoch} batch ${event.batch}/${event.batches} loss ${event.meanLoss.toFixed(4)}`,
      );
    } else if (event.type === 'epochEnd') {
      const e = event.log;
      process.stderr.write('\r');
      console.log(
        `epoch ${e.epoch}: loss ${e.loss.toFixed(4)} acc ${e.metrics.accuracy.toFixed(4)} | val loss ${e.valLoss.toFixed(4)} acc ${e.valMetrics.accuracy.toFixed(4)} | lr ${e.lr.toExponential(2)} |grad| ${e.gradNorm.toFixed(3)} | ${e.time.toFixed(1)} s, ${Math.round(e.samplesPerSecond)} samples/s`,
      );
    }
  },
});
console.log(history.stop.message);
if (early.restoredEpoch !== null && early.restoredEpoch !== history.epochs.length) {
  console.log(`restored the weights of epoch ${early.restoredEpoch}, the best`);
} else if (early.bestEpoch === history.epochs.length) {
  console.log('the last epoch was the best');
}

const result = evaluate(model, scale(test), { loss, metrics: [accuracy()] });
console.log(
  `test accuracy ${(100 * result.metrics.accuracy).toFixed(2)}% (loss ${result.loss.toFixed(4)}) after ${history.epochs.length} epochs; ${seconds()} s in all`,
);

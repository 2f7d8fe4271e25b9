import assert from 'node:assert/strict';
import { crossEntropyWithLogits } from '@nabla/autograd';
import { circles, DataLoader } from '@nabla/datasets';
import { mlp } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import {
  accuracy,
  decodeCheckpoint,
  EarlyStopping,
  encodeCheckpoint,
  evaluate,
  fit,
} from '@nabla/train';
import { loadCheckpoint, ModelCheckpoint, saveCheckpoint } from '@nabla/train/node';

// Five epochs on circles with a small MLP: the loss must fall and the History must be complete.
const data = circles({ n: 300, noise: 0.1, seed: 1 });
const model = mlp([2, 16, 2], { activation: 'tanh', seed: 2 });
let checkpoint = null;
const history = await fit(model, {
  loss: (out, y) => crossEntropyWithLogits(out, y),
  optimizer: new Adam(model.parameters(), { lr: 0.02 }),
  train: new DataLoader(data, { batchSize: 32, shuffle: true, seed: 3 }),
  val: new DataLoader(circles({ n: 100, noise: 0.1, seed: 4 }), { batchSize: 100 }),
  epochs: 5,
  metrics: [accuracy()],
  callbacks: [
    new EarlyStopping({ patience: 3 }),
    {
      onTrainEnd: (ctx) => {
        checkpoint = ctx.checkpoint();
      },
    },
  ],
});
assert.equal(history.epochs.length, 5);
assert.equal(history.stop.reason, 'completed');
const first = history.epochs[0];
const last = history.epochs[4];
assert.ok(last.loss < first.loss, `loss ${first.loss} -> ${last.loss}`);
assert.ok(last.valMetrics.accuracy > 0.8, `val accuracy ${last.valMetrics.accuracy}`);
assert.ok(evaluate(model, data, { metrics: [accuracy()] }).metrics.accuracy > 0.8);

// Checkpoints survive bytes; the node entry point exists.
assert.equal(decodeCheckpoint(encodeCheckpoint(checkpoint)).epoch, 5);
assert.equal(typeof saveCheckpoint, 'function');
assert.equal(typeof loadCheckpoint, 'function');
assert.equal(new ModelCheckpoint({ path: 'model.safetensors' }).save, 'last');
console.log('@nabla/train ok');

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sum } from '@nabla/autograd';
import {
  fromSafetensors,
  Linear,
  mlp,
  Perceptron,
  SafetensorsError,
  Sequential,
  StateDictError,
  Tanh,
  toSafetensors,
} from '@nabla/nn';
import { loadModel, saveModel } from '@nabla/nn/node';
import { tensor } from '@nabla/tensor';

// PyTorch's layout and keys, gradients through the layers.
const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 2)).to('float64');
assert.deepEqual(Object.keys(model.stateDict()), ['0.weight', '0.bias', '2.weight', '2.bias']);
assert.deepEqual(model[0].weight.shape, [8, 4]);
const x = tensor([[1, 2, 3, 4]], { dtype: 'float64' });
sum(model.forward(x)).backward();
assert.ok(model.parameters().every((p) => p.grad !== null));

// State dicts through safetensors, in memory and on disk.
const copy = new Sequential(new Linear(4, 8, { seed: 9 }), new Tanh(), new Linear(8, 2)).to(
  'float64',
);
copy.loadStateDict(fromSafetensors(toSafetensors(model.stateDict(), { note: 'smoke' })).tensors);
assert.deepEqual(copy.forward(x).toArray(), model.forward(x).toArray());
assert.throws(() => mlp([4, 3]).loadStateDict(model.stateDict()), StateDictError);
assert.throws(() => fromSafetensors(new Uint8Array(4)), SafetensorsError);
const dir = mkdtempSync(join(tmpdir(), 'nabla-nn-'));
try {
  await saveModel(join(dir, 'model.safetensors'), model, { note: 'smoke' });
  assert.deepEqual(readdirSync(dir), ['model.safetensors']);
  const loaded = mlp([4, 8, 2], { activation: 'tanh', dtype: 'float64', seed: 3 });
  const { metadata } = await loadModel(join(dir, 'model.safetensors'), loaded);
  assert.equal(metadata.note, 'smoke');
  assert.deepEqual(loaded.forward(x).toArray(), model.forward(x).toArray());
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The perceptron learns AND and gives up on XOR.
const inputs = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
assert.equal(new Perceptron(2).fit(inputs, [0, 0, 0, 1]).converged, true);
assert.equal(new Perceptron(2).fit(inputs, [0, 1, 1, 0], { maxEpochs: 20 }).converged, false);
console.log('@nabla/nn ok');
